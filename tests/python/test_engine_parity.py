"""The same demo data built on DuckDB, PostgreSQL and Spark gives the same cx__ tables (and on
Snowflake: test_snowflake_parity, a module of its own so that the other worker runs it).

Every row and every value must match: text, dates and counts exactly, floating-point values to
1e-9 relative. Spark's tables are read from their Parquet files once dbt (and its JVM) has exited.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from conftest import built_once, run_dbt
from dagster import ExecuteInProcessResult
from test_dashboard import CHARTS

AS_OF = {"cx_as_of_timestamp": "2026-01-01 00:00:00"}
SERVERS = ("postgres", "spark")  # the engines tier's targets
# The first test to use an engine's refresh carries the whole run in its setup: on Spark about
# 9 minutes alone on 2 cores and 15 beside the other worker's builds, past the tier's 900 s.
pytestmark = pytest.mark.timeout(1500)
TABLES = [
    "cx__survey_responses",
    "cx__nps",
    "cx__csat",
    "cx__ces",
    "cx__customer_churn",
    "cx__cohort_retention",
    "cx__activity_churn",
    "cx__activity_cohorts",
    "cx__service_levels",
    "cx__cx_index",
    "cx__feedback_followups",
    "cx__rejected_records",
    "cx__revenue_by_nps",
    "cx__revenue_at_risk",
    "cx__customer_health",
    "cx__metric_changes",
    "cx__touchpoint_drivers",
    "cx__reviews",
    "cx__comment_sentiment",
    "cx__comment_topics",
    "cx__topic_impact",
    "cx__sentiment",
    "cx__review_sentiment",
    "cx__review_topics",
    "cx_time_spine",
]


def _text(value: object) -> str | None:
    """One engine-neutral text form per value: dates and times in full ISO, booleans as words."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d 00:00:00.000000")
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    return str(value)


def _normalized(frame: pd.DataFrame, integers: set[str]) -> pd.DataFrame:
    """Floats as float, everything else as engine-neutral text, rows in one order. Columns in
    `integers` are whole numbers as text: a driver may hand a nullable integer column over as
    floats (psycopg2: NaN for null), another as integers (DuckDB)."""
    out = pd.DataFrame(index=frame.index)
    for column in sorted(frame.columns):
        values = frame[column]
        numeric = (
            pd.api.types.is_float_dtype(values)
            or values.map(lambda v: type(v).__name__ == "Decimal").any()
        )
        if column in integers:
            whole = pd.to_numeric(values, errors="raise").astype("Int64")
            out[column] = pd.Series([None if v is pd.NA else str(v) for v in whole], dtype=object)
        elif numeric:
            out[column] = pd.to_numeric(values, errors="coerce").astype(float)
        else:
            out[column] = pd.Series([_text(v) for v in values.astype(object)], dtype=object)
    text = [c for c in out.columns if out[c].dtype != float]
    return out.sort_values(text, na_position="last", ignore_index=True)


def _reference_build(folder: Path) -> None:
    run = run_dbt(
        ["build", "--exclude-resource-type", "unit_test"], folder / "parity.duckdb", AS_OF
    )
    assert run.returncode == 0, run.output[-3000:]


@pytest.fixture(scope="module")
def duckdb_reference(tmp_path_factory):
    """The reference: a plain DuckDB build, once for the session (this module and
    test_snowflake_parity read it; the DuckDB tier runs the unit tests, and the Dagster refresh
    on DuckDB in test_orchestration)."""
    return duckdb_tables(built_once(tmp_path_factory, "parity", _reference_build) / "parity.duckdb")


