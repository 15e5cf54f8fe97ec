"""`cx-metrics validate --dagster-pipes`: each input's verdict reported, through Dagster Pipes,
as its `great_expectations` check to the Dagster run that started the validation."""

from __future__ import annotations

from dagster_pipes import PipesMetadataValue, open_dagster_pipes

from cx_metrics.expectations.report import to_json
from cx_metrics.expectations.runner import ValidationReport

CHECK_NAME = "great_expectations"


def _typed(value: object, kind: str) -> PipesMetadataValue:
    return {"raw_value": value, "type": kind}


def table_metadata(table: dict, data_docs: str | None) -> dict:
    """One input's check metadata: its rows, those the build will reject, the failed
    expectations and their row counts."""
    failed = [e for e in table["expectations"] if not e["success"]]
    listing = "\n".join(
        f"- **{e['level']}** {e['problem']} (`{e['expectation']}`):"
        f" {e['unexpected_count']} rows, e.g. {', '.join(e['examples'])}"
        for e in failed
    )
    metadata: dict = {
        "rows": table["rows"],
        "relation": table["relation"],
        "failed_expectations": _typed(listing or "none", "md"),
        "failed_blocking": _typed(
            [e["problem"] for e in failed if e["level"] == "blocking"], "json"
        ),
        "failed_rows_by_problem": _typed(
            {e["problem"]: e["unexpected_count"] for e in failed}, "json"
        ),
    }
    if table["rows_to_reject"] is not None:  # the rows the build sends to cx__rejected_records
        metadata["rows_to_reject"] = table["rows_to_reject"]
    if table["problem"]:
        metadata["problem"] = table["problem"]
    if data_docs:
        metadata["data_docs"] = _typed(data_docs, "path")
    return metadata


def report_to_dagster(report: ValidationReport) -> None:
    """Send every input's check result to the Dagster step that launched this process."""
    data = to_json(report)
    with open_dagster_pipes() as pipes:
        pipes.log.info(data["verdict"])
        for name, table in data["tables"].items():
            pipes.report_asset_check(
                check_name=CHECK_NAME,
                passed=not table["blocked"],
                severity="ERROR",
                asset_key=f"raw/{name}",
                metadata=table_metadata(table, data["data_docs"]),
            )
