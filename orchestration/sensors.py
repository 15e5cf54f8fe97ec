"""Refresh when new data lands: a sensor on the survey input's Parquet files starts the
new-loads job (validation of the new loads, the survey marts, the close-the-loop queue and its
alerts, publish), never while another cx refresh is queued or running."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import yaml
from dagster import (
    DagsterRunStatus,
    DefaultSensorStatus,
    RunRequest,
    RunsFilter,
    SensorDefinition,
    SensorEvaluationContext,
    SkipReason,
    sensor,
)

from cx_metrics.orchestration.checks import NEW_LOADS_TAG
from cx_metrics.orchestration.settings import new_loads_path, sensor_interval
from cx_metrics.project import DbtSettings

NEW_LOADS_SENSOR = "cx_new_loads"
BUSY = [
    DagsterRunStatus.QUEUED,
    DagsterRunStatus.NOT_STARTED,
    DagsterRunStatus.STARTING,
    DagsterRunStatus.STARTED,
    DagsterRunStatus.CANCELING,
]


def watched_folder(settings: DbtSettings) -> Path | None:
    """Where the survey input's loads land: $CX_NEW_LOADS_PATH, else the Parquet folder the run's
    vars read it from (<cx_source_parquet_path>/<identifier>); None when it is a table."""
    if configured := new_loads_path():
        return configured
    dbt_vars = yaml.safe_load(settings.vars) if settings.vars else {}
    root = (dbt_vars or {}).get("cx_source_parquet_path")
    if not root:
        return None
    identifier = dbt_vars.get("cx_survey_responses_identifier", "survey_responses")
    folder = Path(root) / identifier
    return folder if folder.is_absolute() else settings.project_dir / folder


def load_files(folder: Path) -> dict[str, list[int]]:
    """Every Parquet file of the input ({path: [size, mtime_ns]}): the folder's and its sibling
    <folder>.parquet, as cx_source reads them."""
    paths = [*folder.rglob("*.parquet"), folder.with_suffix(".parquet")]
    found = {}
    for path in paths:
        if path.is_file():
            stat = path.stat()
            found[str(path)] = [stat.st_size, stat.st_mtime_ns]
    return found


def cx_runs_in_flight(context: SensorEvaluationContext, jobs: list[str]) -> int:
    runs = context.instance.get_runs(RunsFilter(job_name=None, statuses=BUSY))
    return sum(1 for run in runs if run.job_name in jobs)


def new_loads_sensor(settings: DbtSettings, job_name: str, jobs: list[str]) -> SensorDefinition:
    folder = watched_folder(settings)

    @sensor(
        name=NEW_LOADS_SENSOR,
        job_name=job_name,
        minimum_interval_seconds=sensor_interval(),
        # On where there is something to watch: a file listing per tick costs nothing.
        default_status=DefaultSensorStatus.RUNNING if folder else DefaultSensorStatus.STOPPED,
        description=f"New Parquet files of the survey input under {folder} start {job_name}.",
    )
    def new_loads(context: SensorEvaluationContext):
        if folder is None:
            return SkipReason("the survey input is a table: set CX_NEW_LOADS_PATH to watch files")
        files = load_files(folder)
        seen = json.loads(context.cursor) if context.cursor else {}
        new = sorted(path for path, stamp in files.items() if seen.get(path) != stamp)
        if not new:
            return SkipReason(f"no new loads under {folder}")
        if cx_runs_in_flight(context, jobs):
            # The cursor stays: the next free tick starts one run for all that landed since.
            return SkipReason(f"{len(new)} new files wait: a cx refresh is queued or running")
        context.update_cursor(json.dumps(files, sort_keys=True))
        run_key = hashlib.sha256(context.cursor.encode()).hexdigest()[:16]
        return RunRequest(
            run_key=run_key, tags={NEW_LOADS_TAG: "true", "cx/new_files": str(len(new))}
        )

    return new_loads
