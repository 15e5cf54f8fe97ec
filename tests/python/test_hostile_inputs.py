"""Hostile input never crashes a build, and every engine judges it the same (issue 13).

The rows of hostile.py (impossible dates, other digits, control characters, NUL, 5,000-character
values, emoji, quotes and backslashes, numbers in other notations, absurd durations) are loaded
as all-text tables into schema raw of DuckDB, PostgreSQL, Spark and Snowflake (emulated by
fakesnow: fakesnow_dbt.py, read back from the emulator's DuckDB file), and each engine runs one
`dbt build`. On each: the build exits 0, every input row is accepted or rejected (input =
accepted + rejected), each row gets the verdict and reason written beside it in hostile.py,
rejected rows keep their raw values in raw_record, and accepted rows hold the values expected.
Across engines: the same rows are accepted and rejected, with the same reasons and values.

PostgreSQL text cannot hold the NUL character: its loader writes U+FFFD (the replacement
character) for each NUL, which the package treats like any other character that is no digit and
no space, so every verdict is the one the NUL gets on the other engines.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import fakesnow_dbt  # beside this module
import psycopg2
import psycopg2.extras
import pyarrow as pa
import pytest
from conftest import own_inputs, relation, run_dbt, schema_of
from hostile import ACCEPTED, VALID_BEFORE, VALID_FROM, Row, Table, clean, tables
from vader_corpus import reference

SERVERS = ("postgres", "spark", "snowflake")  # the engines tier (make test-engines)
ENGINES = ["duckdb", *(pytest.param(e, marks=pytest.mark.engines) for e in SERVERS)]
TABLES = tables()
# The spines of both churn marts, checked against the accepted data's first and last event.
CHURN = {
    "cx__customer_churn": "int_cx__customers_accepted",
    "cx__activity_churn": "int_cx__customer_activity",
}
# The sentiment of free text (HARD_TEXTS among others): its table, the accepted relation whose
# texts it scores, their key and text column.
SCORED = [
    ("cx__comment_sentiment", "cx__survey_responses", "response_id", "comment"),
    ("cx__review_sentiment", "int_cx__reviews_accepted", "review_id", "text"),
]
MAX_CHARACTERS = 10000  # cx_comment_max_characters' default
LABELS = {"very negative", "negative", "neutral", "positive", "very positive", "mixed"}
RELATIONS = list(
    dict.fromkeys(
        [
            "cx__rejected_records",
            *(t.accepted_relation for t in TABLES),
            *CHURN,
            *CHURN.values(),
            *(s[0] for s in SCORED),
        ]
    )
)
GRAINS = ("week", "month", "quarter")  # cx_period_grains' default
# Customer flows without dimensions: the accepted timestamps span 1900 to 2099, 10,436 weeks,
# times every distinct segment, plan and region of the hostile rows would be millions of rows
# (minutes on Spark); 'all' alone keeps the build quick and the spines whole.
VARIABLES = own_inputs(
    "raw",
    cx_validation_max_rejected_pct=100,
    cx_as_of_timestamp="2026-01-01 00:00:00",
    cx_customer_dimensions=[],
    cx_using_orders=True,
    cx_using_reviews=True,
)
# The demo project's own checks (of macros and of the demo data) run in its refreshes on every
# engine; here they would only repeat (the spine edges alone take half a minute on Spark).
NOT_HOSTILE = ["package:cx_metrics_integration_tests,resource_type:test"]
HOSTILE_SCRIPT = Path(__file__).with_name("hostile.py")
Results = dict[str, list[dict]]
# dbt's lines about a failed node, and the exception that failed it (Spark logs a lot beside).
DBT_ERROR = re.compile(r"ERROR|FAIL |Error in |Exception:|rror: ")


def as_loaded(row: Row, engine: str) -> Row:
    """A row as the engine stores it: PostgreSQL gets U+FFFD for each NUL."""
    if engine != "postgres":
        return row
    return {c: None if v is None else v.replace("\x00", "\ufffd") for c, v in row.items()}


def loaded_rows(table: Table, engine: str) -> list[list[str | None]]:
    rows = (as_loaded(case.row, engine) for case in table.cases)
    return [[row[column] for column in table.columns] for row in rows]


def same_text(value: object) -> object:
    """A value compared across engines: NUL as PostgreSQL's loader writes it."""
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


