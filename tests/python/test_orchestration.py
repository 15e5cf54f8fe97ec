"""Dagster on the demo project (integration_tests/): definitions load, lineage, schedule,
in-process runs, blocking checks, webserver. A user's own project: test_consumer_orchestration."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import BIN, REPO, dbt_env, downstream, query, run_dbt
from dagster import AssetKey, DagsterInstance, Definitions, ExecuteInProcessResult

from cx_metrics.orchestration import build_definitions
from cx_metrics.orchestration.publishing import PUBLISH_KEY
from cx_metrics.refresh import STEPS

sys.path.insert(0, str(Path(__file__).parent))
from bi_reader import Readers  # noqa: E402
from test_engine_parity import Refreshed, assert_refresh, duckdb_tables  # noqa: E402
from test_publishing import fingerprint  # noqa: E402

INPUTS = ["survey_responses", "customers", "support_tickets", "feedback_followups", "orders"]
DEMO_SEEDS = "cx_metrics_integration_tests"  # the integration project's own nodes


@pytest.fixture(scope="module")
def dagster_db(tmp_path_factory) -> tuple[Path, Definitions]:
    """The demo's definitions, built with dbt's files (DuckDB, target, logs) in a temporary
    folder: (the DuckDB file, the definitions)."""
    db = tmp_path_factory.mktemp("dagster") / "dagster.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        for name, value in dbt_env(db).items():
            patch.setenv(name, value)
        for name in (
            *("CX_DBT_PROJECT_DIR", "CX_DBT_PROFILES_DIR", "CX_DBT_TARGET", "CX_DBT_VARS"),
            *("CX_REFRESH_CRON", "CX_REFRESH_TIMEZONE"),
        ):
            patch.delenv(name, raising=False)
        patch.setenv("CX_INPUT_MAX_AGE_HOURS", str(10 * 365 * 24))  # the demo data is old
        yield db, build_definitions()


@dataclass
class Refreshes:
    before: list[int]  # the published file's fingerprint before the runs
    failing: ExecuteInProcessResult
    after_failing: list[int]
    passing: ExecuteInProcessResult
    answers: dict[str, list[dict]]  # what the BI readers read, by mode


@pytest.fixture(scope="module")
def refreshes(dagster_db, demo, tmp_path_factory) -> Refreshes:
    """The session's demo build (the same project and inputs) as the published file; then, with
    BI readers connected, a scheduled refresh in which a dbt test fails, and a passing one, which
    the other tests read."""
    db, defs = dagster_db
    shutil.copyfile(demo[0], db)
    before = fingerprint(db)
    folder = tmp_path_factory.mktemp("readers")
    # Two readers at 4 polls a second: enough to catch a lock or a missing file on 2 cores.
    with Readers(db, folder, ("keep", "reconnect"), poll_seconds=0.25) as readers:
        failing = _run(build_definitions(dbt_vars={"cx_test_fail_on_purpose": True}))
        after_failing = fingerprint(db)
        passing = _run(defs)
    return Refreshes(before, failing, after_failing, passing, readers.answers)


@pytest.fixture(scope="module")
def passing_refresh(refreshes) -> ExecuteInProcessResult:
    """The passing refresh: everything built and published."""
    return refreshes.passing


def test_lineage_runs_from_every_raw_input_through_staging_to_marts(dagster_db):
    graph = dagster_db[1].resolve_asset_graph()
    for name in INPUTS:
        raw, staging = AssetKey(["raw", name]), AssetKey(["staging", f"stg_cx__{name}"])
        assert raw in graph.get(staging).parent_keys
        marts = {k for k in downstream(graph, raw) if k.path[0] == "marts"}
        assert AssetKey(["marts", "cx__rejected_records"]) in marts
        assert len(marts) >= 2, name
        # The demo seed that loads the input comes first (cx_input_upstream).
        seed = AssetKey([DEMO_SEEDS, f"cx_demo__{name}"])
        assert staging in downstream(graph, seed)
    nps = AssetKey(["marts", "cx__nps"])
    assert AssetKey(["raw", "survey_responses"]) in {
        k for k in graph.get_all_asset_keys() if nps in downstream(graph, k)
    }
    # The insight marts: changes after the survey marts, revenue after customers and surveys.
    survey_downstream = downstream(graph, nps)
    for name in ("cx__metric_changes", "cx__touchpoint_drivers"):
        assert AssetKey(["marts", name]) in survey_downstream, name
    customers = downstream(graph, AssetKey(["raw", "customers"]))
    surveys = downstream(graph, AssetKey(["raw", "survey_responses"]))
    for name in ("cx__revenue_by_nps", "cx__revenue_at_risk", "cx__customer_health"):
        assert AssetKey(["marts", name]) in customers & surveys, name
    groups = {graph.get(k).group_name for k in graph.get_all_asset_keys()}
    assert groups == {
        "raw",
        "seeds",
        "staging",
        "intermediate",
        "marts",
        "semantic",
        "publish",
        DEMO_SEEDS,
    }


def test_checks_are_blocking_validation_and_dbt_tests(dagster_db):
    checks = dagster_db[1].resolve_asset_graph().asset_check_keys
    for name in INPUTS:
        assert any(
            c.asset_key == AssetKey(["raw", name]) and c.name == "great_expectations"
            for c in checks
        )
        assert any(c.asset_key == AssetKey(["raw", name]) and c.name == "freshness" for c in checks)
    # dbt data tests become asset checks on their models
    assert any(c.asset_key == AssetKey(["marts", "cx__nps"]) for c in checks)


def test_daily_schedule(dagster_db, monkeypatch):
    """Daily at 05:00 UTC (docs/dagster.md); CX_REFRESH_CRON and CX_REFRESH_TIMEZONE reach the
    schedule that Dagster runs, not only the settings module."""
    schedule = dagster_db[1].resolve_schedule_def("cx_daily_refresh")
    assert (schedule.cron_schedule, schedule.execution_timezone) == ("0 5 * * *", "UTC")
    assert schedule.job_name == "cx_refresh"
    monkeypatch.setenv("CX_REFRESH_CRON", "30 2 * * 1-5")
    monkeypatch.setenv("CX_REFRESH_TIMEZONE", "Europe/Berlin")
    moved = build_definitions().resolve_schedule_def("cx_daily_refresh")
    assert (moved.cron_schedule, moved.execution_timezone) == ("30 2 * * 1-5", "Europe/Berlin")
    assert moved.job_name == "cx_refresh"


def _run(defs: Definitions):
    return defs.resolve_job_def("cx_refresh").execute_in_process(
        instance=DagsterInstance.ephemeral(), raise_on_error=False
    )


def _check(result, input_name: str, check: str):
    (evaluation,) = [
        c
        for c in result.get_asset_check_evaluations()
        if c.check_name == check and c.asset_key == AssetKey(["raw", input_name])
    ]
    return evaluation


def test_refresh_materializes_everything(dagster_db, passing_refresh):
    db, result = dagster_db[0], passing_refresh
    assert result.success
    events = result.get_asset_materialization_events()
    assert AssetKey(["marts", "cx__cx_index"]) in {e.materialization.asset_key for e in events}
    (nps,) = [e for e in events if e.materialization.asset_key == AssetKey(["marts", "cx__nps"])]
    rows = query(db, "select count(*) from cx__nps")[0][0]
    assert nps.materialization.metadata["dagster/row_count"].value == rows
    assert all(_check(result, name, "great_expectations").passed for name in INPUTS)


def test_the_job_runs_the_refresh_steps_in_order(dagster_db, passing_refresh):
    """cx_refresh runs the steps `cx-metrics refresh` runs (cx_metrics.refresh.STEPS), in
    their order: every op of the run belongs to a step, and no op starts before an op of an
    earlier step. (Alerts are off here: that step has no op.)"""
    job = dagster_db[1].resolve_job_def("cx_refresh")
    step_ops = job.metadata["cx/step_ops"].value
    assert list(step_ops) == [step.name for step in STEPS]
    rank = {op: i for i, step in enumerate(STEPS) for op in step_ops[step.name]}
    started = [e.step_key for e in passing_refresh.all_events if e.is_step_start]
    assert set(started) == set(rank)
    assert [rank[op] for op in started] == sorted(rank[op] for op in started)
    assert {step.name for step in STEPS if not step_ops[step.name]} == {"alerts"}


def test_dagster_row_counts_and_freshness_on_duckdb(dagster_db, passing_refresh):
    """Every table's row count is the number of rows the published file holds, every input's
    freshness check saw its newest event time, and the dashboard shows the file's figures
    (test_engine_parity asserts the same of the refresh on PostgreSQL and Spark)."""
    db = dagster_db[0]
    assert_refresh(Refreshed(passing_refresh, duckdb_tables(db), db.with_suffix(".html")))


def test_the_freshness_limit_comes_from_the_cx_settings_resource(passing_refresh):
    """CX_INPUT_MAX_AGE_HOURS (set by dagster_db) reaches every freshness check through the
    cx_settings resource, bound to the variable with EnvVar."""
    limits = {
        c.metadata["max_age_hours"].value
        for c in passing_refresh.get_asset_check_evaluations()
        if c.check_name == "freshness"
    }
    assert limits == {10 * 365 * 24}


def test_a_bad_input_blocks_the_models(dagster_db, passing_refresh):
    db = dagster_db[0]
    # A threshold no demo input meets: the checks block the models.
    blocked = _run(build_definitions(dbt_vars={"cx_validation_max_rejected_pct": 1}))
    assert not blocked.success
    built = {
        e.materialization.asset_key.path[0] for e in blocked.get_asset_materialization_events()
    }
    assert built == {"seeds", DEMO_SEEDS}
    surveys = _check(blocked, "survey_responses", "great_expectations")
    assert not surveys.passed
    problem = "<= 1% of rows would be rejected"
    assert surveys.metadata["failed_blocking"].value == [problem]
    rejected = query(
        db, "select count(*) from cx__rejected_records where source_table = 'survey_responses'"
    )[0][0]
    assert surveys.metadata["failed_rows_by_problem"].value[problem] == rejected

    # The runs left the DuckDB file unlocked, and build folders do not pile up.
    after = run_dbt(["run", "--select", "cx__nps"], db)
    assert after.returncode == 0, after.output[-2000:]
    folders = list((db.parent / "target").glob("cx_dbt_*-*"))
    assert 1 <= len(folders) <= 5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _asset_parents(port: int, server: subprocess.Popen) -> dict[str, set[str]]:
    """Each asset's parents, as the webserver's GraphQL API serves them (waits up to 90 s)."""
    body = json.dumps({"query": "{ assetNodes { assetKey { path } dependencyKeys { path } } }"})
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=body.encode(),
        headers={"Content-Type": "application/json"},
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                nodes = json.load(response)["data"]["assetNodes"]
            return {
                "/".join(n["assetKey"]["path"]): {"/".join(d["path"]) for d in n["dependencyKeys"]}
                for n in nodes
            }
        except (OSError, KeyError, TypeError):
            assert server.poll() is None, server.stdout.read().decode()[-3000:]
            time.sleep(1)
    raise AssertionError("the webserver did not answer within 90 s")


def test_webserver_serves_the_asset_graph_and_stops_cleanly(tmp_path):
    port = _free_port()
    env = {**os.environ, **dbt_env(tmp_path / "web.duckdb"), "DAGSTER_HOME": str(tmp_path)}
    for name in ("CX_DBT_PROJECT_DIR", "CX_DBT_PROFILES_DIR", "CX_DBT_TARGET", "CX_DBT_VARS"):
        env.pop(name, None)
    module = "cx_metrics.orchestration.definitions"
    server = subprocess.Popen(
        [str(BIN / "dagster-webserver"), "-h", "127.0.0.1", "-p", str(port), "-m", module],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        parents = _asset_parents(port, server)
        assert "raw/survey_responses" in parents["staging/stg_cx__survey_responses"]
        assert "marts/cx__survey_responses" in parents["marts/cx__nps"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        assert server.wait(timeout=30) is not None


def test_a_scheduled_refresh_never_disturbs_open_readers(dagster_db, refreshes):
    """The refresh job builds a copy while BI readers stay connected: a failing dbt test
    publishes nothing; a passing run publishes a new file and its serving copy."""
    db = dagster_db[0]
    assert not refreshes.failing.success
    failed = {
        e.materialization.asset_key for e in refreshes.failing.get_asset_materialization_events()
    }
    assert PUBLISH_KEY not in failed
    assert refreshes.after_failing == refreshes.before
    assert refreshes.passing.success
    (published,) = [
        e.materialization
        for e in refreshes.passing.get_asset_materialization_events()
        if e.materialization.asset_key == PUBLISH_KEY
    ]
    assert published.metadata["published"].value == str(db)
    assert db.with_name("dagster_serving.duckdb").exists()
    assert not [p.name for p in db.parent.iterdir() if ".build" in p.name or ".tmp" in p.name]
    for mode, records in refreshes.answers.items():
        assert [r for r in records if "error" in r] == [], mode
        # The same inputs as the demo's build: every answer is the same.
        assert {tuple(r["answer"]) for r in records} == {tuple(refreshes.before)}, mode
