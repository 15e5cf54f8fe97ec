"""Close the loop by itself (issue 19): a new load of answers lands as a Parquet file; the
Dagster sensor starts the new-loads run, which updates the metrics and sends one routed alert
per new negative answer to a local webhook receiver and a local SMTP server.

The expected alerts and destinations are worked out here from the rows written and the
routing rules (first match wins), not read from the ledger.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest
from aiosmtpd.controller import Controller
from conftest import PROJECT, dbt_env, parquet_demo_inputs, run_dbt
from dagster import DagsterInstance, DagsterRunStatus, build_sensor_context
from test_incremental import SURVEY_MARTS, _copy_of, _variables

from cx_metrics.alerts.rounds import send_round
from cx_metrics.alerts.settings import AlertSettings
from cx_metrics.demo_data.generator import DemoConfig
from cx_metrics.orchestration import build_definitions
from cx_metrics.orchestration.factory import NEW_LOADS_JOB
from cx_metrics.orchestration.sensors import NEW_LOADS_SENSOR
from cx_metrics.project import DbtSettings

ROUTES = [
    {"segment": "enterprise", "owner": "key-accounts", "destination": "email:keys@example.com"},
    {"touchpoint": "support", "owner": "support-leads", "destination": "webhook:support"},
    {"owner": "cx-team", "destination": "webhook:default"},
]
NOW = datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _build(db: Path, variables: dict) -> None:
    """A full build of every model with these vars (the routes included), as a daily refresh
    leaves the live file."""
    for step in (["seed"], ["run"]):
        done = run_dbt(step, db, variables)
        assert done.returncode == 0, done.output[-5000:]


class Receiver(BaseHTTPRequestHandler):
    """Records every POST; a path listed in `failures` answers 500 that many times first."""

    received: list[tuple[str, dict]] = []
    requests: list[str] = []
    failures: dict[str, int] = {}

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        path = self.path.strip("/")
        Receiver.requests.append(path)
        if Receiver.failures.get(path, 0) > 0:
            Receiver.failures[path] -= 1
            self.send_response(500)
        else:
            Receiver.received.append((path, body))
            self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append((envelope.rcpt_tos, envelope.content.decode()))
        return "250 OK"


@pytest.fixture(scope="module")
def receivers() -> Iterator[tuple[ThreadingHTTPServer, Controller, Mailbox]]:
    http = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    mailbox = Mailbox()
    with socket.socket() as probe:  # aiosmtpd needs a port of its own, not 0
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    smtp = Controller(mailbox, hostname="127.0.0.1", port=port)
    smtp.start()
    yield http, smtp, mailbox
    smtp.stop()
    http.shutdown()


def _new_load(con: duckdb.DuckDBPyConnection, source: str, customers: dict[str, str]) -> dict:
    """The new load's rows: {response_id: (sql of the row, expected destination or None)}."""
    at = (NOW - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S")
    where = "touchpoint not in ('relationship', 'support')"
    rows = {  # (customer, touchpoint, survey_type, score) -> destination by the rules above
        "NEW-1": (customers["enterprise"], "support", "nps", "2", "email:keys@example.com"),
        "NEW-2": (customers["smb"], "support", "nps", "5", "webhook:support"),
        "NEW-3": (customers["smb"], None, "nps", "6", "webhook:default"),
        "NEW-4": (customers["smb"], None, "nps", "7", None),  # a passive: no alert
        "NEW-5": (customers["mid_market"], None, "csat", "2", "webhook:default"),
    }
    made = {}
    for key, (customer, touchpoint, survey_type, score, destination) in rows.items():
        changes = {"response_id": key, "customer_id": customer, "responded_at": at}
        changes |= {"survey_type": survey_type, "score": score}
        if touchpoint:
            changes["touchpoint"] = touchpoint
        made[key] = (_copy_of(con, source, where, **changes), destination)
    return made


def _write(con: duckdb.DuckDBPyConnection, sql: str, loaded_at: datetime, path: Path) -> None:
    stamp = loaded_at.strftime("%Y-%m-%d %H:%M:%S")
    con.execute(
        f"copy (select *, timestamp '{stamp}' as _loaded_at from ({sql})) to '{path}'"
        " (format parquet)"
    )


@pytest.fixture(scope="module")
def loop(tmp_path_factory, receivers) -> Iterator[dict]:
    """The history built, then the sensor's first tick and run, a new load, the next tick and
    run, and a third tick with nothing new."""
    http, smtp, _ = receivers
    root = tmp_path_factory.mktemp("alerts")
    few_bad = {"survey_responses": 2, "customers": 1, "support_tickets": 2, "feedback_followups": 1}
    config = DemoConfig(customers=600, customers_per_chunk=300, bad_rows=few_bad)
    generated = parquet_demo_inputs(root, config, "9")
    inputs, source = generated.folder, generated.survey_source
    con = duckdb.connect()
    customers = dict(
        con.execute(
            f"select segment, min(customer_id) from '{inputs}/customers.parquet'"
            " where segment is not null group by segment"
        ).fetchall()
    )
    history = inputs / "survey_responses" / "history.parquet"
    _write(con, f"select * from {source}", NOW - timedelta(days=2), history)
    db = root / "live.duckdb"
    variables = {
        **_variables(inputs),
        "cx_alert_routes": ROUTES,
        "cx_using_followup_alerts": True,
        "cx_alert_audit_path": str(root / "alerts" / "followup_alerts.parquet"),
    }
    _build(db, variables)
    environment = {
        **dbt_env(db),
        "CX_ALERTS": "on",
        "CX_ALERTS_DIR": str(root / "alerts"),
        "CX_ALERT_BACKOFF_SECONDS": "0.05",
        "CX_ALERT_WEBHOOK_DEFAULT": f"http://127.0.0.1:{http.server_port}/default",
        "CX_ALERT_WEBHOOK_SUPPORT": f"http://127.0.0.1:{http.server_port}/support",
        "CX_ALERT_SMTP_HOST": "127.0.0.1",
        "CX_ALERT_SMTP_PORT": str(smtp.port),
        "CX_ALERT_CASE_URL": "https://crm.example.com/cases/{response_id}",
    }
    with pytest.MonkeyPatch.context() as patch:
        for name, value in environment.items():
            patch.setenv(name, value)
        for name in ("CX_DBT_PROJECT_DIR", "CX_DBT_PROFILES_DIR", "CX_DBT_TARGET", "CX_DBT_VARS"):
            patch.delenv(name, raising=False)
        defs = build_definitions(project_dir=PROJECT, profiles_dir=PROJECT, dbt_vars=variables)
        instance = DagsterInstance.ephemeral()
        sensor = defs.resolve_sensor_def(NEW_LOADS_SENSOR)
        job = defs.resolve_job_def(NEW_LOADS_JOB)

        def tick(cursor: str | None):
            context = build_sensor_context(instance=instance, cursor=cursor, definitions=defs)
            data = sensor.evaluate_tick(context)
            runs = [
                job.execute_in_process(instance=instance, tags=r.tags, raise_on_error=False)
                for r in data.run_requests or []
            ]
            return data, runs

        first, first_runs = tick(None)
        sent_before = len(Receiver.received)
        Receiver.failures["support"] = 2
        new = _new_load(con, source, customers)
        union = " union all ".join(sql for sql, _ in new.values())
        _write(con, union, NOW, inputs / "survey_responses" / "new.parquet")
        second, second_runs = tick(first.cursor)
        third, third_runs = tick(second.cursor)
        settings = DbtSettings.resolve(PROJECT, PROJECT, None, json.dumps(variables))
        alerts = AlertSettings.from_env(PROJECT)
        yield {
            "db": db,
            "inputs": inputs,
            "root": root,
            "variables": variables,
            "new": new,
            "ticks": [(first, first_runs), (second, second_runs), (third, third_runs)],
            "sent_before": sent_before,
            "settings": settings,
            "alerts": alerts,
            "instance": instance,
            "defs": defs,
            "tick": tick,
        }


def _ledger(loop: dict, sql: str) -> list[tuple]:
    with duckdb.connect(str(loop["alerts"].ledger), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_the_first_tick_starts_one_run_that_alerts_nothing_old(loop):
    (data, runs), _, _ = loop["ticks"]
    assert len(data.run_requests) == 1 and [r.success for r in runs] == [True]
    assert data.run_requests[0].tags["cx/new_loads"] == "true"
    assert loop["sent_before"] == 0  # the history is older than CX_ALERT_MAX_AGE_HOURS


def test_the_new_load_sends_one_alert_per_negative_answer_to_its_route(loop, receivers):
    _, mailbox = receivers[1], receivers[2]
    _, (data, runs), _ = loop["ticks"]
    assert len(data.run_requests) == 1 and [r.success for r in runs] == [True]
    expected = {k: d for k, (_, d) in loop["new"].items() if d}
    assert len(expected) == 4
    hooks = {
        body["metadata"]["event_payload"]["response_id"]: f"webhook:{path}"
        for path, body in Receiver.received
    }
    mails = {}
    for recipients, content in mailbox.messages:
        (alert_id,) = [ln.split(": ")[1] for ln in content.splitlines() if ln.startswith("X-CX")]
        mails[alert_id.split(":")[1]] = f"email:{recipients[0]}"
    assert {**hooks, **mails} == expected
    assert len(Receiver.received) + len(mailbox.messages) == 4  # each exactly once


def test_an_alert_says_what_the_owner_needs_and_no_comment(loop):
    (body,) = [b for p, b in Receiver.received if "NEW-3" in b["text"]]
    assert "Score: 6" in body["text"] and "Owner: cx-team" in body["text"]
    assert "https://crm.example.com/cases/NEW-3" in body["text"]
    assert "Comment" not in body["text"]  # cx_alert_include_comment is false
    assert body["blocks"][0]["type"] == "header"


def test_a_failing_receiver_gets_the_alert_once_after_the_retries(loop):
    assert Receiver.requests.count("support") == 3  # two 500s, then delivered
    assert [p for p, _ in Receiver.received].count("support") == 1
    attempts = _ledger(
        loop,
        "select attempt, succeeded from delivery_attempts where alert_id = 'alert:NEW-2'"
        " order by attempt",
    )
    assert attempts == [(1, False), (2, False), (3, True)]
    status = "select status, attempts from followup_alerts where alert_id = 'alert:NEW-2'"
    assert _ledger(loop, status) == [("sent", 3)]


def test_a_tick_with_nothing_new_starts_nothing(loop):
    _, _, (data, runs) = loop["ticks"]
    assert not data.run_requests and runs == []
    assert "no new loads" in data.skip_message


def test_the_sensor_waits_while_a_refresh_runs(loop):
    instance, defs = loop["instance"], loop["defs"]
    run = instance.create_run_for_job(
        defs.resolve_job_def("cx_refresh"), status=DagsterRunStatus.STARTED
    )
    try:
        (loop["inputs"] / "survey_responses" / "empty.parquet").write_bytes(
            (loop["inputs"] / "survey_responses" / "new.parquet").read_bytes()
        )
        seen = loop["ticks"][1][0].cursor
        data, runs = loop["tick"](seen)
        assert not data.run_requests and "queued or running" in data.skip_message
        assert data.cursor in (None, seen)  # not moved on: the files wait for a free tick
    finally:
        instance.report_run_failed(run)
        (loop["inputs"] / "survey_responses" / "empty.parquet").unlink()


def test_rerunning_the_round_sends_nothing_twice(loop):
    before = len(Receiver.received)
    result = send_round(loop["settings"], loop["alerts"], now=NOW + timedelta(minutes=5))
    assert result.recorded == {"alert": 0, "escalation": 0} and result.attempts == 0
    assert len(Receiver.received) == before


def test_an_overdue_item_escalates_once(loop, receivers):
    mailbox = receivers[2]
    later = NOW + timedelta(hours=49)  # past cx_followup_sla_hours (48) for the new answers
    sent = len(Receiver.received) + len(mailbox.messages)
    first = send_round(loop["settings"], loop["alerts"], now=later)
    again = send_round(loop["settings"], loop["alerts"], now=later + timedelta(hours=1))
    assert first.recorded["escalation"] == 4 and first.sent["escalation"] == 4
    assert again.recorded["escalation"] == 0 and again.attempts == 0
    assert len(Receiver.received) + len(mailbox.messages) == sent + 4
    escalated = _ledger(loop, "select response_id from followup_alerts where kind = 'escalation'")
    assert sorted(r[0] for r in escalated) == ["NEW-1", "NEW-2", "NEW-3", "NEW-5"]


def test_the_audit_export_lists_every_alert(loop):
    with duckdb.connect() as con:
        rows = con.execute(
            f"select kind, status, count(*) from '{loop['alerts'].audit}' group by all"
        ).fetchall()
    assert {(k, s): n for k, s, n in rows}[("alert", "sent")] == 4


def test_the_warehouse_has_the_audit_and_the_close_the_loop_times(loop):
    """After the sensor's run: its 4 alerts in cx__followup_alerts, and this month's
    cx__close_the_loop row counts them, with the median of (sent − answered) in hours."""
    month = NOW.replace(day=1).date()
    with duckdb.connect(str(loop["db"]), read_only=True) as con:
        audit = con.execute(
            "select response_id, status, sent_at from cx__followup_alerts where kind = 'alert'"
        ).fetchall()
        (row,) = con.execute(
            "select negative_answers, alerted_answers, median_hours_to_alert"
            " from cx__close_the_loop where period_grain = 'month' and dimension = 'all'"
            " and period_start = ?",
            [month],
        ).fetchall()
    assert sorted(r[0] for r in audit) == ["NEW-1", "NEW-2", "NEW-3", "NEW-5"]
    assert {r[1] for r in audit} == {"sent"}
    answered = NOW - timedelta(hours=1)
    hours = sorted((sent - answered).total_seconds() / 3600 for _, _, sent in audit)
    assert row[0] == 4 and row[1] == 4
    assert row[2] == pytest.approx((hours[1] + hours[2]) / 2)


@pytest.mark.parametrize("table", [*SURVEY_MARTS, "cx__feedback_followups", "cx__rejected_records"])
def test_the_metrics_after_the_sensor_run_equal_a_full_rebuild(loop, table):
    full = loop["root"] / "full.duckdb"
    if not full.exists():
        _build(full, loop["variables"])
    columns = "* exclude (status, status_as_of)" if table == "cx__feedback_followups" else "*"
    assert _differences_elsewhere(loop["db"], full, table, columns) == 0


def _differences_elsewhere(left: Path, right: Path, table: str, columns: str) -> int:
    """_differences in a child process: the in-process run's DuckDB instance still names the
    published file (a run launched by Dagster has a process of its own, which ends with it)."""
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r});"
        " from test_incremental import _differences;"
        f" print(_differences(*map(__import__('pathlib').Path, {[str(left), str(right)]!r}),"
        f" {table!r}, {columns!r}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return int(done.stdout.strip())


