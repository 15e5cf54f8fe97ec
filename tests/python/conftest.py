"""Shared helpers: run dbt on a throwaway DuckDB, load CSV inputs as raw text tables."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
BIN = Path(sys.executable).parent


@dataclass
class DbtRun:
    returncode: int
    output: str


def run_dbt(args: list[str], duckdb_file: Path, variables: dict | None = None) -> DbtRun:
    """Run the dbt CLI on the repo's project against the given DuckDB file."""
    command = [str(BIN / "dbt"), *args, "--project-dir", str(REPO), "--profiles-dir", str(REPO)]
    if variables:
        command += ["--vars", json.dumps(variables)]
    env = {**os.environ, "CX_DUCKDB_PATH": str(duckdb_file), "DBT_SEND_ANONYMOUS_USAGE_STATS": "0"}
    # Each run gets its own target/log folders so parallel or repeated runs never collide.
    env["DBT_TARGET_PATH"] = str(duckdb_file.parent / "target")
    env["DBT_LOG_PATH"] = str(duckdb_file.parent / "logs")
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    return DbtRun(done.returncode, done.stdout + done.stderr)


def load_raw_csvs(duckdb_file: Path, folder: Path, schema: str = "raw") -> None:
    """Load every CSV of a folder as an all-text table, the way a raw export arrives."""
    con = duckdb.connect(str(duckdb_file))
    try:
        con.execute(f"create schema if not exists {schema}")
        for csv in sorted(folder.glob("*.csv")):
            con.execute(
                f"create or replace table {schema}.{csv.stem} as "
                f"select * from read_csv('{csv}', all_varchar = true, header = true)"
            )
    finally:
        con.close()


def query(duckdb_file: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(duckdb_file), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="session")
def small_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made fixture in tests/fixtures/small, built once for the whole session."""
    db = tmp_path_factory.mktemp("small") / "small.duckdb"
    load_raw_csvs(db, FIXTURES / "small")
    run = run_dbt(["build"], db, {"cx_source_schema": "raw", "cx_demo_data": False})
    assert run.returncode == 0, run.output[-5000:]
    return db
