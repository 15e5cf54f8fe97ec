"""build_definitions: the Dagster definitions of any dbt project that installs cx_metrics."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from dagster import (
    AssetSelection,
    Definitions,
    ScheduleDefinition,
    define_asset_job,
    in_process_executor,
)
from dagster_dbt import DbtCliResource, DbtProject

from cx_metrics.orchestration.assets import dbt_build_assets, raw_input_specs
from cx_metrics.orchestration.checks import input_checks
from cx_metrics.orchestration.dashboard import dashboard_asset
from cx_metrics.orchestration.project import cx_dbt_project
from cx_metrics.orchestration.publishing import DuckdbPublisher, publish_asset
from cx_metrics.orchestration.settings import refresh_cron, refresh_timezone
from cx_metrics.orchestration.translator import CxDbtTranslator
from cx_metrics.project import DbtSettings, dbt_executable

REFRESH_JOB = "cx_refresh"
DAILY_SCHEDULE = "cx_daily_refresh"


def refresh_schedule() -> ScheduleDefinition:
    return ScheduleDefinition(
        name=DAILY_SCHEDULE,
        job_name=REFRESH_JOB,
        cron_schedule=refresh_cron(),
        execution_timezone=refresh_timezone(),
        description="Daily refresh; CX_REFRESH_CRON and CX_REFRESH_TIMEZONE change it.",
    )


def build_definitions(
    project_dir: str | Path | None = None,
    profiles_dir: str | Path | None = None,
    target: str | None = None,
    dbt_vars: str | Mapping[str, object] | None = None,
) -> Definitions:
    """Definitions for the dbt project at project_dir (else $CX_DBT_PROJECT_DIR, else this
    checkout's integration_tests/): its seeds, then the blocking checks on the package's raw
    inputs, then every model (the package's and the project's own) with dbt tests as asset
    checks; the cx_refresh job and its daily schedule. profiles_dir, target and dbt_vars
    default to $CX_DBT_PROFILES_DIR (or $DBT_PROFILES_DIR, else the project folder when it has
    a profiles.yml, else ~/.dbt), $CX_DBT_TARGET and $CX_DBT_VARS."""
    settings = DbtSettings.resolve(project_dir, profiles_dir, target, dbt_vars)
    project = cx_dbt_project(settings)
    return _definitions(project, settings)


def _definitions(project: DbtProject, settings: DbtSettings) -> Definitions:
    manifest = json.loads(project.manifest_path.read_text())
    translator = CxDbtTranslator()
    raw_inputs = raw_input_specs(manifest, translator)
    seeds, models = dbt_build_assets(manifest, project, settings, translator)
    checks = input_checks(raw_inputs, list(seeds.keys), settings)
    published = publish_asset(list(models.keys))
    dashboard = dashboard_asset(settings)
    selection = AssetSelection.assets(seeds, models, published, dashboard)
    job = define_asset_job(
        name=REFRESH_JOB,
        selection=selection | AssetSelection.checks(checks),
        description="Validate the inputs, build every model, seed and test, publish, then"
        " re-render the dashboard.",
        # One process for the whole run: the DuckDB copy and its lock belong to the run.
        executor_def=in_process_executor,
    )
    dbt = DbtCliResource(project_dir=project, dbt_executable=dbt_executable())
    return Definitions(
        assets=[*raw_inputs, seeds, models, published, dashboard],
        asset_checks=[checks],
        jobs=[job],
        schedules=[refresh_schedule()],
        resources={"dbt": dbt, "cx_publisher": DuckdbPublisher.for_settings(settings)},
    )
