{#- The current time as a UTC timestamp without time zone, whatever the session's time zone. -#}
{% macro utc_now() -%}
    {{ return(adapter.dispatch('utc_now', 'cx_metrics')()) }}
{%- endmacro %}

{% macro default__utc_now() -%}
    (current_timestamp at time zone 'UTC')
{%- endmacro %}

{% macro spark__utc_now() -%}
    to_utc_timestamp(current_timestamp(), current_timezone())
{%- endmacro %}

{#- Snowflake: current_timestamp() is in the session's time zone (an account's default is
    America/Los_Angeles), converted here. -#}
{% macro snowflake__utc_now() -%}
    {{ cx_metrics.timestamptz_to_utc('current_timestamp()') }}
{%- endmacro %}

{#- BigQuery: CURRENT_TIMESTAMP() is a TIMESTAMP, an instant in UTC (no AT TIME ZONE there). -#}
{% macro bigquery__utc_now() -%}
    current_timestamp()
{%- endmacro %}
