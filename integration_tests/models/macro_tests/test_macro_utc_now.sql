-- utc_now(): the current time in UTC, whatever the session's time zone: the UTC time of the
-- current instant (timestamptz_to_utc, tested on literals in test_macro_parse_timestamp), and
-- later than the day this test was written (2025-01-01).
{#- Spark, Databricks and BigQuery: TIMESTAMP is the instant (no WITH TIME ZONE type). #}
{%- set tstz = 'timestamp' if target.type in ('spark', 'databricks', 'bigquery') else 'timestamp with time zone' %}
select 'the UTC time of now' as name,
    {{ cx_metrics.utc_now() }} = {{ cx_metrics.timestamptz_to_utc('cast(current_timestamp as ' ~ tstz ~ ')') }} as actual,
    true as expected
union all
select 'after this test was written',
    {{ cx_metrics.utc_now() }} > cast('2025-01-01 00:00:00' as {{ dbt.type_timestamp() }}), true
