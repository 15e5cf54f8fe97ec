"""A consumer's dbt project using the package, and the hand-made typed inputs it is built on.

integration_tests/consumer_project is `shop`, a project as an analytics engineer has it: its
own profile, its own models (customers and orders, named like the package's inputs on purpose)
and one model on top of the package. The tests copy it, point its packages.yml at this
repository, load INPUTS into schema `raw` of DuckDB, PostgreSQL, Spark or Snowflake (emulated by
fakesnow: fakesnow_dbt.py), and run the dbt CLI.

INPUTS is one definition for every engine: each value is written as text and cast to its
column's type (COLUMNS) on load, or loaded as text (typed=False), the way a raw export
arrives. Clean rows follow simple patterns so that the expected metrics are known by hand
(see test_consumer.py); a few rows are bad on purpose, fewer than 5% of each input.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import contract  # beside this module
import duckdb
import fakesnow_dbt  # beside this module
import psycopg2
import yaml

REPO = Path(__file__).resolve().parents[2]
CONSUMER_PROJECT = REPO / "integration_tests" / "consumer_project"
BIN = Path(sys.executable).parent

Row = tuple[str | None, ...]

# The warehouse type each contract column is loaded as (typed=True): its contract kind, except
# that these timestamps carry a time zone (the others do not), so both kinds are exercised.
WITH_TIME_ZONE = {
    ("survey_responses", "responded_at"),
    ("support_tickets", "created_at"),
    ("orders", "ordered_at"),
}
KIND_TYPES = {"text": "text", "number": "double", "integer": "integer", "timestamp": "timestamp"}


def _typed(table: str, column: str, kind: str) -> str:
    return "timestamptz" if (table, column) in WITH_TIME_ZONE else KIND_TYPES[kind]


# {input: [(column, the type it is loaded as)]}, the contract's required columns in its order.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    table: [(c, _typed(table, c, contract.contract()[table][c]["kind"])) for c in columns]
    for table in contract.contract()
    for columns in [contract.columns(table)]
}

# Each kind's type per engine. Spark's TIMESTAMP is an instant (shown in the session's UTC).
ENGINE_TYPES: dict[str, dict[str, str]] = {
    "duckdb": {
        "text": "varchar",
        "timestamptz": "timestamptz",
        "timestamp": "timestamp",
        "double": "double",
        "integer": "integer",
    },
    "postgres": {
        "text": "text",
        "timestamptz": "timestamptz",
        "timestamp": "timestamp",
        "double": "double precision",
        "integer": "integer",
    },
    "spark": {
        "text": "string",
        "timestamptz": "timestamp",
        "timestamp": "timestamp",
        "double": "double",
        "integer": "int",
    },
    # TIMESTAMP_TZ keeps each value's offset; the package reads it as its UTC instant.
    "snowflake": {
        "text": "varchar",
        "timestamptz": "timestamp_tz",
        "timestamp": "timestamp_ntz",
        "double": "double",
        "integer": "integer",
    },
}

# The same instant, 2024-11-15 23:30:38 UTC, written with each kind of UTC offset.
OFFSET_FORMS: dict[str, str] = {
    "off-z": "2024-11-15T23:30:38Z",
    "off-colon": "2024-11-16T01:30:38+02:00",
    "off-hhmm": "2024-11-16T01:30:38+0200",
    "off-hh": "2024-11-15 20:30:38-03",
}


def _response(
    response_id: str, survey_type: str, score: str, responded_at: str, index: int = 0
) -> Row:
    customer_id = f"c{index % 52 + 1:02d}"
    return (
        response_id,
        customer_id,
        survey_type,
        "relationship",
        "app",
        "email",
        score,
        responded_at,
        None,
        None,
    )


# Comments on three answers (the others have none), worked by hand in test_consumer.py: a
# March detractor, two April promoters.
COMMENTS = {"m-11": "The agent was rude.", "a-01": "Great service!", "a-03": "Friendly staff"}


def _with_comments(rows: list[Row]) -> list[Row]:
    position = [name for name, _ in COLUMNS["survey_responses"]].index("comment")
    return [(*row[:position], COMMENTS.get(row[0]), *row[position + 1 :]) for row in rows]


def _survey_responses() -> list[Row]:
    """Month 2025-03: 20 NPS answers, 5 promoters (10), 5 passives (8), 10 detractors (3).
    Month 2025-04: 40 NPS answers, 20 promoters, 10 passives, 10 detractors, one of the
    promoters answered at 2025-03-31 23:30 -02:00 (April in UTC); 20 CSAT answers, 15 of them
    satisfied (5 or 4); 20 CES answers, 12 of them easy (7, 6 or 5).
    Rejected: a later duplicate of a-01, a NaN score, a score of 11 (3 rows).
    Month 2024-11: one NPS passive per OFFSET_FORMS entry."""
    march = [10] * 5 + [8] * 5 + [3] * 10
    april = [10, 9] * 9 + [10] + [7] * 10 + [i % 7 for i in range(10)]  # 19 + boundary row
    csat = [5, 4] * 7 + [5] + [3, 2, 1, 2, 3]
    ces = [7, 6, 5] * 4 + [4, 3, 2, 1] * 2
    rows = [
        _response(f"m-{i + 1:02d}", "nps", str(s), f"2025-03-{i + 1:02d} 10:00:00+00", i)
        for i, s in enumerate(march)
    ]
    rows += [
        _response(f"a-{i + 1:02d}", "nps", str(s), f"2025-04-{i % 28 + 1:02d}T12:00:00Z", i)
        for i, s in enumerate(april)
    ]
    rows.append(_response("a-boundary", "nps", "10", "2025-03-31 23:30:00-02"))
    rows += [
        _response(f"cs-{i + 1:02d}", "csat", str(s), f"2025-04-{i + 1:02d} 15:00:00+00:00", i)
        for i, s in enumerate(csat)
    ]
    rows += [
        _response(f"ce-{i + 1:02d}", "ces", str(s), f"2025-04-{i + 1:02d} 16:00:00+0000", i)
        for i, s in enumerate(ces)
    ]
    rows += [_response(key, "nps", "8", value) for key, value in OFFSET_FORMS.items()]
    rows += [
        _response("a-01", "nps", "0", "2025-04-20 12:00:00+00"),  # duplicate key
        _response("bad-nan", "nps", "NaN", "2025-04-05 12:00:00+00"),  # unparseable score
        _response("bad-11", "nps", "11", "2025-04-06 12:00:00+00"),  # score outside scale
    ]
    return _with_comments(rows)


def _customer(customer_id: str, started_at: str, churned_at: str | None, index: int) -> Row:
    return (
        customer_id,
        started_at,
        churned_at,
        ["smb", "enterprise"][index % 2],
        ["basic", "pro"][index % 2],
        ["emea", "amer"][index % 2],
        str(10.0 * (index % 5 + 1)),
    )


def _customers() -> list[Row]:
    """52 customers start in 2025-01; c01-c02 churn in 2025-02 and c03-c07 in 2025-04; c53-c56
    start in 2025-04 and c56 churns within it. Rejected: a later duplicate of c10 and a
    customer who churned before starting (2 rows)."""
    churn = {1: "2025-02-15 12:00:00", 2: "2025-02-15 12:00:00"}
    churn |= {i: f"2025-04-{7 + i:02d} 12:00:00" for i in range(3, 8)}
    rows = [
        _customer(f"c{i:02d}", f"2025-01-{(i - 1) % 28 + 1:02d} 08:00:00", churn.get(i), i)
        for i in range(1, 53)
    ]
    rows += [
        _customer(f"c{i:02d}", f"2025-04-{i - 51:02d} 09:00:00", None, i) for i in range(53, 56)
    ]
    rows.append(_customer("c56", "2025-04-05 09:00:00", "2025-04-25 00:00:00", 56))
    rows.append(_customer("c10", "2025-03-01 00:00:00", None, 10))  # duplicate key
    rows.append(_customer("c-bad", "2025-03-10 00:00:00", "2025-03-01 00:00:00", 0))
    return rows


def _ticket(
    ticket_id: str,
    created_at: str,
    first_response_at: str,
    resolved_at: str,
    handle_time: str,
    replies: str,
    index: int = 0,
) -> Row:
    return (
        ticket_id,
        f"c{index % 52 + 1:02d}",
        "email",
        ["low", "high"][index % 2],
        created_at,
        first_response_at,
        resolved_at,
        handle_time,
        replies,
    )


def _support_tickets() -> list[Row]:
    """Month 2025-03: 40 tickets. Month 2025-04: t-a01..t-a20 created on day i at 09:00 UTC,
    answered after 2*i minutes, resolved after 4 hours with i % 3 agent replies; and one
    created at 2025-03-31 23:00 -02:00 (April in UTC), answered after 15 minutes, resolved
    with 1 reply. Rejected: a later duplicate of t-a05 and an answer before creation."""
    rows = [
        _ticket(
            f"t-m{i + 1:02d}",
            f"2025-03-{i % 28 + 1:02d} 09:00:00+00",
            f"2025-03-{i % 28 + 1:02d} 09:30:00",
            f"2025-03-{i % 28 + 1:02d} 11:00:00",
            "12.5",
            "1",
            i,
        )
        for i in range(40)
    ]
    rows += [
        _ticket(
            f"t-a{i:02d}",
            f"2025-04-{i:02d} 09:00:00+00",
            f"2025-04-{i:02d} 09:{2 * i:02d}:00",
            f"2025-04-{i:02d} 13:00:00",
            "10",
            str(i % 3),
            i,
        )
        for i in range(1, 21)
    ]
    rows.append(
        _ticket(
            "t-boundary",
            "2025-03-31 23:00:00-02",
            "2025-04-01 01:15:00",
            "2025-04-01 03:00:00",
            "20",
            "1",
        )
    )
    rows.append(
        _ticket(
            "t-a05",
            "2025-04-28 09:00:00+00",
            "2025-04-28 09:05:00",
            "2025-04-28 10:00:00",
            "5",
            "0",
        )
    )
    rows.append(
        _ticket(
            "t-bad",
            "2025-04-10 10:00:00+00",
            "2025-04-10 09:00:00",
            "2025-04-10 11:00:00",
            "5",
            "0",
        )
    )
    return rows


def _feedback_followups() -> list[Row]:
    """25 follow-ups of negative answers; rejected: the first one logged twice."""
    ids = [f"m-{i:02d}" for i in range(11, 21)] + [f"a-{i:02d}" for i in range(30, 40)]
    ids += [f"cs-{i:02d}" for i in range(16, 21)]
    rows: list[Row] = [(key, "2025-04-25 10:00:00") for key in ids]
    rows.append(rows[0])  # duplicate key
    return rows


INPUTS: dict[str, list[Row]] = {
    "survey_responses": _survey_responses(),
    "customers": _customers(),
    "support_tickets": _support_tickets(),
    "feedback_followups": _feedback_followups(),
}


# A shop's orders (W = 90 days): k-1 orders Jan 15 and Mar 1 (a repeat within the window),
# lapsing May 30; k-2 orders Jan 20 and lapses Apr 20 (its cancelled order of Apr 10 is not
# activity); k-3's first order, Feb 28 23:30 -02:00, is Mar 1 01:30 UTC (new in March), lapsing
# May 30; k-4 orders Apr 5 and Jun 30 (the horizon). Rejected: an order without a customer and
# a later copy of o-1.
ORDERS: list[Row] = [
    ("o-1", "k-1", "2025-01-15 10:00:00+00", "40.00", "completed"),
    ("o-2", "k-1", "2025-03-01 10:00:00+00", None, None),
    ("o-3", "k-2", "2025-01-20 12:00:00+00", "15.50", "shipped"),
    ("o-4", "k-2", "2025-04-10 12:00:00+00", "15.50", " Cancelled "),
    ("o-5", "k-3", "2025-02-28 23:30:00-02:00", "99.00", "completed"),
    ("o-6", "k-4", "2025-04-05 09:00:00+00", "12.00", "completed"),
    ("o-7", "k-4", "2025-06-30 12:00:00+00", "12.00", "REFUNDED"),
    ("o-8", "k-4", "2025-06-30 12:00:00+00", "30.00", "completed"),
    ("o-9", None, "2025-04-02 12:00:00+00", "5.00", "completed"),
    ("o-1", "k-1", "2025-05-01 10:00:00+00", "40.00", "completed"),
]


def with_value(rows: list[Row], table: str, column: str, value: str | None) -> list[Row]:
    """The rows with one column set to value in every row."""
    position = [name for name, _ in COLUMNS[table]].index(column)
    return [(*row[:position], value, *row[position + 1 :]) for row in rows]


def _literal(value: str | None, type_name: str) -> str:
    if value is None:
        return f"cast(null as {type_name})"
    assert "'" not in value and "\\" not in value, value
    return f"cast('{value}' as {type_name})"


def table_statements(
    engine: str, table: str, rows: list[Row], typed: bool = True, schema: str = "raw"
) -> list[str]:
    """create table and insert statements of one input, its columns typed or all text."""
    types = [ENGINE_TYPES[engine][kind if typed else "text"] for _, kind in COLUMNS[table]]
    columns = ", ".join(f"{name} {t}" for (name, _), t in zip(COLUMNS[table], types, strict=True))
    using = " using parquet" if engine == "spark" else ""
    values = ",\n".join(
        "(" + ", ".join(_literal(v, t) for v, t in zip(row, types, strict=True)) + ")"
        for row in rows
    )
    return [
        f"create table {schema}.{table} ({columns}){using}",
        f"insert into {schema}.{table} values\n{values}",
    ]


def _statements(engine: str, inputs: dict[str, list[Row]], typed: bool) -> list[str]:
    create = "create database if not exists raw" if engine == "spark" else "create schema raw"
    out = [create]
    for table, rows in inputs.items():
        out += table_statements(engine, table, rows, typed)
    return out


def load_duckdb(path: Path, inputs: dict[str, list[Row]], typed: bool = True) -> None:
    """The inputs as tables of schema raw in a DuckDB file."""
    execute_duckdb(path, _statements("duckdb", inputs, typed))


def execute_duckdb(path: Path, statements: list[str]) -> None:
    """Run statements on a DuckDB file."""
    con = duckdb.connect(str(path))
    try:
        for statement in statements:
            con.execute(statement)
    finally:
        con.close()


def load_postgres(env: dict[str, str], inputs: dict[str, list[Row]], typed: bool = True) -> None:
    """The inputs as tables of schema raw in the PostgreSQL database that env (libpq) names."""
    execute_postgres(env, _statements("postgres", inputs, typed))


def execute_postgres(env: dict[str, str], statements: list[str]) -> None:
    """Run statements, in one transaction, on the PostgreSQL database that env (libpq) names."""
    con = psycopg2.connect(
        host=env["PGHOST"], port=env["PGPORT"], user=env["PGUSER"], dbname=env["PGDATABASE"]
    )
    try:
        with con, con.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        con.close()


def load_snowflake(db_folder: Path, inputs: dict[str, list[Row]], typed: bool = True) -> None:
    """The inputs as tables of schema raw in the emulated Snowflake whose files are in
    db_folder (database fakesnow_dbt.DATABASE), through the emulated connector."""
    import snowflake.connector

    with fakesnow_dbt.emulated(db_folder):
        con = snowflake.connector.connect(database=fakesnow_dbt.DATABASE)
        try:
            cursor = con.cursor()
            for statement in _statements("snowflake", inputs, typed):
                cursor.execute(statement)
        finally:
            con.close()


def spark_env(root: Path) -> dict[str, str]:
    """The profile's Spark locations (warehouse, metastore) under root."""
    return {
        "SHOP_SPARK_WAREHOUSE": str(root / "warehouse"),
        "SHOP_SPARK_METASTORE": str(root / "metastore_db"),
    }


