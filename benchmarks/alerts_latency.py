"""Close-the-loop latency (issue 19): from a new load landing to its alerts being posted, and to
the metrics being published, with the Dagster daemon running the cx_new_loads sensor.

The history (all but the last day of the generated responses) is built once as the live file;
the daemon starts; its first tick's run (the history) is waited for. Then a new load lands: the
last day's answers plus FRESH answered a minute ago, of which the negative ones must be alerted.
A local receiver records when each alert arrives; a read-only reader polls the live file until
the fresh answers are in cx__survey_responses.

    python benchmarks/alerts_latency.py --responses 10000000 --out build/bench
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
from run import BIN, PROJECT, REPO, SizeResult, dbt, dbt_vars, environment, measure
from run import prepare_inputs as prepare_history

from cx_metrics.orchestration.settings import sensor_interval
from cx_metrics.project import ensure_packages

# The fresh answers: (survey_type, score); negative = NPS 0-6, CSAT 1-3, CES 1-4 (defaults).
FRESH = [("nps", 2), ("nps", 5), ("nps", 6), ("nps", 7), ("nps", 9), ("csat", 2), ("csat", 5)]
NEGATIVE = {("nps", s) for s in range(7)} | {("csat", s) for s in (1, 2, 3)}
# The revenue and health marts are not read by a new-loads run.
LIVE_EXCLUDE = ["cx__revenue_at_risk", "cx__revenue_by_nps", "cx__customer_health"]
ARRIVALS: list[tuple[float, dict]] = []


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        ARRIVALS.append((time.time(), body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def build_live(work: Path, inputs: Path, variables: dict) -> float:
    """The live file as a daily refresh leaves it (seeds, every model but LIVE_EXCLUDE)."""
    db = work / "alerts_live.duckdb"
    for leftover in work.glob("alerts_live.duckdb*"):
        leftover.unlink()
    env = environment(db)
    ensure_packages(PROJECT, str(PROJECT))  # a fresh checkout has not run `dbt deps` yet
    vars_json = json.dumps(variables)
    seed = measure(dbt("seed", "--vars", vars_json), work / "alerts_seed.log", env)
    run = measure(
        dbt("run", "--exclude", *LIVE_EXCLUDE, "--vars", vars_json), work / "alerts_live.log", env
    )
    assert seed.ok and run.ok, "the live build failed (see the logs)"
    return run.seconds


def fresh_load(inputs: Path, new_day: Path, target: Path) -> int:
    """The last day's answers and the FRESH ones (copies of a clean NPS row, answered a minute
    ago), written beside the inputs and moved in at once; the negative fresh answers."""
    now = datetime.now(UTC).replace(tzinfo=None) - timedelta(minutes=1)
    at = now.strftime("%Y-%m-%d %H:%M:%S")
    loaded = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    con = duckdb.connect()
    template = (
        f"(select * exclude (_loaded_at) from '{new_day}' where survey_type = 'nps'"
        " and regexp_full_match(score, '[0-9]+') limit 1)"
    )
    fresh = " union all ".join(
        f"select * replace ('FRESH-{i}' as response_id, '{kind}' as survey_type,"
        f" '{score}' as score, '{at}' as responded_at) from {template}"
        for i, (kind, score) in enumerate(FRESH)
    )
    staged = target.with_suffix(".partial")
    con.execute(
        f"copy (select * exclude (_loaded_at), timestamp '{loaded}' as _loaded_at"
        f" from '{new_day}' union all select *, timestamp '{loaded}' from ({fresh}))"
        f" to '{staged}' (format parquet)"
    )
    con.close()
    os.replace(staged, target)  # lands whole: the sensor never sees half a file
    return sum(1 for f in FRESH if f in NEGATIVE)


def daemon_env(work: Path, inputs: Path, variables: dict, port: int) -> dict[str, str]:
    home = work / "dagster_home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir()
    shutil.copy(REPO / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    shutil.rmtree(work / "alerts_ledger", ignore_errors=True)
    return {
        **environment(work / "alerts_live.duckdb"),
        "DAGSTER_HOME": str(home),
        "CX_DBT_PROJECT_DIR": str(PROJECT),
        "CX_DBT_PROFILES_DIR": str(PROJECT),
        "CX_DBT_VARS": json.dumps(variables),
        "CX_ALERTS": "on",
        "CX_ALERTS_DIR": str(work / "alerts_ledger"),
        "CX_ALERT_WEBHOOK_DEFAULT": f"http://127.0.0.1:{port}/default",
        "CX_DASHBOARD_PATH": str(work / "alerts_dashboard.html"),  # none yet: not re-rendered
        "DBT_TARGET_PATH": str(work / "alerts_target"),
    }


def runs(home: Path) -> list[tuple[str, str, float | None, float | None]]:
    """(job, status, start, end) of every run the daemon's instance holds."""
    code = (
        "from dagster import DagsterInstance; import json; i = DagsterInstance.get();"
        " print(json.dumps([(r.dagster_run.job_name, r.dagster_run.status.value, r.start_time,"
        " r.end_time) for r in i.get_run_records()]))"
    )
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    done = subprocess.run([str(BIN / "python"), "-c", code], env=env, capture_output=True)
    return [tuple(r) for r in json.loads(done.stdout or "[]")]


