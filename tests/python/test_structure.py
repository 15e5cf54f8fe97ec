"""A structural problem fails fast with one readable message: the table, the column, the fix."""

from __future__ import annotations

import duckdb
from conftest import FIXTURES, broken_inputs, own_inputs, run_dbt


def test_missing_column_and_missing_table_are_named_with_the_fix(tmp_path):
    db = broken_inputs(tmp_path / "structure.duckdb")
    run = run_dbt(
        ["run", "--select", "+stg_cx__survey_responses", "stg_cx__customers"],
        db,
        own_inputs("broken"),
    )
    assert run.returncode != 0
    assert "input table 'survey_responses'" in run.output
    assert "has no column 'score'" in run.output
    assert "cx_survey_responses_identifier" in run.output
    assert "input table 'customers' was not found" in run.output
    assert "cx_source_schema" in run.output


def test_parquet_inputs_missing_file_and_missing_column_are_named_with_the_fix(tmp_path):
    """With cx_source_parquet_path: survey_responses.parquet lacks `score`, customers has no
    file at all."""
    folder = tmp_path / "parquet"
    folder.mkdir()
    con = duckdb.connect()
    con.execute(
        f"copy (select * exclude (score) from read_csv('{FIXTURES}/small/survey_responses.csv',"
        f" all_varchar = true)) to '{folder}/survey_responses.parquet' (format parquet)"
    )
    con.close()
    run = run_dbt(
        ["run", "--select", "+stg_cx__survey_responses", "stg_cx__customers"],
        tmp_path / "structure.duckdb",
        {"cx_source_parquet_path": str(folder), "cx_demo_data": False},
    )
    assert run.returncode != 0
    assert "input table 'survey_responses'" in run.output
    assert "has no column 'score'" in run.output
    assert (
        f"input table 'customers' has no Parquet file at {folder}/customers.parquet" in run.output
    )
    assert "cx_source_parquet_path" in run.output
