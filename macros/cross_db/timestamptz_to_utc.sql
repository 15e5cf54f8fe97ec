{#- A timestamp with time zone (an instant) to the UTC timestamp without time zone it stands for. -#}
{% macro timestamptz_to_utc(expression) -%}
    {{ return(adapter.dispatch('timestamptz_to_utc', 'cx_metrics')(expression)) }}
{%- endmacro %}

{% macro default__timestamptz_to_utc(expression) -%}
    ({{ expression }} at time zone 'UTC')
{%- endmacro %}

{#- Spark's TIMESTAMP is already an instant, shown in the session's time zone: shown in UTC. -#}
{% macro spark__timestamptz_to_utc(expression) -%}
    to_utc_timestamp({{ expression }}, current_timezone())
{%- endmacro %}

{#- Snowflake (TIMESTAMP_TZ or _LTZ): converted to UTC, then its wall-clock time without zone. -#}
{% macro snowflake__timestamptz_to_utc(expression) -%}
    cast(convert_timezone('UTC', {{ expression }}) as timestamp_ntz)
{%- endmacro %}

{#- BigQuery's TIMESTAMP is an instant, shown in UTC; AT TIME ZONE is not its syntax. -#}
{% macro bigquery__timestamptz_to_utc(expression) -%}
    ({{ expression }})
{%- endmacro %}
