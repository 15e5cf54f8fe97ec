"""The same demo data built on Snowflake, emulated by fakesnow (fakesnow_dbt.py), gives the same
cx__ tables as on DuckDB, compared as test_engine_parity compares the other engines. The build
runs the package's unit tests too: every formula is checked on Snowflake's SQL. Its tables are
read from the emulator's DuckDB file once dbt has exited."""

from __future__ import annotations

import duckdb
import fakesnow_dbt  # beside this module
import pandas as pd
import pytest
from conftest import run_dbt
from test_engine_parity import AS_OF, TABLES, assert_same, duckdb_reference  # noqa: F401

pytestmark = pytest.mark.engines


@pytest.fixture(scope="module")
def snowflake_tables(tmp_path_factory) -> dict[str, pd.DataFrame]:
    """The demo's tables on the emulator. Snowflake upper-cases unquoted names: compared
    lower-cased."""
    root = tmp_path_factory.mktemp("parity_snowflake")
    run = run_dbt(
        ["build", "--target", "snowflake"],
        root / "unused.duckdb",
        AS_OF,
        dbt=fakesnow_dbt.command(root / "emulator"),
    )
    assert run.returncode == 0, run.output[-3000:]
    database = root / "emulator" / f"{fakesnow_dbt.DATABASE.upper()}.db"
    con = duckdb.connect(str(database), read_only=True)
    try:
        tables = {t: con.execute(f"select * from cx_metrics.{t}").df() for t in TABLES}
    finally:
        con.close()
    return {t: frame.rename(columns=str.lower) for t, frame in tables.items()}


@pytest.mark.parametrize("table", TABLES)
def test_snowflake_equals_duckdb(duckdb_reference, snowflake_tables, table):  # noqa: F811
    assert len(duckdb_reference[table]) > 0
    assert_same(duckdb_reference[table], snowflake_tables[table], f"snowflake {table}")
