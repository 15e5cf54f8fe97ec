"""The expectation suites of the inputs, as code.

Each suite runs on the rows as dbt's staging parses them (trimmed, lower-cased, numbers and
timestamps parsed, labels mapped), plus two columns computed in SQL: `rejection_reason` (why
the build would reject the row, null when it would accept it) and `key_rows` (how many rows share
the row's key, null when the key is missing).

Two levels, as GX severities:
- blocking (critical): the data cannot be used - survey_responses is empty, a key is mostly
  missing, or more of a table's rows would be rejected than `cx_validation_max_rejected_pct`
  allows (a broken export, not a few bad answers). A blocking failure stops the build. An
  optional input (customers, support_tickets, feedback_followups, orders, reviews) may be
  empty: "none yet" is valid data, and the share checks pass on no rows (GX: `mostly` of
  nothing succeeds).
- warning: individual bad rows, which the build sends to cx__rejected_records with a reason.
Each expectation's meta "problem" says, for the report and the Data Docs, what a blocking
check requires or which bad rows a warning counts.
"""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe
from great_expectations.expectations.row_conditions import Column

from cx_metrics.expectations.settings import TableSettings, ValidationSettings

BLOCKING = "critical"
WARNING = "warning"
# The one input that must have rows; the others may be empty.
REQUIRED_INPUT = "survey_responses"


def _row_count(table: TableSettings) -> gxe.ExpectTableRowCountToBeBetween:
    """Blocking on survey_responses: it must have rows. On an optional input the row count is
    recorded (the report and Data Docs show it) and never fails: empty means none yet. Of only
    the new loads (rows_read), none is valid too: nothing arrived."""
    if table.rows_read:
        return gxe.ExpectTableRowCountToBeBetween(
            min_value=0, severity=WARNING, meta={"problem": f"rows in the {table.rows_read}"}
        )
    if table.name == REQUIRED_INPUT:
        return gxe.ExpectTableRowCountToBeBetween(
            min_value=1, severity=BLOCKING, meta={"problem": "the table has rows"}
        )
    return gxe.ExpectTableRowCountToBeBetween(
        min_value=0, severity=WARNING, meta={"problem": "rows (empty is valid: none yet)"}
    )


def _blocking_checks(table: TableSettings, settings: ValidationSettings) -> list:
    key = table.key[0]
    return [
        _row_count(table),
        gxe.ExpectColumnValuesToNotBeNull(
            column=key,
            mostly=settings.min_key_present_pct / 100,
            severity=BLOCKING,
            meta={"problem": f"{key} present in >= {settings.min_key_present_pct:g}% of rows"},
        ),
        gxe.ExpectColumnValuesToBeNull(
            column="rejection_reason",
            mostly=1 - settings.max_rejected_pct / 100,
            severity=BLOCKING,
            meta={"problem": f"<= {settings.max_rejected_pct:g}% of rows would be rejected"},
        ),
    ]


def _key_checks(table: TableSettings) -> list:
    key = table.key[0]
    return [
        gxe.ExpectColumnValuesToNotBeNull(
            column=key, severity=WARNING, meta={"problem": "missing key"}
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="key_rows",
            max_value=1,
            severity=WARNING,
            meta={"problem": f"duplicate key ({', '.join(table.key)} shared by several rows)"},
        ),
    ]


def _not_null(column: str, problem: str) -> gxe.ExpectColumnValuesToNotBeNull:
    return gxe.ExpectColumnValuesToNotBeNull(
        column=column, severity=WARNING, meta={"problem": problem}
    )


def _not_before(
    later: str, earlier: str, problem: str
) -> gxe.ExpectColumnPairValuesAToBeGreaterThanB:
    return gxe.ExpectColumnPairValuesAToBeGreaterThanB(
        column_A=later,
        column_B=earlier,
        or_equal=True,
        ignore_row_if="either_value_is_missing",
        severity=WARNING,
        meta={"problem": problem},
    )


