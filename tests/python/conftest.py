"""Shared helpers: run dbt on a throwaway DuckDB, load CSV inputs as raw text tables, build
what several modules read once per test session, one PostgreSQL server per session.

The suite runs in two tiers (docs/development.md): `make test` everything but the tests marked
`engines`, `make test-engines` those (PostgreSQL and Spark). Both may run under pytest-xdist,
one module per worker (--dist loadfile): every test writes only its own files, schemas and
ports, and what is built once for the session is built by one worker and copied by the others.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
import yaml
from filelock import FileLock

from cx_metrics.project import ensure_packages

# devtools/ is not installed: importable from the repository root, wherever a test runs.
sys.path.append(str(Path(__file__).resolve().parents[2]))
from devtools import throwaway_postgres  # noqa: E402

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


# The end-to-end scenarios of a minute or more, by the fixture that runs each: every test that
# uses one is marked slow (`make test-fast` leaves them out).
# The rates cx__metric_changes tests as shares, for the tests that recompute them by hand:
# metric -> (mart, value column, x, n); a period with n = 0 has no rate and no row there.
SHARES = {
    "churn": ("cx__customer_churn", "churn_rate_pct", "churned_customers", "customers_at_start"),
    "retention": (
        "cx__customer_churn",
        "retention_rate_pct",
        "customers_at_end - new_customers",
        "customers_at_start",
    ),
    "fcr": ("cx__service_levels", "fcr_pct", "first_contact_resolutions", "tickets_resolved"),
}
SLOW_FIXTURES = {"scenario", "loop", "refreshes", "shop", "duckdb_builds"}
# The modules that take longest, in that order, go to the workers first (pytest-xdist hands a
# worker the next module when it is free): the tier does not end waiting on one of them.
LONGEST_MODULES = [
    "test_engine_parity",
    "test_orchestration",
    "test_publishing",
    "test_alerts",
    "test_wheel",
    "test_hostile_inputs",
    "test_connectors",
    "test_consumer",
    "test_snowflake_parity",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.slow)

    def rank(item: pytest.Item) -> int:
        name = item.module.__name__ if item.module else ""
        return LONGEST_MODULES.index(name) if name in LONGEST_MODULES else len(LONGEST_MODULES)

    items.sort(key=rank)  # stable: the order within a module stays


def _layer_schemas() -> dict[str, str]:
    """{model prefix: the suffix its layer's schema gets}, from the package's dbt_project.yml."""
    models = yaml.safe_load((REPO / "dbt_project.yml").read_text())["models"]["cx_metrics"]
    staging, intermediate = models["staging"]["+schema"], models["intermediate"]["+schema"]
    return {"stg_": f"_{staging}", "base_": f"_{staging}", "int_": f"_{intermediate}"}


LAYER_SCHEMAS = _layer_schemas()


def schema_of(name: str, schema: str = "main") -> str:
    """The schema of a package relation built in target schema `schema`: staging and
    intermediate models have schemas of their own (<schema>_cx_staging, ...)."""
    return schema + next((s for p, s in LAYER_SCHEMAS.items() if name.startswith(p)), "")


def relation(name: str, schema: str = "main") -> str:
    """A package relation's qualified name, e.g. main_cx_staging.stg_cx__orders."""
    return f"{schema_of(name, schema)}.{name}"


def dbt_env(duckdb_file: Path) -> dict[str, str]:
    """Environment for dbt on one DuckDB file, with target/log folders beside it."""
    return {
        "CX_DUCKDB_PATH": str(duckdb_file),
        "CX_DASHBOARD_PATH": str(duckdb_file.with_suffix(".html")),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "0",
        "DBT_TARGET_PATH": str(duckdb_file.parent / "target"),
        "DBT_LOG_PATH": str(duckdb_file.parent / "logs"),
    }


def session_folder(factory: pytest.TempPathFactory) -> Path:
    """The temporary folder every worker of this test session shares (pytest-xdist gives each
    worker a folder of its own inside it)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def installed_packages() -> None:
    """`dbt deps` of the integration project once, whichever worker asks first (a fresh clone
    has not run it yet; two at once would write the same folder)."""
    with FileLock(str(PROJECT / "dbt_packages.lock")):
        ensure_packages(PROJECT, str(PROJECT))


def built_in(factory: pytest.TempPathFactory, name: str) -> Path:
    """Where built_once builds `name`."""
    return session_folder(factory) / f"once-{name}"


def built_once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder that `build` fills, built once for the whole session by the first worker to ask,
    and copied for each worker (its DuckDB files may then be opened read-write: one process
    each). Returns this worker's copy."""
    shared = built_in(factory, name)
    with FileLock(str(shared) + ".lock"):
        if not (shared / ".built").exists():
            shutil.rmtree(shared, ignore_errors=True)
            shared.mkdir()
            build(shared)
            (shared / ".built").touch()
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return shared
    own = factory.mktemp(name)
    shutil.copytree(shared, own, dirs_exist_ok=True, symlinks=True)
    return own


def run_dbt(
    args: list[str], duckdb_file: Path, variables: dict | None = None, dbt: list[str] | None = None
) -> DbtRun:
    """Run the dbt CLI on the integration project against the given DuckDB file (the
    duckdb target's; its folder holds dbt's target and logs). dbt is the command that runs
    dbt, e.g. fakesnow_dbt.command(folder) for the emulated Snowflake."""
    installed_packages()
    project = str(PROJECT)
    command = [
        *(dbt or [str(BIN / "dbt")]),
        *args,
        "--project-dir",
        project,
        "--profiles-dir",
        project,
    ]
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
    orders nor reviews (the optional inputs the demo project switches on): off unless the test
    sets them."""
    return {
        "cx_source_schema": schema,
        "cx_demo_data": False,
        "cx_validation_max_rejected_pct": 100,
        "cx_as_of_timestamp": None,
        "cx_using_orders": False,
        "cx_using_reviews": False,
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


def _small_build(folder: Path) -> None:
    db = folder / "small.duckdb"
    load_raw_csvs(db, FIXTURES / "small")
    # The package's unit tests run in the demo's build (`demo` below): not again here.
    run = run_dbt(["build", "--exclude-resource-type", "unit_test"], db, own_inputs())
    assert run.returncode == 0, run.output[-5000:]


@pytest.fixture(scope="session")
def small_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made fixture in tests/fixtures/small, built once for the whole session."""
    return built_once(tmp_path_factory, "small", _small_build) / "small.duckdb"


def _demo(folder: Path) -> None:
    db = folder / "demo.duckdb"
    done = subprocess.run(
        [str(BIN / "cx-metrics"), "demo"],
        cwd=REPO,
        env={**os.environ, **dbt_env(db)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-5000:]
    (folder / "demo.out").write_text(done.stdout)


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """`cx-metrics demo` on a throwaway DuckDB, once for the session (its build runs the
    package's unit tests): (the file, what the command printed)."""
    folder = built_once(tmp_path_factory, "demo", _demo)
    # It printed the paths it built in: those of this worker's copy instead.
    printed = (folder / "demo.out").read_text()
    return folder / "demo.duckdb", printed.replace(
        str(built_in(tmp_path_factory, "demo")), str(folder)
    )


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[dict[str, str]]:
    """One throwaway PostgreSQL server for the session (each worker has its own): its libpq
    environment. Modules take a database of their own from postgres_database."""
    # Directly under the system temp folder: as root, the postgres user must reach it.
    data_dir = Path(tempfile.mkdtemp(prefix="cx_postgres_")) / "data"
    data_dir.parent.chmod(0o755)
    try:
        yield throwaway_postgres.start(data_dir)
    finally:
        if (data_dir / "postmaster.pid").exists():
            throwaway_postgres.stop(data_dir)
        shutil.rmtree(data_dir.parent, ignore_errors=True)


@pytest.fixture(scope="module")
def postgres_database(
    postgres_server: dict[str, str], request: pytest.FixtureRequest
) -> dict[str, str]:
    """A new database of the session's server, named after the module: its libpq environment."""
    return new_postgres_database(postgres_server, request.module.__name__)


def new_postgres_database(server: dict[str, str], name: str) -> dict[str, str]:
    """A new, empty database of the server (a lower-cased name): its libpq environment."""
    import psycopg2  # the engines tier's extra

    name = re.sub(r"\W", "_", name.lower())
    env = {**server, "PGDATABASE": name}
    con = psycopg2.connect(
        host=env["PGHOST"], port=env["PGPORT"], user=env["PGUSER"], dbname="postgres"
    )
    con.autocommit = True  # create database cannot run inside a transaction
    try:
        with con.cursor() as cursor:
            cursor.execute(f'drop database if exists "{name}"')
            cursor.execute(f'create database "{name}"')
    finally:
        con.close()
    return env
