"""Validation of DuckDB inputs in one SQL pass: GX judges one row of each class of rows.

Every expectation of the suites is row-wise, and its verdict on a row depends only on a few
predicates (is the key null, is the score in 0-10, is the survey type 'nps', is resolved_at
before created_at, ...). One group-by in DuckDB splits a table's staged rows into the classes
that agree on every such predicate, keeping one real row of each class and the class's size.
GX validates those few rows (result_format COMPLETE, so every unexpected row is listed), and
each count is then weighted by class size: the same counts, percentages and verdicts as GX
gives on every row (tests check this against the row-by-row path), from a scan instead of
moving all rows through pandas. Examples are real rows, one per failing class.
"""

from __future__ import annotations

import copy

import great_expectations as gx
import pandas as pd
from great_expectations.core.expectation_validation_result import (
    ExpectationSuiteValidationResult,
)

from cx_metrics.expectations.combine import finish, recount

WEIGHT = "cx_class_rows"
SAMPLE_SIZE = 5


def _literal(value: object) -> str:
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return repr(float(value)) if isinstance(value, float) else str(int(value))


def condition(raw: object) -> tuple[str, object] | None:
    """(column, value) of a GX row condition, given as the object or as its dict; only the
    column == value form, which is all the suites use."""
    if not raw:
        return None
    fields = raw if isinstance(raw, dict) else raw.__dict__
    if fields.get("operator") != "==":
        raise NotImplementedError(f"row condition {raw!r} has no SQL form here")
    column = fields["column"]
    name = column["name"] if isinstance(column, dict) else column.name
    return name, fields["parameter"]


def _condition_sql(raw: object) -> str:
    found = condition(raw)
    return "true" if found is None else f'"{found[0]}" is not distinct from {_literal(found[1])}'


def predicates(expectation: object) -> list[str]:
    """The SQL predicates that decide the expectation's verdict on a row. Raises for an
    expectation type without one, so a new kind of expectation cannot go unweighted."""
    kind = expectation.expectation_type
    kwargs = expectation.configuration.kwargs
    out = [
        _condition_sql(getattr(expectation, "row_condition", None) or kwargs.get("row_condition"))
    ]
    if kind == "expect_table_row_count_to_be_between":
        return []
    if kind in ("expect_column_values_to_not_be_null", "expect_column_values_to_be_null"):
        return [*out, f'"{kwargs["column"]}" is null']
    column = f'"{kwargs.get("column")}"'
    if kind in ("expect_column_values_to_be_in_set", "expect_column_values_to_not_be_in_set"):
        values = ", ".join(_literal(v) for v in kwargs["value_set"])
        return [*out, f"{column} is null", f"{column} in ({values})"]
    if kind == "expect_column_values_to_be_between":
        low, high = kwargs.get("min_value"), kwargs.get("max_value")
        bounds = [f"{column} >= {_literal(low)}"] if low is not None else []
        bounds += [f"{column} <= {_literal(high)}"] if high is not None else []
        return [*out, f"{column} is null", *bounds]
    if kind == "expect_column_pair_values_a_to_be_greater_than_b":
        a, b = f'"{kwargs["column_A"]}"', f'"{kwargs["column_B"]}"'
        compare = ">=" if kwargs.get("or_equal") else ">"
        return [*out, f"{a} is null", f"{b} is null", f"{a} {compare} {b}"]
    raise NotImplementedError(f"{kind} has no SQL predicates for compact validation")


def classes_query(
    staged_sql: str, columns: list[str], suite: gx.ExpectationSuite, floats: set[str]
) -> str:
    """One row per class of staged rows (agreeing on every predicate and on each column's
    nullness), with a real row's values and the class's size. A float column's NaN is a class
    of its own: pandas takes it for missing, SQL for a number above every other."""
    decisive = [f'"{c}" is null' for c in columns]
    decisive += [f'isnan("{c}")' for c in columns if c in floats]
    for expectation in suite.expectations:
        decisive += [p for p in predicates(expectation) if p not in decisive]
    # One bigint class id (bit i = predicate i): one value to hash per row, not one per flag.
    bits = " + ".join(
        f"(case when {p} then {1 << i} else 0 end)::bigint" for i, p in enumerate(decisive)
    )
    if len(decisive) > 62:
        raise NotImplementedError("more than 62 predicates do not fit one class id")
    # any_value skips nulls: within a class every column is all null or all set.
    values = ", ".join(f'any_value("{c}") as "{c}"' for c in columns)
    return (
        f"select {values}, count(*) as {WEIGHT} from (select *, {bits} as cx_class"
        f" from ({staged_sql}) as staged) as flagged group by cx_class"
    )


def _considered(frame: pd.DataFrame, result) -> pd.Series:
    """The class rows an expectation looked at (its row condition), as GX filters them."""
    found = condition(result.expectation_config.kwargs.get("row_condition"))
    if found is None:
        return pd.Series(True, index=frame.index)
    return frame[found[0]] == found[1]


def _missing(frame: pd.DataFrame, kwargs: dict) -> pd.Series:
    if "column_A" in kwargs:
        return frame[kwargs["column_A"]].isna() | frame[kwargs["column_B"]].isna()
    return frame[kwargs["column"]].isna()


def weigh(
    result: ExpectationSuiteValidationResult, frame: pd.DataFrame
) -> ExpectationSuiteValidationResult:
    """The suite's result over the classes, with every count weighted by class size."""
    weights = frame[WEIGHT]
    weighted = copy.deepcopy(result)
    for item in weighted.results:
        counts, kwargs = item.result, item.expectation_config.kwargs
        if "observed_value" in counts:  # the table's row count
            counts["observed_value"] = int(weights.sum())
            continue
        considered = _considered(frame, item)
        unexpected = list(counts.get("unexpected_index_list") or [])
        counts["element_count"] = int(weights[considered].sum())
        counts["unexpected_count"] = int(weights.loc[unexpected].sum())
        if "missing_count" in counts:
            counts["missing_count"] = int(weights[considered & _missing(frame, kwargs)].sum())
        counts["partial_unexpected_list"] = list(counts.get("unexpected_list") or [])[:SAMPLE_SIZE]
        for listed in ("unexpected_list", "unexpected_index_list", "unexpected_index_query"):
            counts.pop(listed, None)
        recount(item)
    return finish(weighted)
