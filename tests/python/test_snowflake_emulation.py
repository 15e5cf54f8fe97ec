"""Where fakesnow's emulation differs from Snowflake's documented behaviour in what the package
runs, fakesnow_dbt.emulated sets it right; each test shows the stock emulator's difference and
the corrected one. The package's SQL follows Snowflake's documentation, not the emulator."""

from __future__ import annotations

from decimal import Decimal

import fakesnow
import fakesnow_dbt  # beside this module
import pytest
import snowflake.connector

pytestmark = pytest.mark.engines

# Three exact decimals that sum to 0 (as doubles: 5.55e-17).
EXACT_SUM = """
    select sum(v) from (
        select cast(0.1 as decimal(38, 6)) as v union all select cast(0.2 as decimal(38, 6))
        union all select cast(-0.3 as decimal(38, 6))
    )
"""
# How dbt-snowflake's unit tests create their tables: temporary, with a qualified name.
TEMPORARY = "create or replace temporary table analytics.raw.fixture as select 1 as n"


def _run(sql: str) -> list[tuple]:
    con = snowflake.connector.connect(database="analytics", schema="raw")
    try:
        return con.cursor().execute(sql).fetchall()
    finally:
        con.close()


def test_a_number_sum_is_exact(tmp_path):
    """Snowflake's SUM of a NUMBER(38, 6) is a NUMBER: exact. Stock fakesnow casts every
    SUM, AVG and MEDIAN argument to DOUBLE first (for text columns)."""
    with fakesnow.patch(db_path=tmp_path):
        ((stock,),) = _run(EXACT_SUM)
    assert stock != 0 and abs(stock) < 1e-15  # a float's rounding error
    with fakesnow_dbt.emulated(tmp_path / "corrected"):
        assert _run(EXACT_SUM) == [(Decimal("0.000000"),)]


def test_a_temporary_table_may_have_a_qualified_name(tmp_path):
    """Snowflake accepts database.schema.name for a temporary table; stock fakesnow hands it
    to DuckDB, which keeps temporary tables in a catalog of its own and refuses it."""
    with fakesnow.patch(db_path=tmp_path), pytest.raises(Exception, match="temp"):
        _run(TEMPORARY)
    with fakesnow_dbt.emulated(tmp_path / "corrected"):
        _run(TEMPORARY)
        assert _run("select n from analytics.raw.fixture") == [(1,)]


def test_trim_strips_the_characters_given(tmp_path):
    """Snowflake's TRIM(text, characters) strips those characters (the package strips
    punctuation around words so); stock fakesnow rebuilds the call without them and strips
    spaces instead."""
    sql = "select trim('(good!!)', '()!'), trim('  x  ')"
    with fakesnow.patch(db_path=tmp_path):
        assert _run(sql) == [("(good!!)", "x")]
    with fakesnow_dbt.emulated(tmp_path / "corrected"):
        assert _run(sql) == [("good", "x")]


def test_a_timestamp_tz_cast_to_ntz_keeps_its_wall_clock_on_snowflake_only(tmp_path):
    """A difference left as it is, and why the package does not depend on it. Snowflake keeps
    a TIMESTAMP_TZ's own offset, so a cast to TIMESTAMP_NTZ keeps its wall-clock time
    (2025-03-31 23:30 for 23:30 -02:00); fakesnow keeps it as an instant in a UTC session and
    gives the UTC time. The package converts with convert_timezone('UTC', ...) first
    (timestamptz_to_utc), which is the UTC time on both."""
    value = "cast('2025-03-31 23:30:00 -02:00' as timestamp_tz)"
    with fakesnow_dbt.emulated(tmp_path):
        ((cast_only, converted),) = _run(
            f"select cast({value} as timestamp_ntz), "
            f"cast(convert_timezone('UTC', {value}) as timestamp_ntz)"
        )
    assert str(cast_only) == "2025-04-01 01:30:00"  # Snowflake: 2025-03-31 23:30:00
    assert str(converted) == "2025-04-01 01:30:00"  # Snowflake: the same