def duckdb_tables(db: Path) -> dict[str, pd.DataFrame]:
    """TABLES as the DuckDB file holds them."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"select * from {t}").df() for t in TABLES}
    finally:
        con.close()


@dataclass
class Refreshed:
    """One cx_refresh run in process on a target: its result, the tables the engine then
    holds, and the dashboard it rendered."""

    result: ExecuteInProcessResult
    tables: dict[str, pd.DataFrame]
    dashboard: Path


@pytest.fixture(scope="module")
def postgres_refresh(tmp_path_factory, postgres_database) -> Refreshed:
    """The refresh on PostgreSQL, which runs the package's unit tests there too: every formula
    is checked on a second engine."""
    import psycopg2  # the engines tier's extra

    env = postgres_database
    root = tmp_path_factory.mktemp("refresh_postgres")
    result = _dagster_refresh("postgres", root, AS_OF, **env)
    con = psycopg2.connect(
        host=env["PGHOST"], port=env["PGPORT"], user=env["PGUSER"], dbname=env["PGDATABASE"]
    )
    try:
        tables = {t: pd.read_sql(f"select * from cx_metrics.{t}", con) for t in TABLES}
    finally:
        con.close()  # an open read transaction would hold locks that a rebuild waits for
    return Refreshed(result, tables, root / "postgres.html")


@pytest.fixture(scope="module")
def spark_refresh(tmp_path_factory) -> Refreshed:
    """The refresh on Spark, without the package's unit tests: they run on DuckDB, PostgreSQL
    and Snowflake, and each costs Spark seconds of queries; Spark's own SQL is checked by this
    build's tables, its macro test models and the hostile inputs. Its tables are read from
    their Parquet files once dbt's JVM has exited."""
    root = tmp_path_factory.mktemp("refresh_spark")
    warehouse = root / "warehouse"
    env = {"CX_SPARK_WAREHOUSE": str(warehouse), "CX_SPARK_METASTORE": str(root / "metastore_db")}
    result = _dagster_refresh("spark", root, {**AS_OF, "cx_unit_tests": False}, **env)
    con = duckdb.connect()
    tables = {
        t: con.execute(
            f"select * from read_parquet('{warehouse}/cx_metrics.db/{t}/*.parquet')"
        ).df()
        for t in TABLES
    }
    return Refreshed(result, tables, root / "spark.html")


def refreshed(engine: str, request: pytest.FixtureRequest) -> Refreshed:
    return request.getfixturevalue(f"{engine}_refresh")


def assert_same(expected: pd.DataFrame, actual: pd.DataFrame, label: str) -> None:
    assert sorted(expected.columns) == sorted(actual.columns), label
    assert len(expected) == len(actual), label
    integers = {
        c
        for c in expected.columns
        if pd.api.types.is_integer_dtype(expected[c]) or pd.api.types.is_integer_dtype(actual[c])
    }
    left, right = _normalized(expected, integers), _normalized(actual, integers)
    for column in left.columns:
        if left[column].dtype == float:  # every other column is text
            a, b = left[column].to_numpy(), right[column].to_numpy()
            both_null = pd.isna(a) & pd.isna(b)
            close = pd.Series(abs(a - b) <= 1e-9 * pd.Series(abs(a)).clip(lower=1.0).to_numpy())
            assert (both_null | close.to_numpy()).all(), f"{label}.{column}"
        else:
            assert left[column].tolist() == right[column].tolist(), f"{label}.{column}"


@pytest.mark.engines
@pytest.mark.parametrize("table", TABLES)
def test_postgres_equals_duckdb(duckdb_reference, postgres_refresh, table):
    assert len(duckdb_reference[table]) > 0
    assert_same(duckdb_reference[table], postgres_refresh.tables[table], f"postgres {table}")


@pytest.mark.engines
@pytest.mark.parametrize("table", TABLES)
def test_spark_equals_duckdb(duckdb_reference, spark_refresh, table):
    assert_same(duckdb_reference[table], spark_refresh.tables[table], f"spark {table}")


@pytest.mark.engines
def test_validation_on_postgres_uses_gx_sql_and_agrees_with_the_build(
    postgres_refresh, postgres_database, monkeypatch
):
    from cx_metrics.expectations.runner import validate

    for key, value in postgres_database.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("DBT_TARGET_PATH", str(postgres_refresh.dashboard.parent / "validate"))
    report = validate(["--target", "postgres", "--vars", "{cx_as_of_timestamp: '2026-01-01'}"])
    assert not report.blocked and report.warnings > 0
    assert report.chunks == len(report.tables)  # one SQL batch per table, no chunking
    rejected = postgres_refresh.tables["cx__rejected_records"]["source_table"].value_counts()
    counted = {table.name: table.rows_to_reject for table in report.tables}
    # An input without a rejected row (the demo's reviews) has no row in cx__rejected_records.
    assert {name: rows for name, rows in counted.items() if rows} == rejected.to_dict()


@pytest.mark.engines
def test_validation_on_spark_in_the_refresh_agrees_with_the_build(spark_refresh):
    """The refresh's input checks (`cx-metrics validate` on Spark: GX's Spark datasource, in
    dbt-spark's session over the build's warehouse and metastore)."""
    checks = {
        c.asset_key.path[-1]: c
        for c in spark_refresh.result.get_asset_check_evaluations()
        if c.check_name == "great_expectations"
    }
    assert checks and all(c.passed for c in checks.values())
    warned = [c for c in checks.values() if c.metadata["failed_rows_by_problem"].value]
    assert warned  # the demo's defects are warnings: rejected rows, not a blocked input
    rejected = spark_refresh.tables["cx__rejected_records"]["source_table"].value_counts()
    to_reject = {name: c.metadata["rows_to_reject"].value for name, c in checks.items()}
    assert {name: rows for name, rows in to_reject.items() if rows} == rejected.to_dict()


