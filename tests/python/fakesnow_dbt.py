"""dbt on an emulated Snowflake: `python tests/python/fakesnow_dbt.py DB_FOLDER dbt-args...`.

fakesnow (https://github.com/tekumara/fakesnow) replaces the Snowflake connector in this
process with one that translates each statement from Snowflake's SQL (sqlglot's grammar) to
DuckDB's and runs it on the DuckDB files in DB_FOLDER, one per database. dbt-snowflake runs
unchanged on top: the same compiled SQL a Snowflake account would receive.
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path


def run(db_folder: Path, args: list[str]) -> int:
    """dbt's exit code for `dbt args` against the emulator whose files are in db_folder."""
    warnings.filterwarnings("ignore", module="snowflake.connector")  # its vendored requests' pins
    import fakesnow
    from dbt.cli.main import dbtRunner

    # One connection: a second one of the same process cannot attach the same database file.
    os.environ["CX_THREADS"] = "1"
    db_folder.mkdir(parents=True, exist_ok=True)
    fakesnow.transforms.numeric_agg_implicit_cast = _as_snowflake_aggregates
    transform = fakesnow.cursor.FakeSnowflakeCursor._transform
    fakesnow.cursor.FakeSnowflakeCursor._transform = lambda self, expression, params: transform(
        self, expression.transform(_qualified_temporary_tables_kept, copy=False), params
    )
    with fakesnow.patch(db_path=db_folder):
        result = dbtRunner().invoke(args)
    return 0 if result.success else (1 if result.exception is None else 2)


def _qualified_temporary_tables_kept(expression):
    """A temporary table named database.schema.table (as dbt-snowflake's unit tests create
    theirs; Snowflake accepts the name) is created as a plain table: DuckDB keeps temporary
    tables in a catalog of their own, and fakesnow passes the name on."""
    from sqlglot import exp

    if isinstance(expression, exp.Create) and expression.this.find(exp.Table).catalog:
        for temporary in expression.find_all(exp.TemporaryProperty):
            temporary.pop()
    return expression


def _as_snowflake_aggregates(expression):
    """Leaves SUM, AVG and MEDIAN as written. fakesnow wraps every argument of theirs that is
    not a cast in TRY_CAST(... AS DOUBLE) (Snowflake casts text there implicitly), which also
    turns an exact NUMBER sum into a float one; Snowflake sums a NUMBER exactly (its
    documentation of SUM), and this package aggregates no text."""
    return expression


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1]), sys.argv[2:]))