# Run in a separate process: the Derby metastore admits one JVM at a time, dbt's comes next.
_SPARK_LOADER = """
import json, os, sys
from pyspark.sql import SparkSession
metastore = os.environ["SHOP_SPARK_METASTORE"]
spark = (
    SparkSession.builder.enableHiveSupport()
    .master("local[2]")
    .config("spark.sql.warehouse.dir", os.environ["SHOP_SPARK_WAREHOUSE"])
    .config("spark.hadoop.javax.jdo.option.ConnectionURL",
            f"jdbc:derby:;databaseName={metastore};create=true")
    .config("spark.driver.extraJavaOptions", f"-Dderby.system.home={metastore}-derby")
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.ui.enabled", "false")
    .getOrCreate()
)
for statement in json.load(sys.stdin):
    spark.sql(statement)
spark.stop()
"""


def load_spark(root: Path, inputs: dict[str, list[Row]], typed: bool = True) -> None:
    """The inputs as Parquet tables of Spark database raw, in spark_env(root)'s metastore."""
    execute_spark(root, _statements("spark", inputs, typed))


def execute_spark(root: Path, statements: list[str]) -> None:
    """Run statements in a Spark session on spark_env(root)'s warehouse and metastore."""
    done = subprocess.run(
        [sys.executable, "-c", _SPARK_LOADER],
        input=json.dumps(statements),
        cwd=root,
        env={**os.environ, **spark_env(root)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def make_consumer_project(tmp_path: Path, variables: dict | None = None) -> Path:
    """A copy of the shop project in tmp_path/shop, installing the package from this
    repository; variables are added to its `vars: cx_metrics:` as a user would."""
    project = tmp_path / "shop"
    shutil.copytree(
        CONSUMER_PROJECT,
        project,
        ignore=shutil.ignore_patterns(
            "target", "dbt_packages", "logs", "*.duckdb*", "package-lock.yml", "spark"
        ),
    )
    (project / "packages.yml").write_text(f"packages:\n  - local: {REPO}\n")
    if variables:
        config_file = project / "dbt_project.yml"
        config = yaml.safe_load(config_file.read_text())
        config["vars"]["cx_metrics"].update(variables)
        config_file.write_text(yaml.safe_dump(config, sort_keys=False))
    return project


def _clean_environ() -> dict[str, str]:
    """This process's environment without dbt settings that would redirect the project's."""
    dbt_paths = {"DBT_TARGET_PATH", "DBT_LOG_PATH", "DBT_PROFILES_DIR", "DBT_PROJECT_DIR"}
    return {k: v for k, v in os.environ.items() if k not in dbt_paths}


def run_consumer_dbt(
    project: Path, args: list[str], env: dict[str, str], dbt: list[str] | None = None
) -> tuple[int, str]:
    """The dbt CLI on the consumer project with its own profiles.yml: (returncode, output).
    dbt is the command that runs dbt, e.g. fakesnow_dbt.command(folder) for the emulated
    Snowflake."""
    done = subprocess.run(
        [
            *(dbt or [str(BIN / "dbt")]),
            *args,
            "--project-dir",
            str(project),
            "--profiles-dir",
            str(project),
        ],
        cwd=project,
        env={**_clean_environ(), "DBT_SEND_ANONYMOUS_USAGE_STATS": "0", **env},
        capture_output=True,
        text=True,
    )
    return done.returncode, done.stdout + done.stderr


def build(
    project: Path,
    env: dict[str, str],
    target: str | None = None,
    dbt: list[str] | None = None,
    options: tuple[str, ...] = (),
) -> tuple[int, str]:
    """`dbt deps` then a plain `dbt build` with options (on target, else the profile's
    default), each run by the command dbt (run_consumer_dbt's)."""
    code, output = run_consumer_dbt(project, ["deps"], env, dbt)
    if code != 0:
        return code, output
    target_args = ["--target", target] if target else []
    return run_consumer_dbt(project, ["build", *target_args, *options], env, dbt)


def executed_resource_types(project: Path) -> set[str]:
    """The resource types of the nodes in the last run's run_results.json."""
    results = json.loads((project / "target" / "run_results.json").read_text())["results"]
    return {result["unique_id"].split(".")[0] for result in results}


def postgres_query(env: dict[str, str]):
    """A query function on the PostgreSQL database env names: rows, exact NUMERICs as floats."""
    from decimal import Decimal

    def query(sql: str) -> list[tuple]:
        con = psycopg2.connect(
            host=env["PGHOST"], port=env["PGPORT"], user=env["PGUSER"], dbname=env["PGDATABASE"]
        )
        try:
            with con.cursor() as cursor:
                cursor.execute(sql)
                rows = cursor.fetchall()
        finally:
            con.close()
        return [tuple(float(v) if isinstance(v, Decimal) else v for v in row) for row in rows]

    return query


def parquet_query(warehouse: Path, schemas: list[str]):
    """A query function over the tables a Spark build left under its warehouse folder, read
    with DuckDB once dbt (and its JVM) has exited: each table a view of its Parquet files."""
    con = duckdb.connect()
    for schema in schemas:
        con.execute(f"create schema {schema}")
        for folder in (warehouse / f"{schema}.db").iterdir():
            if list(folder.glob("*.parquet")):
                con.execute(
                    f"create view {schema}.{folder.name} as "
                    f"select * from read_parquet('{folder}/*.parquet')"
                )
    return lambda sql: con.execute(sql).fetchall()
