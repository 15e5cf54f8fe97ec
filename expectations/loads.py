"""Validation of only the loads not yet built (`cx-metrics validate --new-loads`).

An input with a load column (var cx_loaded_at_column, default `_loaded_at`) is validated from
the loads after the latest `loaded_at` in the built cx__survey_responses, so a scheduled
refresh judges the new rows, not every row again. The staging SQL is compiled with the
environment variable CX_VALIDATION_LOADED_AFTER, which filters the input's scan (the database
skips the files and row groups already built); not a dbt var, because a change of vars makes
dbt parse the whole project again (seconds, at the next build too). Only survey_responses
has loads; the other inputs are read whole.
"""

from __future__ import annotations

import os

import duckdb

from cx_metrics.expectations.settings import ValidationSettings

LOADED_TABLES = ("survey_responses",)
LOADED_AFTER = "CX_VALIDATION_LOADED_AFTER"


def latest_built_load(con: duckdb.DuckDBPyConnection, settings: ValidationSettings) -> str | None:
    """The latest loaded_at of the built survey responses, or None (nothing built by load)."""
    try:
        (latest,) = con.execute(
            f"select cast(max(loaded_at) as varchar) from {settings.built_survey_responses}"
        ).fetchone()
    except (duckdb.CatalogException, duckdb.BinderException):  # not built, or built before loads
        return None
    return latest


def restrict_to_new_loads(
    con: duckdb.DuckDBPyConnection, settings: ValidationSettings, present: dict[str, list[str]]
) -> None:
    """Point the staging compile at the new loads, and mark each input so restricted
    (rows_read; present: each input's columns)."""
    latest = latest_built_load(con, settings)
    column = (settings.loads_column or "").lower()
    if not (latest and column):
        return
    for name in LOADED_TABLES:
        table = settings.tables.get(name)
        if table and column in {c.lower() for c in present.get(name) or []}:
            table.rows_read = f"loads after {latest}"
            os.environ[LOADED_AFTER] = latest  # read by base_cx__survey_responses
