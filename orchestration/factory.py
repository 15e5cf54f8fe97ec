"""build_definitions: the Dagster definitions of any dbt project that installs cx_metrics."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from dagster import (
    AssetChecksDefinition,
    AssetsDefinition,
    AssetSelection,
    Definitions,
    ScheduleDefinition,
    define_asset_job,
    in_process_executor,
)
from dagster_dbt import DbtCliResource, DbtProject, build_dbt_asset_selection

from cx_metrics.alerts.settings import alerts_enabled
from cx_metrics.dashboard.build import dashboard_path
from cx_metrics.orchestration.alerts import ALERTS_KEY, alerts_asset
from cx_metrics.orchestration.assets import (
    after_alerts_assets,
    dbt_build_assets,
    raw_input_specs,
)
from cx_metrics.orchestration.checks import input_checks, survey_check
from cx_metrics.orchestration.dashboard import dashboard_asset
from cx_metrics.orchestration.project import cx_dbt_project
from cx_metrics.orchestration.publishing import (
    METRICS_PUBLISH_KEY,
    DuckdbPublisher,
    metrics_publish_asset,
    publish_asset,
)
from cx_metrics.orchestration.sensors import new_loads_sensor
from cx_metrics.orchestration.settings import CxSettings, refresh_cron, refresh_timezone
from cx_metrics.orchestration.translator import CxDbtTranslator
from cx_metrics.project import DbtSettings, dbt_executable
from cx_metrics.refresh import STEPS

REFRESH_JOB = "cx_refresh"
NEW_LOADS_JOB = "cx_new_loads_refresh"
DAILY_SCHEDULE = "cx_daily_refresh"
# The dbt tags of a new-loads run (dbt_project.yml): the marts a new load changes, and the
# survey input's staging they read, selected without its tests so that the input's blocking
# validation gates the marts.
NEW_LOADS_SELECT = "tag:cx_new_loads"
NEW_LOADS_STAGING_SELECT = "tag:cx_new_loads_staging"
# Both jobs carry it: a run queue limit on it (orchestration/dagster.yaml) runs one at a time.
RUN_TAGS = {"cx/refresh": "true"}


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
    """Definitions for the dbt project at project_dir (else cx_metrics.project.project_dir()'s
    default): its seeds, then the blocking checks on the package's raw
    inputs, then every model (the package's and the project's own) with dbt tests as asset
    checks; the cx_refresh job and its daily schedule. profiles_dir, target and dbt_vars
    default to $CX_DBT_PROFILES_DIR (or $DBT_PROFILES_DIR, else the project folder when it has
    a profiles.yml, else ~/.dbt), $CX_DBT_TARGET and $CX_DBT_VARS."""
    settings = DbtSettings.resolve(project_dir, profiles_dir, target, dbt_vars)
    project = cx_dbt_project(settings)
    return _definitions(project, settings)


def new_loads_selection(
    models: AssetsDefinition, survey: AssetChecksDefinition, after: list[AssetsDefinition]
) -> AssetSelection:
    """What a new load of survey answers touches: their validation (new loads only), the survey
    marts and the close-the-loop queue, then `after` (alerts, publish, the dashboard)."""
    marts = build_dbt_asset_selection([models], dbt_select=NEW_LOADS_SELECT)
    staging = build_dbt_asset_selection([models], dbt_select=NEW_LOADS_STAGING_SELECT)
    return (
        marts
        | staging.without_checks()
        | AssetSelection.assets(*after)
        | AssetSelection.checks(survey)
    )


def refresh_job(steps: Mapping[str, list[AssetsDefinition]]):  # define_asset_job's type
    """cx_refresh: the definitions of each refresh step (cx_metrics.refresh.STEPS, the steps
    `cx-metrics refresh` runs), which their dependencies run in that order. The job's metadata
    names each step's ops, so that the order can be checked against its execution plan."""
    if list(steps) != [step.name for step in STEPS]:
        raise ValueError(f"the refresh's steps are {[s.name for s in STEPS]}, not {list(steps)}")
    chosen = [d for step in steps.values() for d in step]
    assets = [d for d in chosen if not isinstance(d, AssetChecksDefinition)]
    checks = [d for d in chosen if isinstance(d, AssetChecksDefinition)]
    return define_asset_job(
        name=REFRESH_JOB,
        selection=AssetSelection.assets(*assets) | AssetSelection.checks(*checks),
        description="; ".join(f"{step.name}: {step.what}" for step in STEPS),
        metadata={"cx/step_ops": {name: [d.op.name for d in step] for name, step in steps.items()}},
        # One process for the whole run: the DuckDB copy and its lock belong to the run.
        executor_def=in_process_executor,
        tags=RUN_TAGS,
    )


def _definitions(project: DbtProject, settings: DbtSettings) -> Definitions:
    manifest = json.loads(project.manifest_path.read_text())
    translator = CxDbtTranslator(after_alerts=METRICS_PUBLISH_KEY if alerts_enabled() else None)
    raw_inputs = raw_input_specs(manifest, translator)
    seeds, models = dbt_build_assets(manifest, project, settings, translator)
    checks = input_checks(raw_inputs, list(seeds.keys), settings)
    alerts = []
    if alerts_enabled():
        # The metrics are published after the round, the audit's models on a new copy after.
        alerts = [
            alerts_asset(settings),
            metrics_publish_asset([*models.keys, ALERTS_KEY]),
            after_alerts_assets(manifest, project, settings, translator),
        ]
    published = publish_asset([*models.keys, *(k for a in alerts for k in a.keys)])
    dashboard = dashboard_asset(settings)
    job = refresh_job(
        {
            "seed": [seeds],
            "validate": checks,
            "build": [models],
            "alerts": alerts,
            "publish": [published],
            "dashboard": [dashboard],
        }
    )
    # The dashboard is re-rendered by new loads only where a full refresh already wrote it.
    after = [*alerts, published, *([dashboard] if dashboard_path(settings).exists() else [])]
    new_loads_job = define_asset_job(
        name=NEW_LOADS_JOB,
        selection=new_loads_selection(models, survey_check(checks), after),
        description="Started by the cx_new_loads sensor: validate the new loads, update the"
        " survey marts and the close-the-loop queue, send their alerts, publish.",
        executor_def=in_process_executor,
        tags=RUN_TAGS,
    )
    dbt = DbtCliResource(project_dir=project, dbt_executable=dbt_executable())
    return Definitions(
        assets=[
            *raw_inputs,
            *raw_input_specs(manifest, translator, connectors=True),
            seeds,
            models,
            *alerts,
            published,
            dashboard,
        ],
        asset_checks=checks,
        jobs=[job, new_loads_job],
        schedules=[refresh_schedule()],
        sensors=[new_loads_sensor(settings, NEW_LOADS_JOB, [REFRESH_JOB, NEW_LOADS_JOB])],
        resources={
            "dbt": dbt,
            "cx_publisher": DuckdbPublisher.for_settings(settings),
            "cx_settings": CxSettings.from_env(),
        },
    )
