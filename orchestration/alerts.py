"""The alert round as an asset of both refresh jobs: after the close-the-loop queue is built and
before publish/metrics, so it reads the run's copy and the metrics and alerts move together."""

import subprocess

import duckdb
from dagster import AssetExecutionContext, AssetKey, AssetsDefinition, Failure, asset

from cx_metrics.alerts.settings import AlertSettings
from cx_metrics.orchestration.publishing import DuckdbPublisher
from cx_metrics.project import DbtSettings
from cx_metrics.refresh import cx_command

ALERTS_KEY = AssetKey(["alerts", "followup_alerts"])
QUEUE_KEY = AssetKey(["marts", "cx__feedback_followups"])


def ledger_counts(alerts: AlertSettings) -> dict[str, int]:
    """Rows of the ledger by kind and delivery status, e.g. {'alert sent': 4}."""
    with duckdb.connect(str(alerts.ledger), read_only=True) as con:
        rows = con.execute(
            "select kind || ' ' || status, count(*) from followup_alerts group by all order by 1"
        ).fetchall()
    return dict(rows)


def alerts_asset(settings: DbtSettings) -> AssetsDefinition:
    @asset(
        key=ALERTS_KEY,
        deps=[QUEUE_KEY],
        group_name="alerts",
        kinds={"python", "duckdb"},
        description="One alert round (cx-metrics alerts): an alert per new open negative answer,"
        " an escalation per overdue one, failed deliveries retried; every delivery recorded in"
        " the ledger ($CX_ALERTS_DIR/ledger.duckdb) and its audit export.",
    )
    def followup_alerts(context: AssetExecutionContext, cx_publisher: DuckdbPublisher):
        # A child process: dbt opens the run's copy of the database there, not in the run.
        done = subprocess.run(
            cx_command("alerts", settings),
            cwd=str(settings.project_dir),
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise Failure(description=f"the alert round failed: {done.stderr.strip()[-2000:]}")
        context.log.info(done.stdout.strip())
        alerts = AlertSettings.from_env(settings.project_dir)
        return {"round": done.stdout.strip(), **ledger_counts(alerts)}

    return followup_alerts
