"""dbt on an emulated Snowflake: `python tests/python/fakesnow_dbt.py DB_FOLDER dbt-args...`.

fakesnow (https://github.com/tekumara/fakesnow) replaces the Snowflake connector in this
process with one that translates each statement from Snowflake's SQL (sqlglot's grammar) to
DuckDB's and runs it on the DuckDB files in DB_FOLDER, one per database (ANALYTICS.db for the
profiles' default database). dbt-snowflake runs unchanged on top: the same compiled SQL a
Snowflake account would receive. Tests load and read the emulator in their own process with
`emulated` and `snowflake.connector.connect`, while no dbt of theirs holds the files.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from sqlglot import exp

DATABASE = "analytics"  # the profiles' default (SNOWFLAKE_DATABASE)
THREADED = {
    "build",
    "run",
    "seed",
    "test",
    "snapshot",
    "compile",
    "show",
}  # the dbt commands with --threads


def command(db_folder: Path) -> list[str]:
    """The command line prefix that runs dbt (its arguments follow) on the emulator."""
    return [sys.executable, str(Path(__file__).resolve()), str(db_folder)]


@contextmanager
def emulated(db_folder: Path) -> Iterator[None]:
    """snowflake.connector.connect, in this process, connects to the emulator in db_folder,
    with the three differences from Snowflake that matter here set right (below; the tests in
    test_snowflake_emulation.py show each)."""
    warnings.filterwarnings("ignore", module="snowflake.connector")  # its vendored requests' pins
    warnings.filterwarnings("ignore", message="Arrow output on a DB-API result")
    import fakesnow
    import fakesnow.cursor

    cursor = fakesnow.cursor.FakeSnowflakeCursor
    transform = cursor._transform
    db_folder.mkdir(parents=True, exist_ok=True)
    with (
        mock.patch.object(fakesnow.transforms, "numeric_agg_implicit_cast", _as_written),
        mock.patch.object(fakesnow.transforms, "trim_cast_varchar", _trim_keeps_characters),
        mock.patch.object(
            cursor,
            "_transform",
            lambda self, expression, params: transform(
                self, expression.transform(_qualified_temporary_tables_kept, copy=False), params
            ),
        ),
        fakesnow.patch(db_path=db_folder),
    ):
        yield


def run(db_folder: Path, args: list[str]) -> int:
    """dbt's exit code for `dbt args` against the emulator whose files are in db_folder."""
    from dbt.cli.main import dbtRunner

    # One thread: a second connection of the same process cannot attach the same database file.
    threads = ["--threads", "1"] if args[:1] and args[0] in THREADED else []
    with emulated(db_folder):
        result = dbtRunner().invoke([*args[:1], *threads, *args[1:]])
    return 0 if result.success else (1 if result.exception is None else 2)


def _qualified_temporary_tables_kept(expression: exp.Expression) -> exp.Expression:
    """A temporary table named database.schema.table (as dbt-snowflake's unit tests create
    theirs; Snowflake accepts the name) is created as a plain table: DuckDB keeps temporary
    tables in a catalog of their own, and fakesnow passes the name on."""
    table = expression.this.find(exp.Table) if isinstance(expression, exp.Create) else None
    if table and table.catalog:
        for temporary in list(expression.find_all(exp.TemporaryProperty)):
            temporary.pop()
    return expression


def _trim_keeps_characters(expression: exp.Expression) -> exp.Expression:
    """TRIM(text, characters) with the characters kept. fakesnow casts TRIM's argument to text
    (as Snowflake does implicitly) but rebuilds the call without its characters, so that it
    strips spaces instead; Snowflake strips the characters given (its documentation of TRIM)."""
    if not isinstance(expression, exp.Trim):
        return expression
    operand = expression.this
    if not (isinstance(operand, exp.Cast) and operand.to.this in _TEXT_TYPES):
        operand = exp.Cast(this=operand, to=exp.DataType.build("varchar"))
    return exp.Trim(this=operand, expression=expression.args.get("expression"))


_TEXT_TYPES = (exp.DataType.Type.VARCHAR, exp.DataType.Type.TEXT)


def _as_written(expression: exp.Expression) -> exp.Expression:
    """Leaves SUM, AVG and MEDIAN as written. fakesnow wraps every argument of theirs that is
    not a cast in TRY_CAST(... AS DOUBLE) (Snowflake casts text there implicitly), which also
    turns an exact NUMBER sum into a float one; Snowflake sums a NUMBER exactly (its
    documentation of SUM), and this package aggregates no text."""
    return expression


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1]), sys.argv[2:]))
