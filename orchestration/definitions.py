"""The Dagster code location of cx_metrics: `dagster dev` from the repository root loads it."""

from __future__ import annotations

import sys
from pathlib import Path

from dagster import AssetSelection, Definitions, ScheduleDefinition, define_asset_job
from dagster_dbt import DbtCliResource

from cx_metrics.orchestration.assets import cx_dbt_models, cx_dbt_seeds, cx_project, raw_inputs
from cx_metrics.orchestration.checks import input_checks
from cx_metrics.orchestration.settings import refresh_cron, refresh_timezone

# Everything dbt builds, with the checks on the raw inputs, which run first and block.
refresh_job = define_asset_job(
    name="cx_refresh",
    selection=AssetSelection.assets(cx_dbt_seeds, cx_dbt_models)
    | AssetSelection.checks(input_checks),
    description="Validate the inputs, then build every cx_metrics model, seed and test.",
)

daily_refresh = ScheduleDefinition(
    name="cx_daily_refresh",
    job=refresh_job,
    cron_schedule=refresh_cron(),
    execution_timezone=refresh_timezone(),
    description="Daily refresh; CX_REFRESH_CRON and CX_REFRESH_TIMEZONE change it.",
)

defs = Definitions(
    assets=[*raw_inputs, cx_dbt_seeds, cx_dbt_models],
    asset_checks=[input_checks],
    jobs=[refresh_job],
    schedules=[daily_refresh],
    # The dbt installed beside this Python, whether or not its bin folder is on PATH.
    resources={
        "dbt": DbtCliResource(
            project_dir=cx_project, dbt_executable=str(Path(sys.executable).parent / "dbt")
        )
    },
)