def build(engine: str, duckdb_file: Path) -> None:
    """One `dbt build` on the engine; Snowflake's emulator keeps its files in duckdb_file's
    folder."""
    target = [] if engine == "duckdb" else ["--target", engine]
    args = ["build", "--exclude-resource-type", "unit_test", "--exclude", *NOT_HOSTILE, *target]
    dbt = fakesnow_dbt.command(duckdb_file.parent) if engine == "snowflake" else None
    run = run_dbt(args, duckdb_file, VARIABLES, dbt=dbt)
    errors = [line for line in run.output.splitlines() if DBT_ERROR.search(line)]
    assert run.returncode == 0, f"dbt build on {engine} failed:\n" + "\n".join(errors[:60])


# --- DuckDB -------------------------------------------------------------------------------------


def load_duckdb(path: Path) -> None:
    con = duckdb.connect(str(path))
    try:
        con.execute("create schema raw")
        for table in TABLES:
            values = zip(*loaded_rows(table, "duckdb"), strict=True)
            arrow = pa.table(
                {c: pa.array(v, pa.string()) for c, v in zip(table.columns, values, strict=True)}
            )
            con.register("arrow_rows", arrow)
            con.execute(f"create table raw.{table.name} as select * from arrow_rows")
            con.unregister("arrow_rows")
    finally:
        con.close()


def read_duckdb(path: Path, schema: str = "main") -> Results:
    """RELATIONS as built in target schema `schema` of a DuckDB file."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        found = {}
        for name in RELATIONS:
            described = con.execute(f"describe {relation(name, schema)}").fetchall()
            selected = [
                f'epoch_us("{c}") as "{c}"'
                if kind.startswith("TIMESTAMP")
                else f'strftime("{c}", \'%Y-%m-%d\') as "{c}"'
                if kind == "DATE"
                else f'"{c}"'
                for c, kind, *_ in described
            ]
            cursor = con.execute(f"select {', '.join(selected)} from {relation(name, schema)}")
            # Snowflake upper-cases unquoted names (its tables, in the emulator's DuckDB file).
            names = [d[0].lower() for d in cursor.description]
            found[name] = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        return found
    finally:
        con.close()


@pytest.fixture(scope="module")
def duckdb_results(tmp_path_factory: pytest.TempPathFactory) -> Results:
    db = tmp_path_factory.mktemp("hostile_duckdb") / "hostile.duckdb"
    load_duckdb(db)
    build("duckdb", db)
    return read_duckdb(db)


# --- PostgreSQL ---------------------------------------------------------------------------------


def load_postgres(con) -> None:
    with con.cursor() as cursor:
        cursor.execute("create schema raw")
        for table in TABLES:
            columns = ", ".join(f'"{c}" text' for c in table.columns)
            cursor.execute(f"create table raw.{table.name} ({columns})")
            psycopg2.extras.execute_values(
                cursor, f"insert into raw.{table.name} values %s", loaded_rows(table, "postgres")
            )
    con.commit()


def read_postgres(con) -> Results:
    found = {}
    with con.cursor() as cursor:
        for name in RELATIONS:
            cursor.execute(
                "select column_name, data_type from information_schema.columns"
                " where table_schema = %s and table_name = %s order by ordinal_position",
                [schema_of(name, "cx_metrics"), name],
            )
            selected = [
                f'cast(extract(epoch from "{c}") * 1000000 as bigint) as "{c}"'
                if kind.startswith("timestamp")
                else f'to_char("{c}", \'YYYY-MM-DD\') as "{c}"'
                if kind == "date"
                else f'"{c}"'
                for c, kind in cursor.fetchall()
            ]
            cursor.execute(f"select {', '.join(selected)} from {relation(name, 'cx_metrics')}")
            names = [d[0] for d in cursor.description]
            found[name] = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return found


@pytest.fixture(scope="module")
def postgres_results(
    tmp_path_factory: pytest.TempPathFactory, postgres_database: dict[str, str]
) -> Iterator[Results]:
    env = postgres_database
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        connect = {k: env[f"PG{k.upper()}"] for k in ("host", "port", "user")}
        con = psycopg2.connect(dbname=env["PGDATABASE"], **connect)
        try:
            load_postgres(con)
            build("postgres", tmp_path_factory.mktemp("hostile_pg") / "unused.duckdb")
            yield read_postgres(con)
        finally:
            con.close()


# --- Spark --------------------------------------------------------------------------------------


def spark_script(*args: str) -> None:
    """hostile.py in its own Python (and JVM), with the build's warehouse and metastore."""
    done = subprocess.run(
        [sys.executable, str(HOSTILE_SCRIPT), *args], capture_output=True, text=True
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-5000:]


