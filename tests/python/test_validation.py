"""`cx-metrics validate`: Great Expectations over the inputs, before the build.

Expected counts are computed here with pandas from the raw demo CSVs, independently of both
the GX suites and the dbt staging SQL.
"""

from __future__ import annotations

import os
import subprocess

import pandas as pd
import pytest
from conftest import BIN, DEMO_SEEDS, REPO, broken_inputs, dbt_env, load_raw_csvs, query

from cx_metrics.demo_data.generator import DemoConfig
from cx_metrics.demo_data.writers import TABLES, write_csv
from cx_metrics.expectations.runner import ValidationReport, expectation_rows, validate

SEEDS = DEMO_SEEDS


def _csv(table: str) -> pd.DataFrame:
    return pd.read_csv(SEEDS / f"cx_demo__{table}.csv", dtype=str)


def _failing(report: ValidationReport, table: str) -> dict[str, int]:
    """problem -> failing rows, for the table's expectations that failed."""
    (result,) = [t.result for t in report.tables if t.name == table]
    return {r.problem: r.unexpected_count for r in expectation_rows(result) if not r.success}


def _rejected_rows(report: ValidationReport, table: str) -> int:
    (result,) = [t for t in report.tables if t.name == table]
    return result.rows_to_reject


@pytest.fixture(scope="module")
def demo_report(demo, monkeypatch_module) -> tuple:
    db, _ = demo
    for name, value in dbt_env(db).items():
        monkeypatch_module.setenv(name, value)
    return db, validate()


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_demo_data_passes_with_warnings_and_writes_data_docs(demo_report):
    _, report = demo_report
    assert not report.blocked
    assert report.warnings > 0
    assert [t.name for t in report.tables] == list(TABLES)  # orders too: the demo has them
    assert report.chunks == len(TABLES)  # one SQL pass per input
    assert report.data_docs.is_file()
    pages = list(report.data_docs.parent.glob("validations/**/*.html"))
    assert len(pages) == len(TABLES)


def test_validation_and_build_agree_on_bad_rows(demo_report):
    db, report = demo_report
    rejected = dict(query(db, "select source_table, count(*) from cx__rejected_records group by 1"))
    counted = {t.name: _rejected_rows(report, t.name) for t in report.tables}
    # An input without a rejected row (the demo's reviews) has no row in cx__rejected_records.
    assert {name: rows for name, rows in counted.items() if rows} == rejected


def test_each_kind_of_bad_input_is_counted(demo_report):
    _, report = demo_report
    surveys = _csv("survey_responses")
    keyed = surveys["response_id"].dropna()
    survey_type = surveys["survey_type"].str.strip().str.lower()
    failing = _failing(report, "survey_responses")
    assert failing["missing key"] == surveys["response_id"].isna().sum()
    assert failing["duplicate key (response_id shared by several rows)"] == (
        keyed.duplicated(keep=False).sum()
    )
    assert failing["unknown survey type"] == (~survey_type.isin(["nps", "csat", "ces"])).sum()
    score = pd.to_numeric(surveys["score"].str.strip(), errors="coerce")
    assert (
        failing["CSAT score outside 1-5"]
        == ((survey_type == "csat") & ((score < 1) | (score > 5))).sum()
    )
    assert (
        failing["CES score outside 1-7"]
        == ((survey_type == "ces") & ((score < 1) | (score > 7))).sum()
    )

    tickets = _csv("support_tickets")
    created = pd.to_datetime(tickets["created_at"])
    failing = _failing(report, "support_tickets")
    assert (
        failing["response before creation"]
        == (pd.to_datetime(tickets["first_response_at"]) < created).sum()
    )
    assert (
        failing["resolution before creation"]
        == (pd.to_datetime(tickets["resolved_at"]) < created).sum()
    )
    assert failing["negative duration"] == (pd.to_numeric(tickets["handle_time_minutes"]) < 0).sum()

    customers = _csv("customers")
    failing = _failing(report, "customers")
    assert (
        failing["churned before started"]
        == (pd.to_datetime(customers["churned_at"]) < pd.to_datetime(customers["started_at"])).sum()
    )
    assert failing["churned before started"] == DemoConfig().bad_rows["customers"]

    orders = _csv("orders")
    ordered = pd.to_datetime(orders["ordered_at"], format="%Y-%m-%d %H:%M:%S", errors="coerce")
    failing = _failing(report, "orders")
    assert failing["missing key"] == orders["order_id"].isna().sum()
    assert failing["duplicate key (order_id shared by several rows)"] == (
        orders["order_id"].dropna().duplicated(keep=False).sum()
    )
    assert failing["missing customer"] == orders["customer_id"].isna().sum()
    assert failing["missing customer"] == DemoConfig().bad_rows["orders"]
    assert failing["missing or unparseable timestamp"] == ordered.isna().sum()


