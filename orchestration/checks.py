"""Checks on the raw inputs: the Great Expectations suites (blocking) and freshness (warning)."""

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    MetadataValue,
    multi_asset_check,
)

from cx_metrics.orchestration.assets import cx_dbt_seeds, raw_inputs
from cx_metrics.orchestration.settings import dbt_options, dbt_target, input_max_age_hours
from cx_metrics.project import duckdb_path, project_dir

EVENT_TIME = {
    "survey_responses": "responded_at",
    "customers": "started_at",
    "support_tickets": "created_at",
    "feedback_followups": "followed_up_at",
}

# The checks run after the seeds: the demo inputs and the label map are seeds.
SEED_KEYS = list(cx_dbt_seeds.keys)

gx_check_specs = [
    AssetCheckSpec(
        name="great_expectations",
        asset=spec.key,
        blocking=True,
        additional_deps=SEED_KEYS,
        description="The input's Great Expectations suite (expectations/suites.py): a failed"
        " blocking expectation stops everything downstream in the run.",
    )
    for spec in raw_inputs
]


def run_validation() -> dict:
    """`cx-metrics validate` in a child process, so no DuckDB handle outlives it."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "cx_metrics.cli",
                "validate",
                "--report-json",
                str(report),
                *dbt_options(),
            ],
            cwd=project_dir(),
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


freshness_specs = [
    AssetCheckSpec(
        name="freshness",
        asset=spec.key,
        additional_deps=SEED_KEYS,
        description="The newest row is at most CX_INPUT_MAX_AGE_HOURS (48) old (a warning).",
    )
    for spec in raw_inputs
]


def _newest_rows(report: dict) -> dict[str, datetime | None]:
    """Each readable input's newest event time (DuckDB target), read after validation exited."""
    if dbt_target() not in (None, "duckdb"):
        return {}
    newest = {}
    con = duckdb.connect(str(duckdb_path()), read_only=True)
    try:
        for name, table in report["tables"].items():
            if not table["problem"]:
                newest[name] = con.execute(
                    f"select max(try_cast({EVENT_TIME[name]} as timestamp))"
                    f" from {table['relation']}"
                ).fetchone()[0]
    finally:
        con.close()
    return newest


def _freshness(spec, newest: datetime | None) -> AssetCheckResult:
    limit = input_max_age_hours()
    now = datetime.now(UTC).replace(tzinfo=None)
    age = (now - newest).total_seconds() / 3600 if newest else None
    return AssetCheckResult(
        asset_key=spec.key,
        check_name="freshness",
        passed=age is not None and age <= limit,
        severity=AssetCheckSeverity.WARN,
        metadata={
            "newest_row_at": str(newest),
            "age_hours": round(age, 1) if age is not None else -1.0,
            "max_age_hours": limit,
        },
    )


@multi_asset_check(specs=[*gx_check_specs, *freshness_specs], name="input_checks")
def input_checks(context: AssetCheckExecutionContext) -> Iterator[AssetCheckResult]:
    """Validate every input once: per input, the blocking GX verdict and a freshness warning."""
    report = run_validation()
    context.log.info(report["verdict"])
    newest = _newest_rows(report)
    for spec in raw_inputs:
        name = spec.key.path[-1]
        table = report["tables"].get(name)
        if table is None:  # the optional input is switched off
            for check in ("great_expectations", "freshness"):
                yield AssetCheckResult(
                    asset_key=spec.key,
                    check_name=check,
                    passed=True,
                    metadata={"skipped": "input switched off (cx_using_feedback_followups)"},
                )
            continue
        yield AssetCheckResult(
            asset_key=spec.key,
            check_name="great_expectations",
            passed=not table["blocked"],
            severity=AssetCheckSeverity.ERROR,
            metadata=_table_metadata(table, report["data_docs"]),
        )
        yield _freshness(spec, newest.get(name))