@pytest.fixture(scope="module")
def spark_results(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Results]:
    root = tmp_path_factory.mktemp("hostile_spark")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_SPARK_WAREHOUSE", str(root / "warehouse"))
        patch.setenv("CX_SPARK_METASTORE", str(root / "metastore_db"))
        rows = root / "rows.json"
        rows.write_text(
            json.dumps(
                {t.name: {"columns": t.columns, "rows": loaded_rows(t, "spark")} for t in TABLES}
            )
        )
        spark_script("spark-load", str(rows))
        build("spark", root / "unused.duckdb")
        out = root / "results.json"
        spark_script("spark-read", str(out), *(relation(n, "cx_metrics") for n in RELATIONS))
        yield json.loads(out.read_text())


# --- Snowflake (fakesnow) -----------------------------------------------------------------------


def load_snowflake(db_folder: Path) -> None:
    """The rows as varchar tables of schema raw, through the emulated connector."""
    import pandas as pd
    import snowflake.connector
    import snowflake.connector.pandas_tools

    with fakesnow_dbt.emulated(db_folder):
        con = snowflake.connector.connect(database=fakesnow_dbt.DATABASE, schema="raw")
        try:
            cursor = con.cursor()
            # fakesnow creates the schema a connection names; Snowflake would not.
            cursor.execute("create schema if not exists raw")
            for table in TABLES:
                columns = ", ".join(f"{c} varchar" for c in table.columns)
                cursor.execute(f"create table raw.{table.name} ({columns})")
                # write_pandas: one statement per table (an executemany of the rows takes the
                # emulator 17 seconds, a statement translated per row).
                frame = pd.DataFrame(
                    loaded_rows(table, "snowflake"),
                    columns=[c.upper() for c in table.columns],  # unquoted names, as stored
                    dtype=object,
                )
                # The emulator's write_pandas, looked up inside emulated(), which patches it.
                write = snowflake.connector.pandas_tools.write_pandas
                assert write(con, frame, table.name.upper(), schema="RAW")[0]
        finally:
            con.close()


@pytest.fixture(scope="module")
def snowflake_results(tmp_path_factory: pytest.TempPathFactory) -> Results:
    folder = tmp_path_factory.mktemp("hostile_snowflake")
    load_snowflake(folder)
    build("snowflake", folder / "unused.duckdb")
    # The emulator's database is a DuckDB file, read once dbt has exited.
    return read_duckdb(folder / f"{fakesnow_dbt.DATABASE.upper()}.db", "cx_metrics")


# --- Checks -------------------------------------------------------------------------------------


def results_of(engine: str, request: pytest.FixtureRequest) -> Results:
    return request.getfixturevalue(f"{engine}_results")


def rejected(table: Table, results: Results) -> Counter:
    """(raw values, record_id, reason) of the table's rejected rows, with their counts."""
    found: Counter = Counter()
    for row in results["cx__rejected_records"]:
        if row["source_table"] == table.name:
            # Control characters arrive as they are inside the JSON strings.
            raw = json.loads(row["raw_record"], strict=False)
            assert list(raw) == list(table.columns), row["raw_record"][:300]
            found[(tuple(raw.values()), row["record_id"], row["reason"])] += 1
    return found


