"""Shared helpers: run dbt on a throwaway DuckDB, load CSV inputs as raw text tables."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from cx_metrics.project import ensure_packages

REPO = Path(__file__).resolve().parents[2]
# The integration project: installs the package from ../ and holds the demo seeds.
PROJECT = REPO / "integration_tests"
DEMO_SEEDS = PROJECT / "seeds" / "demo"
FIXTURES = REPO / "tests" / "fixtures"
BIN = Path(sys.executable).parent


@dataclass
class DbtRun:
    returncode: int
    output: str


def dbt_env(duckdb_file: Path) -> dict[str, str]:
    """Environment for dbt on one DuckDB file, with target/log folders beside it."""
    return {
        "CX_DUCKDB_PATH": str(duckdb_file),
        "CX_DASHBOARD_PATH": str(duckdb_file.with_suffix(".html")),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "0",
        "DBT_TARGET_PATH": str(duckdb_file.parent / "target"),
        "DBT_LOG_PATH": str(duckdb_file.parent / "logs"),
    }


def run_dbt(args: list[str], duckdb_file: Path, variables: dict | None = None) -> DbtRun:
    """Run the dbt CLI on the integration project against the given DuckDB file."""
    ensure_packages(PROJECT, str(PROJECT))  # a fresh clone has not run `dbt deps` yet
    project = str(PROJECT)
    command = [str(BIN / "dbt"), *args, "--project-dir", project, "--profiles-dir", project]
    if variables:
        command += ["--vars", json.dumps(variables)]
    done = subprocess.run(
        command,
        cwd=PROJECT,
        env={**os.environ, **dbt_env(duckdb_file)},
        capture_output=True,
        text=True,
    )
    return DbtRun(done.returncode, done.stdout + done.stderr)


def downstream(graph, key) -> set:
    """Every asset key downstream of key in a Dagster asset graph."""
    seen, todo = set(), [key]
    while todo:
        for child in graph.get(todo.pop()).child_keys:
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return seen


def own_inputs(schema: str = "raw", **extra: object) -> dict:
    """dbt vars for inputs loaded by a test into `schema` instead of the demo seeds. A
    hand-made fixture is mostly defects: the rejected-share test would rightly fail it, so
    its limit is lifted unless the test sets one. Statuses are as of the build time (the demo
    project's own as-of time is the end of the demo data). The hand-made fixtures have no
    orders (the optional input the demo project switches on): off unless the test sets it."""
    return {
        "cx_source_schema": schema,
        "cx_demo_data": False,
        "cx_validation_max_rejected_pct": 100,
        "cx_as_of_timestamp": None,
        "cx_using_orders": False,
        **extra,
    }


@dataclass
class ParquetInputs:
    """Generated demo inputs as Parquet read in place (cx_source_parquet_path): every input
    but survey_responses copied into `folder`, whose survey_responses/ the test fills from
    `survey_source` (SQL) with `arrives_later` (SQL: true for answers of a later load)."""

    folder: Path
    survey_source: str
    arrives_later: str


def parquet_demo_inputs(root: Path, config, later_from: str) -> ParquetInputs:
    from cx_metrics.demo_data.writers import TABLES, write_parquet

    generated = root / "generated"
    write_parquet(config, generated)
    folder = root / "inputs"
    (folder / "survey_responses").mkdir(parents=True)
    for table in TABLES[1:]:
        shutil.copy(generated / f"{table}.parquet", folder / f"{table}.parquet")
    return ParquetInputs(
        folder=folder,
        survey_source=f"read_parquet('{generated}/survey_responses.parquet')",
        arrives_later=f"coalesce(left(ltrim(responded_at), 10) >= '{later_from}', false)",
    )


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


def broken_inputs(duckdb_file: Path) -> Path:
    """The small fixture in schema `broken`, with survey_responses.score and customers gone."""
    load_raw_csvs(duckdb_file, FIXTURES / "small", schema="broken")
    con = duckdb.connect(str(duckdb_file))
    try:
        con.execute("alter table broken.survey_responses drop column score")
        con.execute("drop table broken.customers")
    finally:
        con.close()
    return duckdb_file


def query(duckdb_file: Path, sql: str, params: list | None = None) -> list[tuple]:
    # Default configuration: dbt run in process (validation tests) may hold the file open.
    con = duckdb.connect(str(duckdb_file))
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="session")
def small_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made fixture in tests/fixtures/small, built once for the whole session."""
    db = tmp_path_factory.mktemp("small") / "small.duckdb"
    load_raw_csvs(db, FIXTURES / "small")
    run = run_dbt(["build"], db, own_inputs())
    assert run.returncode == 0, run.output[-5000:]
    return db


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """`cx-metrics demo` on a throwaway DuckDB: (the file, what the command printed)."""
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    done = subprocess.run(
        [str(BIN / "cx-metrics"), "demo"],
        cwd=REPO,
        env={**os.environ, **dbt_env(db)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-5000:]
    return db, done.stdout
