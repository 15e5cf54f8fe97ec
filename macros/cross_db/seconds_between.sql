{#- Exact elapsed seconds (with fractions) from one timestamp to another. -#}
{% macro seconds_between(start_timestamp, end_timestamp) -%}
    {{ return(adapter.dispatch('seconds_between', 'cx_metrics')(start_timestamp, end_timestamp)) }}
{%- endmacro %}

{% macro default__seconds_between(start_timestamp, end_timestamp) -%}
    {#- extract() returns numeric on Postgres: a double on every engine. -#}
    cast(extract(epoch from ({{ end_timestamp }} - {{ start_timestamp }})) as {{ cx_metrics.type_double() }})
{%- endmacro %}

{#- DuckDB: whole microseconds, exact, then seconds (epoch() is a double of seconds since 1970,
    which rounds a microsecond to 2.4e-7 s in this century). -#}
{% macro duckdb__seconds_between(start_timestamp, end_timestamp) -%}
    (cast(epoch_us({{ end_timestamp }}) - epoch_us({{ start_timestamp }}) as double) / 1000000)
{%- endmacro %}

{% macro spark__seconds_between(start_timestamp, end_timestamp) -%}
    (unix_micros({{ end_timestamp }}) - unix_micros({{ start_timestamp }})) / 1000000.0
{%- endmacro %}

{#- Snowflake cannot subtract timestamps: whole microseconds between them, then seconds. -#}
{% macro snowflake__seconds_between(start_timestamp, end_timestamp) -%}
    (cast(datediff('microsecond', {{ start_timestamp }}, {{ end_timestamp }}) as {{ cx_metrics.type_double() }}) / 1000000)
{%- endmacro %}

{#- Redshift: DATEDIFF(microsecond, ...) (EXTRACT(EPOCH ...) of a timestamp difference is PostgreSQL's): whole microseconds, then seconds. -#}
{% macro redshift__seconds_between(start_timestamp, end_timestamp) -%}
    (cast(datediff(microsecond, {{ start_timestamp }}, {{ end_timestamp }}) as {{ cx_metrics.type_double() }}) / 1000000)
{%- endmacro %}

{#- BigQuery has no EXTRACT(EPOCH ...): TIMESTAMP_DIFF in whole microseconds, then seconds. -#}
{% macro bigquery__seconds_between(start_timestamp, end_timestamp) -%}
    (cast(timestamp_diff({{ end_timestamp }}, {{ start_timestamp }}, microsecond) as {{ cx_metrics.type_double() }}) / 1000000)
{%- endmacro %}