def accepted(table: Table, results: Results) -> Counter:
    """The accepted input rows per key."""
    found: Counter = Counter()
    for row in results[table.accepted_relation]:
        found[row[table.accepted_key]] += row[table.accepted_count] if table.accepted_count else 1
    return found


def expected(table: Table, engine: str) -> tuple[Counter, Counter]:
    """(rejected, accepted) as `rejected` and `accepted` must find them."""
    rejects: Counter = Counter()
    accepts: Counter = Counter()
    for case in table.cases:
        row = as_loaded(case.row, engine)
        key = clean(row[table.key])
        if case.verdict == ACCEPTED:
            accepts[key] += 1
        else:
            rejects[(tuple(row[c] for c in table.columns), key, case.verdict)] += 1
    return rejects, accepts


def short(item: object) -> str:
    text = repr(item)
    return text if len(text) <= 300 else text[:300] + "..."


def assert_same_counts(want: Counter, got: Counter, label: str) -> None:
    missing, unexpected = want - got, got - want
    assert not missing and not unexpected, (
        f"{label}: {sum(missing.values())} expected rows not found, "
        f"{sum(unexpected.values())} unexpected rows\n  expected, not found:\n    "
        + "\n    ".join(short(i) for i in list(missing)[:15])
        + "\n  found, not expected:\n    "
        + "\n    ".join(short(i) for i in list(unexpected)[:15])
    )


def comparable(rows: list[dict]) -> Counter:
    return Counter(tuple(sorted((c, same_text(v)) for c, v in row.items())) for row in rows)


@pytest.mark.parametrize("engine", ENGINES)
def test_dbt_build_exits_0(engine: str, request: pytest.FixtureRequest) -> None:
    # The fixture builds (and fails on a non-zero exit, with dbt's output); every relation read.
    assert set(results_of(engine, request)) == set(RELATIONS)


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
@pytest.mark.parametrize("engine", ENGINES)
def test_input_rows_are_accepted_plus_rejected(
    engine: str, table: Table, request: pytest.FixtureRequest
) -> None:
    results = results_of(engine, request)
    found = sum(accepted(table, results).values()) + sum(rejected(table, results).values())
    assert found == len(table.cases)


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
@pytest.mark.parametrize("engine", ENGINES)
def test_every_row_gets_its_expected_verdict(
    engine: str, table: Table, request: pytest.FixtureRequest
) -> None:
    """Rejected rows are found by their raw values (quotes, backslashes, control characters
    and 5,000-character values come back from raw_record unchanged), accepted ones by key."""
    results = results_of(engine, request)
    want_rejected, want_accepted = expected(table, engine)
    assert_same_counts(want_rejected, rejected(table, results), f"{engine} rejected")
    assert_same_counts(want_accepted, accepted(table, results), f"{engine} accepted")


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
@pytest.mark.parametrize("engine", ENGINES)
def test_accepted_rows_hold_the_parsed_values(
    engine: str, table: Table, request: pytest.FixtureRequest
) -> None:
    """Codes lower-cased (ASCII letters only), text trimmed, timestamps in UTC, numbers."""
    by_key = {
        row[table.accepted_key]: row for row in results_of(engine, request)[table.accepted_relation]
    }
    wrong = []
    for case in table.cases:
        key = clean(as_loaded(case.row, engine)[table.key])
        for column, value in case.expect.items():
            got = by_key[key][table.renamed.get(column, column)]
            if same_text(got) != same_text(value):
                wrong.append(f"{short(key)}.{column}: expected {short(value)}, got {short(got)}")
    assert not wrong, "\n".join(wrong[:20])


