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
