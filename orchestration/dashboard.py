"""The dashboard as the refresh's last asset: re-rendered from what the run published."""

import os
import subprocess

from dagster import (
    AssetExecutionContext,
    AssetKey,
    AssetsDefinition,
    Failure,
    MaterializeResult,
    MetadataValue,
    asset,
)

from cx_metrics.dashboard.build import dashboard_path
from cx_metrics.orchestration.publishing import PUBLISH_KEY, DuckdbPublisher
from cx_metrics.project import DbtSettings
from cx_metrics.refresh import cx_command

DASHBOARD_KEY = AssetKey(["dashboard", "cx_dashboard"])


def dashboard_asset(settings: DbtSettings) -> AssetsDefinition:
    """Runs after publish, so a failed build never reaches it: the previous file then stays,
    showing its own build time. The page is written whole or not at all."""

    @asset(
        key=DASHBOARD_KEY,
        deps=[PUBLISH_KEY],
        group_name="publish",
        kinds={"html", "plotly"},
        description="The CX dashboard (one self-contained HTML file) at $CX_DASHBOARD_PATH, else"
        " cx_dashboard.html in the dbt project's folder; company-wide: no customer ids or"
        " comments.",
    )
    def dashboard(context: AssetExecutionContext, cx_publisher: DuckdbPublisher):
        path = dashboard_path(settings)
        # A child process: dbt parses and (off DuckDB) opens the target there, not in the run.
        done = subprocess.run(
            cx_command("dashboard", settings, "--out", str(path)),
            env={**os.environ, **cx_publisher.reader_environment()},
            cwd=str(settings.project_dir),
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise Failure(
                description=f"the dashboard was not rendered: {done.stderr.strip()[-2000:]}"
            )
        context.log.info(done.stdout.strip())
        return MaterializeResult(
            metadata={"path": MetadataValue.path(str(path)), "bytes": path.stat().st_size}
        )

    return dashboard