def _scale(survey_type: str, low: float, high: float) -> gxe.ExpectColumnValuesToBeBetween:
    return gxe.ExpectColumnValuesToBeBetween(
        column="score",
        min_value=low,
        max_value=high,
        row_condition=Column("survey_type") == survey_type,
        severity=WARNING,
        meta={"problem": f"{survey_type.upper()} score outside {low:g}-{high:g}"},
    )


def _contract_checks(table: TableSettings) -> list:
    """The row rules the contract declares per column (models/staging/_cx_metrics__sources.yml):
    not_null, not_before and min_value, which the build rejects a row for, each named by its
    meta "problem", and a count of the rows without each optional column (recorded, never
    failing)."""
    checks = []
    for column, meta in table.contract.items():
        if meta.get("not_null"):
            checks.append(_not_null(column, meta.get("problem", f"missing {column}")))
        if meta.get("not_before"):
            earlier = meta["not_before"]
            problem = meta.get("problem", f"{column} before {earlier}")
            checks.append(_not_before(column, earlier, problem))
        if meta.get("min_value") is not None:
            checks.append(
                gxe.ExpectColumnValuesToBeBetween(
                    column=column,
                    min_value=meta["min_value"],
                    severity=WARNING,
                    meta={"problem": meta.get("problem", f"{column} below {meta['min_value']}")},
                )
            )
        if not meta.get("required", True):
            checks.append(
                gxe.ExpectColumnValuesToNotBeNull(
                    column=column,
                    mostly=0,
                    severity=WARNING,
                    meta={"problem": f"rows without the optional column {column}"},
                )
            )
    return checks


def _survey_checks(settings: ValidationSettings) -> list:
    """What the contract's columns cannot say alone: the survey types and each type's scale."""
    return [
        gxe.ExpectColumnValuesToBeInSet(
            column="survey_type",
            value_set=["nps", "csat", "ces"],
            severity=WARNING,
            meta={"problem": "unknown survey type"},
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="score",
            value_set=list(range(11)),
            row_condition=Column("survey_type") == "nps",
            severity=WARNING,
            meta={"problem": "NPS score not an integer 0-10"},
        ),
        _scale("csat", settings.csat_scale["min"], settings.csat_scale["max"]),
        _scale("ces", settings.ces_scale["min"], settings.ces_scale["max"]),
    ]


def _review_checks() -> list:
    """What the reviews' contract cannot say alone: a rating is whole stars from 1 to 5."""
    return [
        gxe.ExpectColumnValuesToBeInSet(
            column="rating",
            value_set=[1, 2, 3, 4, 5],
            severity=WARNING,
            meta={"problem": "rating not a whole number 1-5"},
        )
    ]


# The reason the build gives a row whose parsed timestamp is implausible (a placeholder such
# as 0001-01-01): counted from rejection_reason, so GX never handles a year-10000 value.
OUT_OF_RANGE = "timestamp out of range"


def _plausible_timestamps() -> gxe.ExpectColumnValuesToNotBeInSet:
    return gxe.ExpectColumnValuesToNotBeInSet(
        column="rejection_reason",
        value_set=[OUT_OF_RANGE],
        severity=WARNING,
        meta={"problem": f"{OUT_OF_RANGE} (cx_valid_timestamps_from / _before)"},
    )


def build_suite(table: TableSettings, settings: ValidationSettings) -> gx.ExpectationSuite:
    suite = gx.ExpectationSuite(name=f"cx_metrics.{table.name}")
    for expectation in [
        *_blocking_checks(table, settings),
        *_key_checks(table),
        *(_survey_checks(settings) if table.name == REQUIRED_INPUT else []),
        *(_review_checks() if table.name == "reviews" else []),
        *_contract_checks(table),
        _plausible_timestamps(),
    ]:
        suite.add_expectation(expectation)
    return suite


def suite_columns(suite: gx.ExpectationSuite) -> list[str]:
    """The staged columns a suite reads, besides rejection_reason and key_rows."""
    columns: list[str] = []
    for expectation in suite.expectations:
        kwargs = expectation.configuration.kwargs
        for name in (kwargs.get(k) for k in ("column", "column_A", "column_B")):
            if name and name not in (*columns, "rejection_reason", "key_rows"):
                columns.append(name)
    return columns