def _counts(report: ValidationReport, table: str) -> list[tuple]:
    """Every expectation's verdict and counts (all but the examples), in suite order."""
    (result,) = [t.result for t in report.tables if t.name == table]
    return [
        (r.expectation_config.type, r.success)
        + tuple(sorted((k, v) for k, v in r.result.items() if k != "partial_unexpected_list"))
        for r in result.results
    ]


def test_classes_give_every_row_by_row_count(demo_report, monkeypatch_module):
    """One GX row per class, weighted, equals GX on every row, in 1,000-row chunks and whole."""
    _, classes = demo_report
    chunked = validate(chunk_rows=1_000, row_by_row=True)
    whole = validate(chunk_rows=10_000_000, row_by_row=True)
    assert chunked.chunks > len(chunked.tables)  # every table was read in several pieces
    for table in TABLES:
        assert _counts(classes, table) == _counts(whole, table) == _counts(chunked, table)
        assert _rejected_rows(classes, table) == _rejected_rows(whole, table)
        rows = {r.rows for r in (classes, whole, chunked) for r in r.tables if r.name == table}
        assert len(rows) == 1, (table, rows)


def test_an_expectation_without_sql_predicates_is_refused():
    import great_expectations.expectations as gxe

    from cx_metrics.expectations.compact import predicates

    unknown = gxe.ExpectColumnValuesToMatchRegex(column="response_id", regex="^R")
    with pytest.raises(NotImplementedError, match="expect_column_values_to_match_regex"):
        predicates(unknown)


def test_blocking_threshold_flips_the_verdict(demo_report):
    db, default = demo_report
    assert not default.blocked  # every demo input has fewer than 5% bad rows
    rejected = dict(query(db, "select source_table, count(*) from cx__rejected_records group by 1"))
    share = {t: rejected[t] / len(_csv(t)) for t in rejected}
    over_3_pct = sorted(t for t, s in share.items() if s > 0.03)
    assert over_3_pct  # the demo has inputs between 3% and 5% (surveys: 216 / 6,813 = 3.2%)
    report = validate(["--vars", "{cx_validation_max_rejected_pct: 3}"])
    assert report.blocked
    assert sorted(t.name for t in report.tables if t.blocked) == over_3_pct


def test_clean_data_passes_without_warnings(tmp_path, monkeypatch):
    db = tmp_path / "clean.duckdb"
    write_csv(DemoConfig(customers=150, bad_rows={}), tmp_path / "csv")
    load_raw_csvs(db, tmp_path / "csv")
    for name, value in dbt_env(db).items():
        monkeypatch.setenv(name, value)
    report = validate(["--vars", "{cx_source_schema: raw, cx_demo_data: false}"])
    assert not report.blocked
    assert report.warnings == 0
    assert all(t.rows > 0 for t in report.tables)


def test_missing_column_and_missing_table_give_one_readable_line(tmp_path):
    db = broken_inputs(tmp_path / "structure.duckdb")
    done = subprocess.run(
        [
            str(BIN / "cx-metrics"),
            "validate",
            "--vars",
            "{cx_source_schema: broken, cx_demo_data: false, cx_using_orders: false,"
            " cx_using_reviews: false}",
        ],
        cwd=REPO,
        env={**os.environ, **dbt_env(db)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert any(
        "input table 'survey_responses'" in line
        and "has no column 'score'" in line
        and "cx_survey_responses_identifier" in line
        for line in lines
    )
    assert any(
        "input table 'customers' was not found" in line and "cx_source_schema" in line
        for line in lines
    )
    # (The fixture's other two tables are blocked too: 1 of their 2 rows is bad.)
    assert lines[-1].startswith("Validation FAILED: survey_responses, customers,")


def test_classes_give_every_row_by_row_count_on_hostile_inputs(tmp_path, monkeypatch):
    """Impossible dates, NaN and infinite numbers, control characters: still the same counts."""
    import json

    from test_hostile_inputs import VARIABLES, load_duckdb

    db = tmp_path / "hostile.duckdb"
    load_duckdb(db)
    for name, value in dbt_env(db).items():
        monkeypatch.setenv(name, value)
    args = ["--vars", json.dumps(VARIABLES)]
    classes, rows = validate(args), validate(args, row_by_row=True)
    for table in ("survey_responses", "customers", "support_tickets", "feedback_followups"):
        assert _counts(classes, table) == _counts(rows, table), table
