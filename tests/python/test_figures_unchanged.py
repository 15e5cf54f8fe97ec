"""All figures are unchanged (issue 35): every output table of the demo build equals the one of
the baseline, the last commit before the refactor, kept as digests in
tests/fixtures/demo_figures.json (tests/python/figures.py says how they are made and when to
regenerate them).

It reads the session's demo build (the `demo` fixture, built once and shared with test_demo.py
and others), so it runs in both DuckDB tiers, `make test` and `make test-fast`: no marker.
No column is left out as depending on the wall clock: the demo sets cx_as_of_timestamp (the
statuses, ages and health are as of 2025-10-01) and its inputs have no load column, so
loaded_at and loaded_through are null; a build at another time gives the same digests.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from figures import output_tables, stored_figures, table_figures

STORED = stored_figures()
BASELINE_METRICS = ("nps", "csat", "ces")
# Intended differences since the baseline, one per table, each named by the commit that made it:
# 75bbe23 added churn, retention and first-contact resolution to cx__metric_changes, so there
# only the rows of the metrics the baseline had are compared (and the new ones must be there).
# A file regenerated after them holds every row: empty ROWS_COMPARED in the same commit.
NEW_METRICS = ("churn", "retention", "fcr")
ROWS_COMPARED = {
    "cx__metric_changes": "metric in ({})".format(", ".join(f"'{m}'" for m in BASELINE_METRICS)),
}


@pytest.fixture(scope="module")
def con(demo: tuple[Path, str]) -> Iterator[duckdb.DuckDBPyConnection]:
    # Default configuration, as conftest.query opens it: this worker's copy, one process.
    connection = duckdb.connect(str(demo[0]))
    try:
        yield connection
    finally:
        connection.close()


def test_the_same_tables(con: duckdb.DuckDBPyConnection) -> None:
    built = output_tables(con)
    assert built == sorted(STORED), (
        f"output tables not in the baseline: {sorted(set(built) - set(STORED))};"
        f" baseline tables not built: {sorted(set(STORED) - set(built))}"
    )


@pytest.mark.parametrize("table", sorted(STORED))
def test_figures_unchanged(con: duckdb.DuckDBPyConnection, table: str) -> None:
    stored = STORED[table]
    built = table_figures(con, table, ROWS_COMPARED.get(table))
    assert built["columns"] == stored["columns"], (
        f"{table}: columns added {sorted(set(built['columns']) - set(stored['columns']))},"
        f" gone {sorted(set(stored['columns']) - set(built['columns']))}"
    )
    assert built["rows"] == stored["rows"], (
        f"{table}: {built['rows']} rows built, {stored['rows']} in the baseline"
    )
    assert built["sha256"] == stored["sha256"], (
        f"{table}: the same {built['rows']} rows in count, but their figures differ"
        " (python -m tests.python.figures names the tables; compare the rows with the baseline)"
    )


def test_new_metric_changes_exist(con: duckdb.DuckDBPyConnection) -> None:
    counts = dict(
        con.execute("select metric, count(*) from cx__metric_changes group by 1").fetchall()
    )
    assert set(counts) == {*BASELINE_METRICS, *NEW_METRICS}, counts
