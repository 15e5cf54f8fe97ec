-- A test harness switch, off unless --vars '{cx_test_fail_on_purpose: true}': a dbt test that
-- fails, so that the suite can check that a refresh with a failing test publishes nothing. It
-- tests the survey answers' staging model, so that `dbt build` skips what is downstream of it
-- (most of the build): the failing refresh costs a fraction of a full one.
{{ config(enabled=var('cx_test_fail_on_purpose', false), tags=['cx_harness']) }}

select 1 as failing_row
from (
    select count(*) as answers
    from {{ ref('cx_metrics', 'stg_cx__survey_responses') }}
) as counted
