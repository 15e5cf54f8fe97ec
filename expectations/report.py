"""A validation report a person can read: a verdict line, then each table's expectations."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from cx_metrics.expectations.runner import ValidationReport, expectation_rows


def _value(value: object) -> str:
    if isinstance(value, tuple):
        return "(" + ", ".join(_value(v) for v in value) + ")"
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "null"
    if isinstance(value, str):
        return repr(value)
    return str(pd.Timestamp(value)) if isinstance(value, np.datetime64) else str(value)


def _examples(values: list) -> str:
    shown = [_value(value) for value in values[:3]]
    return f", e.g. {', '.join(shown)}" if shown else ""


def verdict(report: ValidationReport) -> str:
    tables = len(report.tables)
    blocked = [t.name for t in report.tables if t.blocked]
    if blocked:
        return f"Validation FAILED: {', '.join(blocked)} blocked ({tables} inputs checked)."
    if report.warnings:
        return (
            f"Validation passed with {report.warnings} warnings ({tables} inputs checked;"
            " their bad rows go to cx__rejected_records)."
        )
    return f"Validation passed ({tables} inputs checked, no warnings)."


def render(report: ValidationReport, verbose: bool = True) -> str:
    lines = []
    if verbose:
        for table in report.tables:
            if table.problem:
                lines += [f"{table.name} ({table.relation}):", f"  BLOCKED  {table.problem}"]
                continue
            read = f" ({table.rows_read})" if table.rows_read else ""
            lines.append(f"{table.name} ({table.relation}): {table.rows:,} rows{read}")
            for row in expectation_rows(table.result):
                status = (
                    "ok     "
                    if row.success
                    else ("BLOCKED" if row.level == "blocking" else "WARN   ")
                )
                if row.observed_value is not None:
                    detail = f"{row.observed_value:,} rows"
                elif row.success and row.level == "warning":
                    detail = ""
                else:
                    detail = f"{row.unexpected_count:,} rows{_examples(row.examples)}"
                lines.append(
                    f"  {status} {row.level:8s} {row.problem:44s} {row.expectation}"
                    + (f": {detail}" if detail else "")
                )
        if report.data_docs:
            lines.append(f"Data Docs: {report.data_docs}")
    lines.append(verdict(report))
    return "\n".join(lines)


def to_json(report: ValidationReport) -> dict:
    """The report as plain data (for `cx-metrics validate --report-json` and Dagster)."""
    return {
        "blocked": report.blocked,
        "warnings": report.warnings,
        "verdict": verdict(report),
        "data_docs": str(report.data_docs) if report.data_docs else None,
        "tables": {
            table.name: {
                "relation": table.relation,
                "rows": table.rows,
                "rows_read": table.rows_read or "all",
                "rows_to_reject": table.rows_to_reject,
                "blocked": table.blocked,
                "problem": table.problem,
                "expectations": [
                    {
                        "level": row.level,
                        "problem": row.problem,
                        "expectation": row.expectation,
                        "success": row.success,
                        "unexpected_count": row.unexpected_count,
                        "observed_value": row.observed_value,
                        "examples": [_value(v) for v in row.examples[:3]],
                    }
                    for row in (expectation_rows(table.result) if table.result else [])
                ],
            }
            for table in report.tables
        },
    }