def wait_for(condition, timeout: float, every: float = 0.5) -> float | None:
    start = time.time()
    while time.time() - start < timeout:
        if condition():
            return time.time()
        time.sleep(every)
    return None


def fresh_published(db: Path) -> bool:
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            query = "select count(*) from cx__survey_responses where response_id like 'FRESH-%'"
            return con.execute(query).fetchone()[0] == len(FRESH)
    except duckdb.Error:  # between the swap's two renames, or before the first publish
        return False


def finished(home: Path, count: int) -> bool:
    done = [r for r in runs(home) if r[1] in ("SUCCESS", "FAILURE", "CANCELED")]
    return len(done) >= count


def measure_latency(work: Path, inputs: Path, new_day: Path, variables: dict) -> dict:
    http = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    env = daemon_env(work, inputs, variables, http.server_port)
    home = Path(env["DAGSTER_HOME"])
    log = (work / "alerts_daemon.log").open("w")
    # The instance's SQLite storage created first: the daemon and its code server, each
    # creating it at once on a fresh DAGSTER_HOME, can leave two alembic heads (seen once).
    create = "from dagster import DagsterInstance; DagsterInstance.get()"
    subprocess.run([str(BIN / "python"), "-c", create], env=env, check=True)
    command = [str(BIN / "dagster-daemon"), "run", "-m", "cx_metrics.orchestration.definitions"]
    daemon = subprocess.Popen(
        command, env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        first = wait_for(lambda: finished(home, 1), timeout=900, every=2)
        assert first, "the sensor's first run (the history) did not finish"
        landed = time.time()
        negatives = fresh_load(inputs, new_day, inputs / "survey_responses" / "new.parquet")
        alerted = wait_for(lambda: len(ARRIVALS) >= negatives, timeout=600)
        published = wait_for(lambda: fresh_published(work / "alerts_live.duckdb"), 600)
        wait_for(lambda: finished(home, 2), timeout=300, every=2)
        record = max((r for r in runs(home) if r[2]), key=lambda r: r[2])  # the latest
    finally:
        os.killpg(daemon.pid, signal.SIGTERM)
        daemon.wait(timeout=60)
        http.shutdown()
    return {
        "fresh_negative_answers": negatives,
        "alerts_received": len(ARRIVALS),
        "seconds_to_alerts": round(alerted - landed, 1) if alerted else None,
        "seconds_to_metrics": round(published - landed, 1) if published else None,
        "seconds_to_run_start": round(record[2] - landed, 1),
        "run_seconds": round(record[3] - record[2], 1) if record[3] else None,
        "run_status": record[1],
        "sensor_interval_seconds": sensor_interval(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=10_000_000)
    parser.add_argument("--out", type=Path, default=REPO / "build" / "bench")
    args = parser.parse_args()
    work = (args.out / str(args.responses)).resolve()
    work.mkdir(parents=True, exist_ok=True)
    inputs, new_day = prepare_history(work, args.responses, SizeResult(args.responses))
    variables = json.loads(dbt_vars(inputs, cx_using_followup_alerts=True))
    variables["cx_alert_audit_path"] = str(work / "alerts_ledger" / "followup_alerts.parquet")
    result = {
        "responses": args.responses,
        "live_build_seconds": build_live(work, inputs, variables),
    }
    result |= measure_latency(work, inputs, new_day, variables)
    print(json.dumps(result, indent=2))
    (args.out / f"alerts-latency-{args.responses}.json").write_text(json.dumps(result, indent=2))
    return 0 if result["seconds_to_alerts"] and result["seconds_to_metrics"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
