"""The demo's figures in a canonical form, and their digests in tests/fixtures/demo_figures.json.

Every output table of the package (each relation named cx__* that the demo build makes) is read
with its columns sorted by name and its rows sorted, each value written out the same way on
every platform: a number as plain decimal text (an integral one without decimals, whatever its
type; a float rounded to 9 significant digits after a nudge of 1e-12 away from 0, and 0
below 1e-12, so that a last-bit difference does not count, even at a halfway value, nor the
remainder of a difference that is 0 in exact arithmetic),
timestamps and dates as ISO text, null as null. The file keeps per table the row count, the
column names and a sha256 of the canonical rows; test_figures_unchanged.py compares the demo
build of the suite with it.

Regenerate the file only for a deliberate change of figures, and say why in the commit that
does it (the figures are the package's promise: a refactor leaves them as they are):

    CX_DUCKDB_PATH=/tmp/demo/demo.duckdb DBT_TARGET_PATH=/tmp/demo/target \\
        DBT_LOG_PATH=/tmp/demo/logs .venv/bin/cx-metrics demo
    .venv/bin/python -m tests.python.figures /tmp/demo/demo.duckdb --write

Without --write it compares every row of every table with the file and names each table that
differs; the test leaves out the intended differences since the baseline that it lists
(ROWS_COMPARED), which a regenerated file makes part of the figures: drop them there then.
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import hashlib
import json
import math
import sys
from collections.abc import Iterable
from pathlib import Path

import duckdb

FIGURES = Path(__file__).resolve().parents[1] / "fixtures" / "demo_figures.json"
# The commit whose demo build gave the stored figures (the last before the issue 35 refactor).
BASELINE = "25921f3"
SIGNIFICANT_DIGITS = 9
# A float closer to 0 than this is 0 (rounding relative to the value would keep such noise).
ZERO_BELOW = 1e-12
# A float is pushed this far (relatively) away from 0 before it is rounded: a sum's last bits
# follow the order the engine added in, and a value halfway between two 9-digit numbers
# (6025.35 / 32 = 188.2921875) would round up or down by those bits alone.
NUDGE = 1e-12


def output_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every relation named cx__* in the build, tables and views."""
    rows = con.execute(
        "select distinct table_name from information_schema.tables"
        " where table_name like 'cx\\_\\_%' escape '\\' order by table_name"
    ).fetchall()
    return [name for (name,) in rows]


def canonical(value: object) -> object:
    """One value as JSON: null, a bool, or text (numbers included, see the module's doc)."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if abs(value) < ZERO_BELOW:
            return "0"
        value = decimal.Decimal(f"{value * (1 + NUDGE):.{SIGNIFICANT_DIGITS}g}")
    if isinstance(value, int | decimal.Decimal):
        number = decimal.Decimal(value)
        return f"{number.normalize():f}" if number else "0"  # no -0, no 1E+1, no trailing 0s
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def table_rows(
    con: duckdb.DuckDBPyConnection, table: str, where: str | None = None
) -> tuple[list[str], list[str]]:
    """(the column names, sorted; the canonical rows as JSON lines, sorted) of a table, or of
    its rows that match `where` (SQL)."""
    columns = sorted(
        name
        for (name,) in con.execute(
            "select column_name from information_schema.columns where table_name = ?", [table]
        ).fetchall()
    )
    select = ", ".join(f'"{name}"' for name in columns)
    sql = f'select {select} from "{table}"' + (f" where {where}" if where else "")
    rows = sorted(json.dumps([canonical(v) for v in row]) for row in con.execute(sql).fetchall())
    return columns, rows


def digest(rows: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def table_figures(con: duckdb.DuckDBPyConnection, table: str, where: str | None = None) -> dict:
    """What the file keeps for a table: its row count, its column names, the rows' digest."""
    columns, rows = table_rows(con, table, where)
    return {"rows": len(rows), "columns": columns, "sha256": digest(rows)}


def build_figures(duckdb_file: Path) -> dict[str, dict]:
    """Every output table's figures in a demo build."""
    con = duckdb.connect(str(duckdb_file), read_only=True)
    try:
        return {table: table_figures(con, table) for table in output_tables(con)}
    finally:
        con.close()


def stored_figures() -> dict[str, dict]:
    return json.loads(FIGURES.read_text())["tables"]


def write_figures(tables: dict[str, dict]) -> None:
    document = {
        "about": "tests/python/figures.py: regenerate only for a deliberate change of figures",
        "baseline": BASELINE,
        "significant_digits": SIGNIFICANT_DIGITS,
        "zero_below": ZERO_BELOW,
        "tables": tables,
    }
    FIGURES.write_text(json.dumps(document, indent=2) + "\n")


def differences(built: dict[str, dict], stored: dict[str, dict]) -> list[str]:
    """One line per table whose figures differ (or that only one side has)."""
    lines = []
    for table in sorted(built.keys() | stored.keys()):
        ours, theirs = built.get(table), stored.get(table)
        if ours != theirs:
            counts = [f.get("rows") if f else "absent" for f in (ours, theirs)]
            lines.append(f"{table}: built {counts[0]} rows, stored {counts[1]}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.python.figures", description=__doc__)
    parser.add_argument("duckdb_file", type=Path, help="the DuckDB file of a demo build")
    parser.add_argument("--write", action="store_true", help=f"write {FIGURES.name}")
    args = parser.parse_args(argv)
    built = build_figures(args.duckdb_file)
    if args.write:
        write_figures(built)
        print(f"wrote the figures of {len(built)} tables to {FIGURES}")
        return 0
    lines = differences(built, stored_figures())
    print("\n".join(lines) or f"the figures of all {len(built)} tables are as stored")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
