"""Incremental refresh by load equals a full rebuild, with late rows of any age (issue 18).

The survey input carries a load column (`_loaded_at`): two loads are built, then a third
arrives with the last two days' answers and hand-made rows of every kind, some far older than
any lookback. The refreshed tables must equal a build of all three loads at once, the refresh
must read only the new load, and `cx-metrics validate --new-loads` must validate only it.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from conftest import parquet_demo_inputs, query, run_dbt
from test_incremental import (
    REJECTIONS,
    STAGING,
    SURVEY_BUILD,
    SURVEY_MARTS,
    _build,
    _copy_of,
    _differences,
    _validated,
    _variables,
)

from cx_metrics.demo_data.generator import DemoConfig

LOADS = {  # file: (its _loaded_at, which answers it holds)
    "load-1": ("2025-06-01 01:00:00", "responded_at < '2025-06'"),
    "load-2": ("2025-09-29 01:00:00", "not (responded_at < '2025-06')"),
}
NEW_LOAD = "2025-10-01 01:00:00"
# The survey rejections grow by load too; cx__rejected_records gathers them with the others'.
FULL_BUILD = [*SURVEY_BUILD, "+cx__rejected_records"]
ARRIVES_LATER = "2025-09-29"


def _write(con: duckdb.DuckDBPyConnection, rows: str, loaded_at: str, path: Path) -> None:
    con.execute(
        f"copy (select *, timestamp '{loaded_at}' as _loaded_at from ({rows}))"
        f" to '{path}' (format parquet)"
    )


def _cases(con: duckdb.DuckDBPyConnection, source: str) -> dict[str, str]:
    """Rows of the new load that only an exact incremental rule gets right."""
    mid_year = "left(responded_at, 7) = '2025-04'"
    return {
        # A later copy of an early key: the early row stays.
        "early key again": _copy_of(
            con, source, "responded_at < '2025-02-01'", responded_at="2025-09-30 08:00:00"
        ),
        # An earlier copy of a key built months ago: it replaces the built row.
        "old key earlier": _copy_of(
            con,
            source,
            "left(responded_at, 7) = '2025-02'",
            responded_at="2025-01-15 09:00:00",
            score="10",
        ),
        # A copy answered at the same time with another score: the earlier load wins.
        "same time, later load": _copy_of(con, source, mid_year, score="0"),
        # A new answer four months late.
        "very late new answer": _copy_of(
            con, source, mid_year, response_id="LATE-3", responded_at="2025-05-15 10:00:00"
        ),
        # Two different copies of a new key at the same time, in the same load.
        "new key twice, one": _copy_of(
            con, source, mid_year, response_id="LATE-4", responded_at="2025-07-01 10:00:00"
        ),
        "new key twice, two": _copy_of(
            con,
            source,
            mid_year,
            response_id="LATE-4",
            responded_at="2025-07-01 10:00:00",
            score="3",
        ),
        "bad new answer": _copy_of(con, source, mid_year, response_id="LATE-5", score="eleven"),
    }


@pytest.fixture(scope="module")
def loads(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, tuple]]:
    """(inputs folder with loads 1 and 2, the new load's file, original rows of the cases)."""
    root = tmp_path_factory.mktemp("by_load")
    generated = parquet_demo_inputs(
        root, DemoConfig(customers=1500, customers_per_chunk=500), ARRIVES_LATER
    )
    inputs, source, later = generated.folder, generated.survey_source, generated.arrives_later
    con = duckdb.connect()
    for name, (loaded_at, which) in LOADS.items():
        rows = f"select * from {source} where not {later} and {which}"
        _write(con, rows, loaded_at, inputs / "survey_responses" / f"{name}.parquet")
    cases = _cases(con, source)
    new_load = root / "load-3.parquet"
    # A row without a load time: rejected ('missing load time'), by every build.
    no_load_time = _copy_of(con, source, "left(responded_at, 7) = '2025-04'", response_id="LATE-6")
    con.execute(
        f"copy (select *, timestamp '{NEW_LOAD}' as _loaded_at from ("
        + " union all ".join([f"select * from {source} where {later}", *cases.values()])
        + f") union all select *, cast(null as timestamp) from ({no_load_time}))"
        f" to '{new_load}' (format parquet)"
    )
    # The key each case copies (the last quoted value of its SQL) and that key's raw row.
    originals = {
        name: con.execute(
            f"select response_id, score, responded_at from {source}"
            f" where response_id = '{sql.rsplit(chr(39), 2)[1]}'"
        ).fetchone()
        for name, sql in cases.items()
    }
    con.close()
    return inputs, new_load, originals


@pytest.fixture(scope="module")
def builds(loads, tmp_path_factory) -> tuple[Path, Path]:
    """(full build of the three loads, build of two loads refreshed with the third)."""
    inputs, new_load, _ = loads
    root = tmp_path_factory.mktemp("by_load_builds")
    incremental = root / "incremental" / "cx.duckdb"
    incremental.parent.mkdir()
    _build(incremental, inputs, FULL_BUILD)
    (inputs / "survey_responses" / new_load.name).write_bytes(new_load.read_bytes())
    _build(incremental, inputs, [*STAGING, *SURVEY_MARTS, *REJECTIONS])
    full = root / "full" / "cx.duckdb"
    full.parent.mkdir()
    _build(full, inputs, FULL_BUILD)
    return full, incremental


def test_the_refresh_read_only_the_new_load(builds):
    _, incremental = builds
    target = incremental.parent / "target"
    compiled = target / "compiled" / "cx_metrics" / "models" / "marts" / "cx__survey_responses.sql"
    assert "loaded_at > cast('2025-09-29 01:00:00'" in compiled.read_text()
    rejections = compiled.parents[1] / "intermediate" / "int_cx__survey_responses_rejected.sql"
    assert "loaded_at > cast('2025-09-29 01:00:00'" in rejections.read_text()
    executed = target / "run" / "cx_metrics" / "models" / "marts"
    for model in SURVEY_MARTS:
        assert "delete from" in (executed / f"{model}.sql").read_text(), model


@pytest.mark.parametrize("table", [*STAGING, *SURVEY_MARTS, "cx__rejected_records"])
def test_refresh_by_load_equals_a_full_rebuild(builds, table):
    full, incremental = builds
    assert _differences(full, incremental, table) == 0


def test_survey_rejections_by_load_equal_a_full_rebuild(builds):
    """Row for row; only the number of a displaced row among its load's duplicates of its key
    (part of rejection_key) follows the order rows were rejected in."""
    full, incremental = builds
    columns = "response_id, rejection_reason, loaded_at, raw_record"
    assert _differences(full, incremental, "int_cx__survey_responses_rejected", columns) == 0


def _reasons(db: Path, response_id: str) -> list[tuple]:
    """(reason, responded_at as it arrived) of each rejected survey row with the key."""
    return query(
        db,
        "select reason, json_extract_string(raw_record, '$.responded_at')"
        " from cx__rejected_records"
        " where source_table = 'survey_responses' and record_id = ? order by all",
        [response_id],
    )


def test_the_new_loads_rejections_follow_the_contract(builds, loads):
    """Worked out from the cases: a later copy is a duplicate; an earlier copy of a built key
    turns the built row into the duplicate; the bad score and the row without a load time
    are rejected for what they are; of two copies at the same time, one is a duplicate."""
    _, incremental = builds
    _, _, originals = loads
    early_id = originals["early key again"][0]
    assert _reasons(incremental, early_id) == [("duplicate key", "2025-09-30 08:00:00")]
    old_id, _, old_at = originals["old key earlier"]
    assert _reasons(incremental, old_id) == [("duplicate key", old_at)]  # the built row
    same_id, _, same_at = originals["same time, later load"]
    assert _reasons(incremental, same_id) == [("duplicate key", same_at)]
    assert _reasons(incremental, "LATE-4") == [("duplicate key", "2025-07-01 10:00:00")]
    assert [r for r, _ in _reasons(incremental, "LATE-5")] == ["unparseable score"]
    assert [r for r, _ in _reasons(incremental, "LATE-6")] == ["missing load time"]


def test_validation_of_new_loads_reads_only_them(builds, loads, tmp_path):
    """After the refresh nothing is new; against the build of two loads, the third is: its
    rows, judged alone. Its bad rows are the generator's unparseable timestamps that sort as
    later text, the score 'eleven' and the second copy of LATE-4; copies of keys of earlier
    loads are the build's to reject, not the new load's."""
    full, incremental = builds
    inputs, new_load, _ = loads
    two_loads = tmp_path / "two_loads" / "cx.duckdb"
    two_loads.parent.mkdir()
    moved = tmp_path / new_load.name
    (inputs / "survey_responses" / new_load.name).rename(moved)
    try:
        _build(two_loads, inputs, SURVEY_BUILD)
    finally:
        moved.rename(inputs / "survey_responses" / new_load.name)
    # A row without a load time belongs to no load: never read by --new-loads.
    new_rows = query(full, f"select count(*) from '{new_load}' where _loaded_at is not null")[0][0]
    survey = _validate_new_loads(two_loads, inputs, tmp_path / "report.json")
    assert (survey["rows"], survey["rows_read"]) == (new_rows, "loads after 2025-09-29 01:00:00")
    would_reject = next(
        e for e in survey["expectations"] if e["problem"].endswith("would be rejected")
    )
    bad_timestamps = query(
        full,
        f"select count(*) from '{new_load}'"
        " where not regexp_matches(responded_at, '^[0-9]{4}-[0-9]{2}-[0-9]{2}')",
    )[0][0]
    assert bad_timestamps > 0
    assert would_reject["unexpected_count"] == bad_timestamps + 2
    assert _validate_new_loads(incremental, inputs, tmp_path / "report.json")["rows"] == 0


def _validate_new_loads(db: Path, inputs: Path, report_file: Path) -> dict:
    new_loads = ("--new-loads", "--only", "survey_responses")
    return _validated(db, inputs, report_file, *new_loads, max_rejected_pct=100)


@pytest.mark.parametrize(
    ("table", "column"), [("cx__survey_responses", "loaded_at"), ("cx__nps", "loaded_through")]
)
def test_a_table_built_before_its_load_column_fails_with_the_fix(loads, tmp_path, table, column):
    """A table of an earlier version (cx__survey_responses without loaded_at, a metric table
    without its watermark loaded_through) stops an incremental run with one line naming the
    table and the fix, not a database error."""
    inputs, _, _ = loads
    db = tmp_path / "old" / "cx.duckdb"
    db.parent.mkdir()
    _build(db, inputs, [f"+{table}"])
    con = duckdb.connect(str(db))
    con.execute(f"alter table {table} drop column {column}")
    con.close()
    run = run_dbt(["run", "--select", table], db, _variables(inputs))
    assert run.returncode != 0
    assert f"was built without the column {column}" in run.output
    assert f"--full-refresh --select {table}+" in run.output


PAUSED_LOAD = "2025-10-20 01:00:00"  # more than cx_incremental_lookback_days after NEW_LOAD


@pytest.fixture(scope="module")
def paused(loads, tmp_path_factory) -> tuple[Path, Path]:
    """(full build of four loads, a build whose metric tables missed the third load's run).

    The third load, with its rows months late, refreshes only cx__survey_responses (the
    metric tables' step failed or was deselected); a fourth load arrives three weeks later and
    the survey marts refresh. The metric tables must still count the third load."""
    inputs, new_load, _ = loads
    root = tmp_path_factory.mktemp("paused")
    folder = root / "inputs"
    shutil.copytree(inputs, folder, ignore=shutil.ignore_patterns(new_load.name))
    con = duckdb.connect()
    source = f"read_parquet('{inputs.parent / 'generated' / 'survey_responses.parquet'}')"
    fourth = _copy_of(con, source, "true", response_id="LATE-7", responded_at="2025-10-19 10:00:00")
    _write(con, fourth, PAUSED_LOAD, root / "load-4.parquet")
    con.close()
    paused = root / "paused" / "cx.duckdb"
    paused.parent.mkdir()
    _build(paused, folder, FULL_BUILD)
    shutil.copy(new_load, folder / "survey_responses" / new_load.name)
    _build(paused, folder, [*STAGING, "cx__survey_responses", *REJECTIONS])
    shutil.copy(root / "load-4.parquet", folder / "survey_responses" / "load-4.parquet")
    _build(paused, folder, [*STAGING, *SURVEY_MARTS, *REJECTIONS])
    full = root / "full" / "cx.duckdb"
    full.parent.mkdir()
    _build(full, folder, FULL_BUILD)
    return full, paused


@pytest.mark.parametrize("table", SURVEY_MARTS[1:])
def test_a_metric_table_that_missed_a_refresh_catches_up(paused, table):
    """Each metric table keeps its own watermark (loaded_through): the loads after it are
    counted however long ago they came, not only those of the last lookback days."""
    full, refreshed = paused
    assert _differences(full, refreshed, table) == 0
    assert query(refreshed, f"select distinct loaded_through from {table}") == [
        (datetime.fromisoformat(PAUSED_LOAD),)
    ]
