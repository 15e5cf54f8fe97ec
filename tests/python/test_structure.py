"""A structural problem fails fast with one readable message: the table, the column, the fix."""

from __future__ import annotations

from conftest import broken_inputs, run_dbt


def test_missing_column_and_missing_table_are_named_with_the_fix(tmp_path):
    db = broken_inputs(tmp_path / "structure.duckdb")
    run = run_dbt(
        ["run", "--select", "stg_cx__survey_responses", "stg_cx__customers"],
        db,
        {"cx_source_schema": "broken", "cx_demo_data": False},
    )
    assert run.returncode != 0
    assert "input table 'survey_responses'" in run.output
    assert "has no column 'score'" in run.output
    assert "cx_survey_responses_identifier" in run.output
    assert "input table 'customers' was not found" in run.output
    assert "cx_source_schema" in run.output
