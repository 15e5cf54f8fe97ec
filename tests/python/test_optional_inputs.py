"""Empty is not broken: an empty customers, support_tickets or feedback_followups table ("none
yet") passes validation and builds green; an empty orders table (the optional input that is
off by default) passes validation; an empty survey_responses blocks.

Inputs: the hand-made fixture in tests/fixtures/small, with tables emptied here; expected row
counts are read from its CSV files.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import contract  # beside this module
import pytest
from conftest import FIXTURES, PROJECT, dbt_env, load_raw_csvs, own_inputs, query, run_dbt

from cx_metrics.expectations.runner import ValidationReport, expectation_rows, validate

OPTIONAL = ["customers", "support_tickets", "feedback_followups"]


def _csv_rows(table: str) -> int:
    with (FIXTURES / "small" / f"{table}.csv").open(newline="") as file:
        return sum(1 for _ in csv.DictReader(file))


def _inputs_with_empty(db: Path, tables: list[str]) -> Path:
    load_raw_csvs(db, FIXTURES / "small")
    for table in tables:
        query(db, f"delete from raw.{table}")
    return db


def _validate(db: Path, monkeypatch: pytest.MonkeyPatch, **variables: object) -> ValidationReport:
    for name, value in {**dbt_env(db), "CX_DBT_PROJECT_DIR": str(PROJECT)}.items():
        monkeypatch.setenv(name, value)
    return validate(["--vars", json.dumps(own_inputs(**variables))])


def _failed(report: ValidationReport, table: str) -> list[str]:
    (result,) = [t.result for t in report.tables if t.name == table]
    return [row.problem for row in expectation_rows(result) if not row.success]


def test_empty_optional_inputs_build_green_and_pass_validation(tmp_path, monkeypatch):
    db = _inputs_with_empty(tmp_path / "empty_optional.duckdb", OPTIONAL)
    # The package's unit tests run in the demo's build; parsing still checks them here.
    run = run_dbt(["build", "--exclude-resource-type", "unit_test"], db, own_inputs())
    assert run.returncode == 0, run.output[-5000:]
    sources = query(db, "select distinct source_table from cx__rejected_records")
    assert {table for (table,) in sources} <= {"survey_responses"}
    assert query(db, "select count(*) from cx__nps")[0][0] > 0

    # After the build: validation in process keeps dbt-duckdb's handle on the file.
    report = _validate(db, monkeypatch)
    assert not report.blocked
    rows = {t.name: t.rows for t in report.tables}
    assert rows == {"survey_responses": _csv_rows("survey_responses"), **dict.fromkeys(OPTIONAL, 0)}
    for table in OPTIONAL:
        assert _failed(report, table) == [], table


def test_empty_survey_responses_blocks(tmp_path, monkeypatch):
    db = _inputs_with_empty(tmp_path / "empty_surveys.duckdb", ["survey_responses", *OPTIONAL])
    report = _validate(db, monkeypatch)
    assert report.blocked
    assert [t.name for t in report.tables if t.blocked] == ["survey_responses"]
    assert _failed(report, "survey_responses") == ["the table has rows"]


def test_empty_orders_pass_validation(tmp_path, monkeypatch):
    db = _inputs_with_empty(tmp_path / "empty_orders.duckdb", [])
    columns = ", ".join(f"{c} varchar" for c in contract.columns("orders"))
    query(db, f"create table raw.orders ({columns})")
    report = _validate(db, monkeypatch, cx_using_orders=True)
    assert not report.blocked
    assert {t.name: t.rows for t in report.tables}["orders"] == 0
    assert _failed(report, "orders") == []
