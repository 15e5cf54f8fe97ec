"""The package as a user's project installs it: the `shop` consumer project (consumer.py), its
hand-made typed inputs in schema `raw`, and a plain `dbt deps` + `dbt build`.

Every expected value is worked out by hand from the inputs' patterns (consumer.py's docstrings)
and the contract's formulas (models/marts/_marts__docs.md), never read back from a build:

  NPS 2025-04, all: 40 answers (the one at 2025-03-31 23:30 -02:00 is April in UTC; the later
    copy of a-01, the NaN and the 11 are rejected), 20 promoters, 10 detractors:
    100 * (20 - 10) / 40 = 25.  NPS 2025-03: 20 answers, 5 promoters, 10 detractors: -25.
  Churn 2025-04: 52 customers started in January, 2 churned in February: 50 at the start;
    5 of them churned in April: 100 * 5 / 50 = 10.  Retention: 4 new (one churned in April),
    at the end 50 - 5 + 4 - 1 = 48: 100 * (48 - 4) / 50 = 88.
  Median first response 2025-04: 2, 4, ..., 40 minutes (20 tickets) and 15 (the ticket
    created at 2025-03-31 23:00 -02:00): 21 values, the 11th is 20.  FCR: 13 of the 20 have
    at most 1 reply, and so does the boundary ticket: 100 * 14 / 21.
  CSAT 2025-04: 15 of 20 satisfied = 75; CES: 12 of 20 easy = 60.
  Comments (VADER, compound = s / sqrt(s^2 + 15)): m-11 'The agent was rude.' rude -2.0:
    -2 / sqrt(19); a-01 'Great service!' great 3.1 + 0.292 for the '!'; a-03 'Friendly staff'
    friendly 2.2. Topic staff attitude (agent*, rude*, friendl*, staff): m-11 2 mentions,
    a-03 2. Its NPS impact n_t (NPS_t - NPS_all) / (N - n_t): April 1 (100 - 25) / 39,
    March 1 (-100 - (-25)) / 19.
  Rejected rows: survey_responses 3, customers 2 (a later duplicate, churned before started),
    support_tickets 2 (a later duplicate, response before creation), feedback_followups 1.

dbt runs with TZ and PGTZ set to Asia/Kolkata (+05:30), as on a machine not in UTC: an input
with a time zone must still land in its UTC month.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import duckdb
import fakesnow_dbt  # beside this module
import pytest
from consumer import (
    INPUTS,
    OFFSET_FORMS,
    ORDERS,
    build,
    executed_resource_types,
    load_duckdb,
    load_postgres,
    load_snowflake,
    load_spark,
    make_consumer_project,
    run_consumer_dbt,
    spark_env,
    with_value,
)

Query = Callable[[str], list[tuple]]

NOT_UTC = {"TZ": "Asia/Kolkata", "PGTZ": "Asia/Kolkata"}
SURVEYS_ONLY = {
    "cx_using_customers": False,
    "cx_using_support_tickets": False,
    "cx_using_feedback_followups": False,
}
WEIGHTS = {"nps": 0.30, "csat": 0.25, "ces": 0.20, "retention": 0.15, "fcr": 0.10}
OFFSET_INSTANT = dt.datetime(2024, 11, 15, 23, 30, 38)

NPS_APRIL = 100 * (20 - 10) / 40
NPS_MARCH = 100 * (5 - 10) / 20
CSAT_APRIL = 100 * 15 / 20
CES_APRIL = 100 * 12 / 20
CHURN_APRIL = 100 * 5 / 50
RETENTION_APRIL = 100 * (48 - 4) / 50
MEDIAN_FIRST_RESPONSE_APRIL = 20.0
FCR_APRIL = 100 * 14 / 21
SENTIMENT = {
    "a-01": (3.1 + 0.292) / (3.392**2 + 15) ** 0.5,
    "a-03": 2.2 / (2.2**2 + 15) ** 0.5,
    "m-11": -2.0 / 19**0.5,
}
STAFF_IMPACT = {"2025-03-01": (-100 - -25) / 19, "2025-04-01": (100 - 25) / 39}
REJECTED = {"survey_responses": 3, "customers": 2, "support_tickets": 2, "feedback_followups": 1}


def cx_index(components: dict[str, float]) -> float:
    """The contract's index: sum(weight * component) / sum(weight) over present components."""
    return sum(WEIGHTS[k] * v for k, v in components.items()) / sum(WEIGHTS[k] for k in components)


