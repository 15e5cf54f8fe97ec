{{ config(materialized='table') }}
-- connector_text(value, kind): what an adapter hands to staging. A typed timestamp becomes the
-- text of its UTC instant, which staging's parse_timestamp reads back (10:00 at +02:00 is 08:00
-- UTC); anything else is its text as it is, so that staging can reject it by its own rules
-- ('not a date' stays 'not a date', ' 7 ' keeps its spaces).
{%- set ts = dbt.type_timestamp() %}
{%- set tstz = 'timestamp' if target.type in ('spark', 'databricks', 'bigquery') else 'timestamp with time zone' %}
{%- set as_utc = "cast('2024-01-05 08:00:00' as " ~ ts ~ ")" %}
select
    'timestamp' as name,
    {{ cx_metrics.parse_timestamp(cx_metrics.connector_text("cast('2024-01-05 10:00:30' as " ~ ts ~ ")", 'timestamp')) }} as actual,
    cast('2024-01-05 10:00:30' as {{ ts }}) as expected
union all
select
    'timestamp with time zone',
    {{ cx_metrics.parse_timestamp(cx_metrics.connector_text("cast('2024-01-05 10:00:00+02:00' as " ~ tstz ~ ")", 'timestamptz' if tstz != 'timestamp' else 'timestamp')) }},
    {{ as_utc }}
union all
select 'null timestamp', {{ cx_metrics.parse_timestamp(cx_metrics.connector_text('cast(null as ' ~ ts ~ ')', 'timestamp')) }}, cast(null as {{ ts }})
union all
select
    'a date',
    {{ cx_metrics.parse_timestamp(cx_metrics.connector_text("cast('2024-02-29' as date)", 'date')) }},
    cast('2024-02-29 00:00:00' as {{ ts }})