def test_a_new_load_that_fails_validation_stops_the_run_before_the_marts(loop):
    """Every row of this load has an unknown survey type: 100% would be rejected, past
    cx_validation_max_rejected_pct (5). The survey input's blocking check stops the run before
    any mart is built or any alert sent. (Last in the file: the full-rebuild tests above
    compare the good loads.)"""
    con = duckdb.connect()
    folder = loop["inputs"] / "survey_responses"
    bad = folder / "bad.parquet"
    new = f"'{folder / 'new.parquet'}'"
    _write(
        con,
        f"select * exclude (_loaded_at) replace ('unknown' as survey_type,"
        f" 'BAD-' || response_id as response_id) from {new}",
        NOW + timedelta(minutes=1),
        bad,
    )
    sent = len(Receiver.received)
    try:
        data, runs = loop["tick"](loop["ticks"][2][0].cursor)
        (run,) = runs
        assert not run.success
        (validation,) = [
            c for c in run.get_asset_check_evaluations() if c.check_name == "great_expectations"
        ]
        assert not validation.passed and validation.asset_key.path == ["raw", "survey_responses"]
        assert run.get_asset_materialization_events() == []
        assert len(Receiver.received) == sent
        assert (
            _differences_elsewhere(
                loop["db"], loop["root"] / "full.duckdb", "cx__survey_responses", "*"
            )
            == 0
        )
    finally:
        bad.unlink()


def test_a_new_loads_run_leaves_the_unit_tests_to_the_daily_refresh(loop):
    _, (_, runs), _ = loop["ticks"]
    logs = [e.user_message for e in loop["instance"].all_logs(runs[0].run_id)]
    builds = [m for m in logs if m.startswith("Running dbt command") and " build " in m]
    assert len(builds) == 2  # the survey marts, then the models after the alert round
    assert all(" build --exclude-resource-type unit_test " in m for m in builds)


def test_the_metrics_are_published_before_the_audit_models_are_built(loop):
    """publish/metrics swaps the run's copy in after the alert round; the audit models are
    built after it, on a new copy, and publish/duckdb_file swaps that in."""
    _, (_, runs), _ = loop["ticks"]
    order = [
        e.asset_key.to_user_string()
        for e in runs[0].all_events
        if e.is_step_materialization and e.asset_key
    ]
    wanted = [
        "marts/cx__survey_responses",
        "alerts/followup_alerts",
        "publish/metrics",
        "marts/cx__followup_alerts",
        "publish/duckdb_file",
    ]
    assert [key for key in order if key in wanted] == wanted