def month(table: str, columns: str, start: str = "2025-04-01") -> str:
    return (
        f"select {columns} from shop.{table} where period_grain = 'month' "
        f"and dimension = 'all' and period_start = date '{start}'"
    )


def observed(query: Query) -> dict[str, object]:
    """The figures the hand values are compared with, from the built tables."""
    topic = " and topic = 'staff attitude'"
    rejected = query(
        "select source_table, count(*) from shop.cx__rejected_records group by source_table"
    )
    return {
        "nps_april": query(month("cx__nps", "nps"))[0][0],
        "nps_march": query(month("cx__nps", "nps", "2025-03-01"))[0][0],
        "churn_april": query(month("cx__customer_churn", "churn_rate_pct, retention_rate_pct"))[0],
        "service_april": query(
            month("cx__service_levels", "median_first_response_minutes, fcr_pct")
        )[0],
        "cx_index_april": query(month("cx__cx_index", "cx_index"))[0][0],
        "rejected": {table: int(count) for table, count in rejected},
        "shop_customers": sorted(
            (c, int(n)) for c, n in query("select customer_id, order_count from shop.customers")
        ),
        "sentiment": sorted(
            (r, float(v))
            for r, v in query("select response_id, sentiment_score from shop.cx__comment_sentiment")
        ),
        "staff_mentions": sorted(
            (r, int(n))
            for r, n in query(
                "select response_id, mentions from shop.cx__comment_topics"
                " where topic = 'staff attitude'"
            )
        ),
        "staff_impact": [
            float(query(month("cx__topic_impact", "nps_impact", start) + topic)[0][0])
            for start in sorted(STAFF_IMPACT)
        ],
        "monthly_nps_april": query(
            "select nps from shop.monthly_nps where month_start = date '2025-04-01'"
        )[0][0],
    }


def assert_hand_values(values: dict[str, object]) -> None:
    assert values["nps_april"] == pytest.approx(NPS_APRIL)
    assert values["nps_march"] == pytest.approx(NPS_MARCH)
    assert values["churn_april"] == pytest.approx((CHURN_APRIL, RETENTION_APRIL))
    assert values["service_april"] == pytest.approx((MEDIAN_FIRST_RESPONSE_APRIL, FCR_APRIL))
    full = {
        "nps": (NPS_APRIL + 100) / 2,
        "csat": CSAT_APRIL,
        "ces": CES_APRIL,
        "retention": RETENTION_APRIL,
        "fcr": FCR_APRIL,
    }
    assert values["cx_index_april"] == pytest.approx(cx_index(full))
    assert values["rejected"] == REJECTED
    # The shop's own models built from its orders; the package read raw.customers (the
    # shop's customers model has no started_at: reading it would have failed the build).
    assert values["shop_customers"] == [("shop-1", 2), ("shop-2", 1)]
    assert values["monthly_nps_april"] == pytest.approx(NPS_APRIL)
    assert [r for r, _ in values["sentiment"]] == sorted(SENTIMENT)
    assert [v for _, v in values["sentiment"]] == pytest.approx(
        [SENTIMENT[r] for r in sorted(SENTIMENT)], abs=1e-9
    )
    assert values["staff_mentions"] == [("a-03", 2), ("m-11", 2)]
    assert values["staff_impact"] == pytest.approx([STAFF_IMPACT[m] for m in sorted(STAFF_IMPACT)])


def assert_no_unit_tests(project: Path) -> None:
    ran = executed_resource_types(project)
    assert {"model", "seed", "test"} <= ran, ran
    assert "unit_test" not in ran, ran


def duckdb_query(path: Path) -> Query:
    def query(sql: str) -> list[tuple]:
        con = duckdb.connect(str(path), read_only=True)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()

    return query


