"""Checks on the raw inputs: the Great Expectations suites (blocking) and freshness (warning)."""

import json
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from string import Template

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetChecksDefinition,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetKey,
    AssetSpec,
    MetadataValue,
    multi_asset_check,
)
from dagster_dbt import DbtCliResource

from cx_metrics.orchestration.project import target_root
from cx_metrics.orchestration.publishing import DuckdbPublisher
from cx_metrics.orchestration.settings import input_max_age_hours
from cx_metrics.project import DbtSettings

EVENT_TIME = {
    "survey_responses": "responded_at",
    "customers": "started_at",
    "support_tickets": "created_at",
    "feedback_followups": "followed_up_at",
}


def run_validation(settings: DbtSettings) -> dict:
    """`cx-metrics validate` on the project, with its target and vars, in a child process
    (so no database handle outlives it); its JSON report."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        done = subprocess.run(
            [sys.executable, "-m", "cx_metrics.cli", "validate", "--report-json", str(report)]
            + [*settings.project_options(), *settings.options()],
            cwd=settings.project_dir,
            capture_output=True,
            text=True,
        )
        if not report.exists():
            raise RuntimeError(f"cx-metrics validate failed:\n{done.stdout}\n{done.stderr}")
        return json.loads(report.read_text())


def _table_metadata(table: dict, data_docs: str | None) -> dict:
    failed = [e for e in table["expectations"] if not e["success"]]
    metadata = {
        "rows": table["rows"],
        "relation": table["relation"],
        "failed_expectations": MetadataValue.md(
            "\n".join(
                f"- **{e['level']}** {e['problem']} (`{e['expectation']}`):"
                f" {e['unexpected_count']} rows, e.g. {', '.join(e['examples'])}"
                for e in failed
            )
            or "none"
        ),
        "failed_blocking": [e["problem"] for e in failed if e["level"] == "blocking"],
        "failed_rows_by_problem": {e["problem"]: e["unexpected_count"] for e in failed},
    }
    if table["problem"]:
        metadata["problem"] = table["problem"]
    if data_docs:
        metadata["data_docs"] = MetadataValue.path(data_docs)
    return metadata


# One input's newest event time (UTC, as text), parsed as staging parses it, read from where
# the package reads the input (a table, or Parquet files): the same on every target.
FRESHNESS_SQL = Template(
    "select '$name' as input_name, cast(max({{ cx_metrics.parse_timestamp('$column') }})"
    " as {{ dbt.type_string() }}) as newest_at from {{ cx_metrics.cx_source('$name') }}"
)


def freshness_sql(inputs: Sequence[str]) -> str:
    return "\nunion all\n".join(
        FRESHNESS_SQL.substitute(name=name, column=EVENT_TIME[name]) for name in inputs
    )


def newest_rows(
    dbt: DbtCliResource, settings: DbtSettings, inputs: Sequence[str]
) -> dict[str, datetime | None]:
    """`dbt show` of freshness_sql in a child process; {} when it fails (no freshness)."""
    if not inputs:
        return {}
    folder = target_root(settings.project_dir) / f"cx_dbt_input_checks-{uuid.uuid4().hex[:7]}"
    args = ["show", "--inline", freshness_sql(inputs), "--output", "json", "--limit", "10"]
    invocation = dbt.cli([*args, *settings.options()], raise_on_error=False, target_path=folder)
    rows: list[dict] = []
    for event in invocation.stream_raw_events():
        if event.raw_event["info"]["name"] == "ShowNode":
            rows = json.loads(event.raw_event["data"]["preview"])
    return {
        row["input_name"]: datetime.fromisoformat(row["newest_at"]) if row["newest_at"] else None
        for row in rows
    }


def _freshness(key: AssetKey, newest: datetime | None) -> AssetCheckResult:
    limit = input_max_age_hours()
    now = datetime.now(UTC).replace(tzinfo=None)
    age = (now - newest).total_seconds() / 3600 if newest else None
    return AssetCheckResult(
        asset_key=key,
        check_name="freshness",
        passed=age is not None and age <= limit,
        severity=AssetCheckSeverity.WARN,
        metadata={
            "newest_row_at": str(newest),
            "age_hours": round(age, 1) if age is not None else -1.0,
            "max_age_hours": limit,
        },
    )


def _validation(key: AssetKey, report: dict) -> AssetCheckResult:
    table = report["tables"].get(key.path[-1])
    if table is None:  # validation and the manifest disagree on which inputs are on
        return AssetCheckResult(
            asset_key=key,
            check_name="great_expectations",
            passed=False,
            metadata={"problem": "not validated: cx-metrics validate did not report this input"},
        )
    return AssetCheckResult(
        asset_key=key,
        check_name="great_expectations",
        passed=not table["blocked"],
        severity=AssetCheckSeverity.ERROR,
        metadata=_table_metadata(table, report["data_docs"]),
    )


def check_specs(inputs: Sequence[AssetSpec], after: Sequence[AssetKey]) -> list[AssetCheckSpec]:
    """Per input: great_expectations (blocking) and freshness, both run after `after`."""
    gx = [
        AssetCheckSpec(
            name="great_expectations",
            asset=spec.key,
            blocking=True,
            additional_deps=after,
            description="The input's Great Expectations suite (expectations/suites.py): a"
            " failed blocking expectation stops everything downstream in the run.",
        )
        for spec in inputs
    ]
    freshness = [
        AssetCheckSpec(
            name="freshness",
            asset=spec.key,
            additional_deps=after,
            description="The newest row is at most CX_INPUT_MAX_AGE_HOURS (48) old (a warning).",
        )
        for spec in inputs
    ]
    return gx + freshness


def input_checks(
    inputs: Sequence[AssetSpec], after: Sequence[AssetKey], settings: DbtSettings
) -> AssetChecksDefinition:
    """Validate every input once per run; the checks run after the seeds (`after`), which
    hold the label map and, in the demo, the inputs themselves."""

    @multi_asset_check(specs=check_specs(inputs, after), name="input_checks")
    def checks(
        context: AssetCheckExecutionContext, dbt: DbtCliResource, cx_publisher: DuckdbPublisher
    ) -> Iterator[AssetCheckResult]:
        report = run_validation(settings)
        context.log.info(report["verdict"])
        readable = [n for n, t in report["tables"].items() if not t["problem"]]
        newest = newest_rows(dbt, settings, readable)
        if readable and not newest:
            context.log.warning("freshness: `dbt show` of the inputs' newest rows failed")
        for spec in inputs:
            yield _validation(spec.key, report)
            yield _freshness(spec.key, newest.get(spec.key.path[-1]))

    return checks
