"""Run the floor (benchmarks/floor.sql) on DuckDB, in memory, and write its cube.

python benchmarks/floor.py INPUT_FOLDER OUTPUT.parquet
"""

import os
import sys
from pathlib import Path

import duckdb


def parquet(folder: Path, table: str) -> str:
    """read_parquet() over the file and/or folder of one input, as the package reads it."""
    patterns = [
        p
        for p in (f"{folder}/{table}.parquet", f"{folder}/{table}/*.parquet")
        if list(Path("/").glob(p.lstrip("/")))
    ]
    return "read_parquet([{}], union_by_name = true)".format(", ".join(f"'{p}'" for p in patterns))


def main(folder: Path, out: Path) -> None:
    query = (Path(__file__).with_name("floor.sql").read_text()).format(
        survey_responses=parquet(folder, "survey_responses"),
        customers=parquet(folder, "customers"),
    )
    con = duckdb.connect(config={"memory_limit": os.environ.get("CX_DUCKDB_MEMORY_LIMIT", "80%")})
    con.execute(f"copy ({query}) to '{out}' (format parquet)")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve())