def as_floats(rows: list[tuple]) -> list[tuple]:
    """Rows with each exact NUMERIC value (a Python Decimal) as a float."""
    return [tuple(float(v) if isinstance(v, Decimal) else v for v in row) for row in rows]


def duckdb_tables(path: Path) -> set[str]:
    rows = duckdb_query(path)(
        "select table_name from information_schema.tables where table_schema = 'shop'"
    )
    return {name for (name,) in rows}


@pytest.fixture(scope="module")
def duckdb_consumer(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The shop project on DuckDB with typed inputs, built once: (project, DuckDB file)."""
    root = tmp_path_factory.mktemp("consumer_duckdb")
    project, db = make_consumer_project(root), root / "analytics.duckdb"
    load_duckdb(db, INPUTS)
    code, output = build(project, {"SHOP_DUCKDB_PATH": str(db), **NOT_UTC})
    assert code == 0, output[-5000:]
    return project, db


@pytest.fixture(scope="module")
def surveys_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shop project with only survey_responses, loaded as text the way a raw export
    arrives (timestamps with each kind of UTC offset), built once: the DuckDB file."""
    root = tmp_path_factory.mktemp("consumer_surveys_only")
    project, db = make_consumer_project(root, SURVEYS_ONLY), root / "analytics.duckdb"
    load_duckdb(db, {"survey_responses": INPUTS["survey_responses"]}, typed=False)
    code, output = build(project, {"SHOP_DUCKDB_PATH": str(db), **NOT_UTC})
    assert code == 0, output[-5000:]
    return db


def test_duckdb_consumer_builds_the_hand_values(duckdb_consumer):
    project, db = duckdb_consumer
    assert_hand_values(observed(duckdb_query(db)))
    assert_no_unit_tests(project)
    # The shop's own models sit beside the package's in its schema.
    assert {"customers", "orders", "monthly_nps", "cx__nps"} <= duckdb_tables(db)
    # The package's staging read the input raw.customers, not the shop's model shop.customers.
    compiled = project / "target" / "compiled" / "cx_metrics" / "models" / "staging"
    staging = (compiled / "stg_cx__customers.sql").read_text()
    assert '"raw"."customers"' in staging and '"shop"."customers"' not in staging


# Models named like package nodes, in a schema of their own (shop_own), holding no rows and
# only their key: a package model that read one would fail, or leave its metric empty.
DECOYS = {"int_cx__customers_accepted": "customer_id", "cx__survey_responses": "response_id"}
DECOY_SQL = """{{ config(materialized='view', schema='own') }}
select cast(null as {{ dbt.type_string() }}) as %s where 1 = 0
"""


def test_models_named_like_package_nodes_are_not_read(tmp_path):
    """The package pins every ref to itself: with the decoys in the shop, its models still
    give the hand values and depend only on the package's nodes. No data tests: dbt
    writes a package's data tests with a bare ref, which reads a root node of the same name
    first (dbt/parser/generic_test_builders.py), so the README tells users not to name a model
    like one of the package's (all carry cx__)."""
    project, db = make_consumer_project(tmp_path), tmp_path / "analytics.duckdb"
    for name, key in DECOYS.items():
        (project / "models" / f"{name}.sql").write_text(DECOY_SQL % key)
    load_duckdb(db, INPUTS)
    env = {"SHOP_DUCKDB_PATH": str(db), **NOT_UTC}
    assert run_consumer_dbt(project, ["deps"], env)[0] == 0
    code, output = run_consumer_dbt(project, ["build", "--exclude-resource-type", "test"], env)
    assert code == 0, output[-5000:]
    assert_hand_values(observed(duckdb_query(db)))
    manifest = json.loads((project / "target" / "manifest.json").read_text())
    read = {
        d
        for node in manifest["nodes"].values()
        if node["package_name"] == "cx_metrics" and node["resource_type"] == "model"
        for d in node["depends_on"]["nodes"]
    }
    assert read and all(d.split(".")[1] == "cx_metrics" for d in read), read
    placed = duckdb_query(db)(
        "select table_schema, table_name from information_schema.tables "
        f"where table_name in {(*DECOYS, 'stg_cx__customers')}"
    )
    # The package's layers: staging in its default schema, intermediate where the shop's
    # dbt_project.yml moved it, the marts in the target schema; the decoys in shop_own.
    assert sorted(placed) == sorted(
        [
            ("shop_cx_staging", "stg_cx__customers"),
            ("shop_cx_work", "int_cx__customers_accepted"),
            ("shop", "cx__survey_responses"),
            *(("shop_own", name) for name in DECOYS),
        ]
    )


def test_offsets_text_and_timestamptz_give_the_same_utc_instant(duckdb_consumer, surveys_only):
    # Typed: responded_at is a timestamptz column. Text: the same values as written.
    for db in (duckdb_consumer[1], surveys_only):
        rows = duckdb_query(db)(
            "select response_id, responded_at from shop.cx__survey_responses "
            "where response_id like 'off-%'"
        )
        assert dict(rows) == dict.fromkeys(OFFSET_FORMS, OFFSET_INSTANT), db
        boundary = duckdb_query(db)(
            "select responded_at from shop.cx__survey_responses where response_id = 'a-boundary'"
        )
        assert boundary == [(dt.datetime(2025, 4, 1, 1, 30),)]


def test_surveys_only_consumer(surveys_only):
    tables = duckdb_tables(surveys_only)
    assert "cx__nps" in tables and "cx__cx_index" in tables
    assert not {"cx__customer_churn", "cx__cohort_retention", "cx__service_levels"} & tables
    query = duckdb_query(surveys_only)
    assert query("select distinct segment from shop.cx__survey_responses") == [("unknown",)]
    # The close-the-loop queue stays, with nothing followed up: every negative answer (10 + 10
    # NPS detractors, 5 CSAT not satisfied, 8 CES not easy) is past due today.
    queue = query("select status, count(*) from shop.cx__feedback_followups group by status")
    assert queue == [("overdue", 10 + 10 + 5 + 8)]
    assert query(month("cx__nps", "nps"))[0][0] == pytest.approx(NPS_APRIL)
    index = query(month("cx__cx_index", "retention_component, fcr_component, cx_index"))[0]
    present = {"nps": (NPS_APRIL + 100) / 2, "csat": CSAT_APRIL, "ces": CES_APRIL}
    assert index[:2] == (None, None)
    assert index[2] == pytest.approx(cx_index(present))  # (18.75 + 18.75 + 12) / 0.75 = 66
    rejected = query("select source_table, count(*) from shop.cx__rejected_records group by 1")
    assert rejected == [("survey_responses", REJECTED["survey_responses"])]


def test_a_shop_with_orders_gets_activity_churn(tmp_path):
    """The optional orders input switched on in the user's project, typed (ordered_at a
    timestamptz), tickets not counted as activity: the months worked out by hand in
    consumer.ORDERS (W = 90 days, horizon Jun 30 12:00)."""
    variables = {"cx_using_orders": True, "cx_activity_includes_tickets": False}
    variables["cx_validation_max_rejected_pct"] = 25  # 2 bad orders of 10, on purpose
    project, db = make_consumer_project(tmp_path, variables), tmp_path / "analytics.duckdb"
    load_duckdb(db, {**INPUTS, "orders": ORDERS})
    code, output = build(project, {"SHOP_DUCKDB_PATH": str(db), **NOT_UTC})
    assert code == 0, output[-5000:]
    columns = (
        "period_start, customers_at_start, new_customers, churned_customers, customers_at_end,"
        " repeat_customers, is_final"
    )
    rows = duckdb_query(db)(
        f"select {columns} from shop.cx__activity_churn where period_grain = 'month'"
        " and dimension = 'all' order by period_start"
    )
    expected = [  # S, new, churned, E, repeat, final
        (dt.date(2025, 1, 1), 0, 2, 0, 2, 1, True),  # k-1, k-2 new; k-1 repeats
        (dt.date(2025, 2, 1), 2, 0, 0, 2, 0, True),  # k-3's Feb 28 -02:00 is March in UTC
        (dt.date(2025, 3, 1), 2, 1, 0, 3, 0, True),  # Apr 1 + 90 days = Jun 30 <= horizon
        (dt.date(2025, 4, 1), 3, 1, 1, 3, 1, False),  # k-2 lapses (its cancelled order is not)
        (dt.date(2025, 5, 1), 3, 0, 2, 1, 0, False),  # k-1 and k-3 lapse on May 30
        (dt.date(2025, 6, 1), 1, 0, 0, 1, 0, False),  # k-4 has not lapsed by the horizon
    ]
    assert rows == expected
    rates = duckdb_query(db)(
        "select churn_rate_pct, retention_rate_pct from shop.cx__activity_churn"
        " where period_grain = 'month' and dimension = 'all' and period_start = date '2025-04-01'"
    )
    assert rates[0] == pytest.approx((100 * 1 / 3, 100 * (3 - 1) / 3))
    rejected = duckdb_query(db)(
        "select reason, count(*) from shop.cx__rejected_records where source_table = 'orders'"
        " group by reason order by reason"
    )
    assert rejected == [("duplicate key", 1), ("missing customer", 1)]


def test_unparseable_timestamps_fail_the_build(tmp_path):
    project, db = make_consumer_project(tmp_path, SURVEYS_ONLY), tmp_path / "analytics.duckdb"
    rows = with_value(INPUTS["survey_responses"], "survey_responses", "responded_at", "soon")
    load_duckdb(db, {"survey_responses": rows}, typed=False)
    code, output = build(project, {"SHOP_DUCKDB_PATH": str(db), **NOT_UTC})
    assert code != 0
    # The rejected-share test is what failed, and nothing else.
    assert "FAIL 1 cx_rejected_share_within_limit_cx__rejected_records_survey_responses" in output
    assert "ERROR=1 " in output
    # Every row is rejected; the 2 with a bad score for that reason (checked first).
    total = len(rows)
    assert f"cx_metrics: input 'survey_responses': {total} of {total} rows rejected" in output
    assert f"Most common reason: 'unparseable timestamp' ({total - 2} rows)" in output


def _show_offsets(
    project: Path, env: dict[str, str], target: str, dbt: list[str] | None = None
) -> dict[str, str]:
    """parse_timestamp of each OFFSET_FORMS text, through `dbt show` on a target (dbt: the
    command that runs dbt, as run_consumer_dbt takes it)."""
    sql = " union all ".join(
        f"select '{key}' as form, {{{{ cx_metrics.parse_timestamp(\"'{value}'\") }}}} as utc"
        for key, value in OFFSET_FORMS.items()
    )
    code, output = run_consumer_dbt(
        project,
        ["show", "--target", target, "--inline", sql, "--output", "json", "--log-format", "json"],
        env,
        dbt,
    )
    assert code == 0, output[-3000:]
    shown = [json.loads(line) for line in output.splitlines() if '"ShowNode"' in line]
    rows = json.loads(shown[0]["data"]["preview"])
    # Snowflake upper-cases the unquoted aliases (FORM, UTC).
    rows = [{column.lower(): value for column, value in row.items()} for row in rows]
    return {row["form"]: row["utc"] for row in rows}


@pytest.fixture(scope="module")
def postgres_consumer(
    tmp_path_factory: pytest.TempPathFactory, postgres_database: dict[str, str]
) -> tuple[Path, dict]:
    """The shop project on PostgreSQL (a database of the session's server), built once:
    (project, libpq env)."""
    load_postgres(postgres_database, INPUTS)
    project = make_consumer_project(tmp_path_factory.mktemp("consumer_postgres"))
    env = {**postgres_database, **NOT_UTC}
    code, output = build(project, env, target="postgres")
    assert code == 0, output[-5000:]
    return project, env


@pytest.mark.engines
def test_postgres_consumer_builds_the_hand_values(postgres_consumer):
    import psycopg2  # the engines tier's extra

    project, env = postgres_consumer
    with psycopg2.connect(
        host=env["PGHOST"], port=env["PGPORT"], user=env["PGUSER"], dbname=env["PGDATABASE"]
    ) as con:

        def query(sql: str) -> list[tuple]:
            with con.cursor() as cursor:
                cursor.execute(sql)
                return as_floats(cursor.fetchall())

        assert_hand_values(observed(query))
        offsets = query(
            "select response_id, responded_at from shop.cx__survey_responses "
            "where response_id like 'off-%'"
        )
    assert dict(offsets) == dict.fromkeys(OFFSET_FORMS, OFFSET_INSTANT)
    assert_no_unit_tests(project)
    # The text forms of the offsets, parsed by the package on PostgreSQL.
    shown = _show_offsets(project, env, "postgres")
    assert shown == dict.fromkeys(OFFSET_FORMS, OFFSET_INSTANT.isoformat())


@pytest.mark.engines
def test_spark_consumer_builds_the_hand_values(tmp_path_factory):
    root = tmp_path_factory.mktemp("consumer_spark")
    load_spark(root, INPUTS)  # Spark database raw, distinct from the target schema shop
    project = make_consumer_project(root)
    # Models and seeds only: the package's data tests run on Spark twice already (the demo's
    # refresh in test_engine_parity, the hostile inputs), and the shop's on the other engines.
    options = ("--exclude-resource-type", "test")
    code, output = build(project, spark_env(root), target="spark", options=options)
    assert code == 0, output[-5000:]
    assert executed_resource_types(project) == {"model", "seed"}
    # Read once dbt (and its JVM) has exited: every table is Parquet files under the warehouse.
    warehouse = root / "warehouse"
    con = duckdb.connect()
    con.execute("create schema shop")
    for folder in (warehouse / "shop.db").iterdir():
        if list(folder.glob("*.parquet")):
            con.execute(
                f"create view shop.{folder.name} as "
                f"select * from read_parquet('{folder}/*.parquet')"
            )
    assert_hand_values(observed(lambda sql: con.execute(sql).fetchall()))
    assert (warehouse / "raw.db" / "customers").is_dir()
    assert (warehouse / "shop.db" / "customers").is_dir()


@pytest.mark.engines
def test_snowflake_consumer_builds_the_hand_values(tmp_path_factory):
    """The shop on the emulated Snowflake: typed inputs (responded_at a TIMESTAMP_TZ, which
    keeps each value's offset), read once dbt has exited from the emulator's DuckDB file.
    fakesnow keeps a TIMESTAMP_TZ as DuckDB's TIMESTAMPTZ in a UTC session, without its
    offset, and casts it to TIMESTAMP_NTZ in UTC (Snowflake keeps the value's own wall-clock
    time): the offsets land in their UTC month here with or without the package's
    convert_timezone, which only Snowflake itself would show. TZ (NOT_UTC) does not reach the
    emulator's session time zone either."""
    root = tmp_path_factory.mktemp("consumer_snowflake")
    emulator = root / "emulator"
    load_snowflake(emulator, INPUTS)
    project = make_consumer_project(root)
    dbt = fakesnow_dbt.command(emulator)
    env = {**NOT_UTC, "SNOWFLAKE_DATABASE": fakesnow_dbt.DATABASE}
    code, output = build(project, env, target="snowflake", dbt=dbt)
    assert code == 0, output[-5000:]
    assert_no_unit_tests(project)
    read = duckdb_query(emulator / f"{fakesnow_dbt.DATABASE.upper()}.db")

    def query(sql: str) -> list[tuple]:
        return as_floats(read(sql))

    assert_hand_values(observed(query))
    offsets = query(
        "select response_id, responded_at from shop.cx__survey_responses "
        "where response_id like 'off-%'"
    )
    assert dict(offsets) == dict.fromkeys(OFFSET_FORMS, OFFSET_INSTANT)
    # The text forms of the offsets, parsed by the package on Snowflake.
    shown = _show_offsets(project, env, "snowflake", dbt)
    assert shown == dict.fromkeys(OFFSET_FORMS, OFFSET_INSTANT.isoformat())