# Each input's event column, and the demo seed file that loads it.
EVENT_TIMES = {
    "survey_responses": ("responded_at", "cx_demo__survey_responses.csv"),
    "customers": ("started_at", "cx_demo__customers.csv"),
    "support_tickets": ("created_at", "cx_demo__support_tickets.csv"),
    "feedback_followups": ("followed_up_at", "cx_demo__feedback_followups.csv"),
    "orders": ("ordered_at", "cx_demo__orders.csv"),
    "reviews": ("posted_at", "cx_demo__reviews.csv"),
}


def _newest_event_times() -> dict[str, pd.Timestamp]:
    """Each input's newest event time, read by pandas from the seed files (UTC, naive)."""
    seeds = Path(__file__).resolve().parents[2] / "integration_tests" / "seeds" / "demo"
    newest = {}
    for name, (column, file) in EVENT_TIMES.items():
        values = pd.read_csv(seeds / file, dtype=str)[column]
        parsed = pd.to_datetime(values, errors="coerce", utc=True, format="mixed")
        newest[name] = parsed.max().tz_localize(None)
    return newest


def _dagster_refresh(target: str, root: Path, dbt_vars: dict, **env: str) -> ExecuteInProcessResult:
    """One cx_refresh run in process on `target` with dbt_vars, with dbt's target folder and
    the dashboard in root and env set while it runs."""
    from dagster import DagsterInstance

    from cx_metrics.orchestration import build_definitions

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DBT_TARGET_PATH", str(root / "target"))
        patch.setenv("CX_INPUT_MAX_AGE_HOURS", str(10 * 365 * 24))  # the demo data is old
        patch.setenv("CX_DASHBOARD_PATH", str(root / f"{target}.html"))
        for key, value in env.items():
            patch.setenv(key, value)
        defs = build_definitions(target=target, dbt_vars=dbt_vars)
        return defs.resolve_job_def("cx_refresh").execute_in_process(
            instance=DagsterInstance.ephemeral(), raise_on_error=False
        )


def assert_refresh(refresh: Refreshed) -> None:
    """The run passed; every table's row count is the number of rows the engine holds, and
    every input's freshness check saw its newest event time."""
    result, tables = refresh.result, refresh.tables
    failures = [
        f"{e.step_key}: {e.event_specific_data.error.to_string()[-1500:]}"
        for e in result.all_events
        if e.is_step_failure
    ]
    assert result.success, "\n".join(failures) or "no step failed"
    counts = {
        e.materialization.asset_key.path[-1]: e.materialization.metadata.get("dagster/row_count")
        for e in result.get_asset_materialization_events()
    }
    for table, frame in tables.items():
        assert len(frame) > 0, table
        assert counts[table] is not None, table
        assert counts[table].value == len(frame), table
    freshness = {
        c.asset_key.path[-1]: c
        for c in result.get_asset_check_evaluations()
        if c.check_name == "freshness"
    }
    for name, newest in _newest_event_times().items():
        assert freshness[name].passed, name
        seen = pd.Timestamp(freshness[name].metadata["newest_row_at"].value)
        assert seen == newest, name
    _assert_dashboard_shows(refresh.dashboard, tables)


def _assert_dashboard_shows(page: Path, tables: dict[str, pd.DataFrame]) -> None:
    """The refresh's dashboard, drawn from this engine's tables (read through `dbt show` off
    DuckDB), shows their September 2025 headline figures; every chart draws, offline."""
    from devtools.browser import open_offline

    seen = open_offline(page)
    assert seen.requests == [page.resolve().as_uri()] and seen.errors == []
    assert {c["name"] for c in seen.charts} == CHARTS, seen.charts
    assert all(c["drawn"] > 0 for c in seen.charts), seen.charts
    shown = {t["metric"]: t["value"] for t in seen.tiles}

    def headline(table: str, column: str) -> float:
        frame = tables[table]
        rows = frame[
            (frame["period_grain"] == "month")
            & (frame["dimension"] == "all")
            & (pd.to_datetime(frame["period_start"]) == pd.Timestamp("2025-09-01"))
        ]
        (value,) = rows[column]
        return float(value)

    assert shown["nps"] == f"{headline('cx__nps', 'nps'):+.1f}"
    assert shown["churn"] == f"{headline('cx__customer_churn', 'churn_rate_pct'):.1f}%"
    minutes = headline("cx__service_levels", "median_first_response_minutes")
    assert shown["first_response"] == f"{minutes:.1f} min"


@pytest.mark.engines
@pytest.mark.parametrize("engine", SERVERS)
def test_dagster_row_counts_and_freshness(engine, request):
    """The same as test_orchestration asserts of the refresh on DuckDB."""
    assert_refresh(refreshed(engine, request))