@pytest.mark.engines
@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
@pytest.mark.parametrize("engine", SERVERS)
def test_engine_agrees_with_duckdb(
    engine: str, table: Table, request: pytest.FixtureRequest
) -> None:
    """The same rows rejected with the same reasons, the same accepted rows and values."""
    duckdb_results, results = results_of("duckdb", request), results_of(engine, request)
    for name in ("cx__rejected_records", table.accepted_relation):
        mine = [r for r in results[name] if r.get("source_table", table.name) == table.name]
        reference = [
            r for r in duckdb_results[name] if r.get("source_table", table.name) == table.name
        ]
        assert_same_counts(comparable(reference), comparable(mine), f"{engine} {name}")


@pytest.mark.parametrize("scored", SCORED, ids=lambda s: s[0])
@pytest.mark.parametrize("engine", ENGINES)
def test_every_text_gets_a_clear_sentiment(
    engine: str, scored: tuple[str, str, str, str], request: pytest.FixtureRequest
) -> None:
    """Each accepted text (empty, emoji, other scripts, control characters, 12,504 characters)
    has its one sentiment row, none dropped, with the reference's score of its first
    MAX_CHARACTERS characters."""
    table, accepted_relation, key, column = scored
    results = results_of(engine, request)
    texts = {r[key]: r[column] for r in results[accepted_relation] if r[column] is not None}
    rows = {r[key]: r for r in results[table]}
    assert sorted(rows) == sorted(texts)
    scores = reference(text[:MAX_CHARACTERS] for text in texts.values())
    off = []
    for (text_key, text), ref in zip(texts.items(), scores, strict=True):
        row = rows[text_key]
        assert row["sentiment_label"] in LABELS, short(text)
        assert bool(row["is_truncated"]) == (len(text) > MAX_CHARACTERS), short(text)
        if abs(row["sentiment_score"] - ref["compound"]) > 0.01:
            off.append(f"{short(text)}: {row['sentiment_score']} against {ref['compound']}")
    assert not off, "\n".join(off)


# --- Period spines ------------------------------------------------------------------------------


def first_of(day: date, grain: str) -> date:
    if grain == "week":
        return day - timedelta(days=day.weekday())  # weeks start on Monday
    month = day.month if grain == "month" else (day.month - 1) // 3 * 3 + 1
    return date(day.year, month, 1)


def following(day: date, grain: str) -> date:
    if grain == "week":
        return day + timedelta(days=7)
    months = day.year * 12 + day.month - 1 + (1 if grain == "month" else 3)
    return date(months // 12, months % 12 + 1, 1)


def period_starts(first_us: int, last_us: int, grain: str) -> list[str]:
    """Every period of the grain from the one of the first event to the one of the last."""
    epoch = datetime(1970, 1, 1)
    day = first_of((epoch + timedelta(microseconds=first_us)).date(), grain)
    last = first_of((epoch + timedelta(microseconds=last_us)).date(), grain)
    starts = []
    while day <= last:
        starts.append(day.isoformat())
        day = following(day, grain)
    return starts


def event_bounds(mart: str, results: Results) -> tuple[int, int]:
    """The first and last event the mart's spine must span, from its accepted input."""
    rows = results[CHURN[mart]]
    if mart == "cx__customer_churn":
        ends = [max(r["started_at"], r["churned_at"] or r["started_at"]) for r in rows]
        return min(r["started_at"] for r in rows), max(ends)
    return min(r["active_at"] for r in rows), max(r["active_at"] for r in rows)


@pytest.mark.parametrize("mart", CHURN)
@pytest.mark.parametrize("engine", ENGINES)
def test_churn_spines_span_the_accepted_data(
    engine: str, mart: str, request: pytest.FixtureRequest
) -> None:
    """Placeholders of years 0001 and 9999 are rejected (timestamp out of range); the edges of
    the plausible range, 1900-01-01 and 2099-12-31, are accepted, and every week, month and
    quarter between them (10,436 weeks) has its row: no spine cut short."""
    results = results_of(engine, request)
    first, last = event_bounds(mart, results)
    assert (first, last) == (VALID_FROM, VALID_BEFORE - 1)
    for grain in GRAINS:
        got = sorted(
            r["period_start"]
            for r in results[mart]
            if r["period_grain"] == grain and r["dimension"] == "all"
        )
        assert got == period_starts(first, last, grain), grain
