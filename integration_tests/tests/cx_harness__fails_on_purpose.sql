-- A test harness switch, off unless --vars '{cx_test_fail_on_purpose: true}': a dbt test that
-- fails, so that the suite can check that a refresh with a failing test publishes nothing.
{{ config(enabled=var('cx_test_fail_on_purpose', false), tags=['cx_harness']) }}

select 1 as failing_row
