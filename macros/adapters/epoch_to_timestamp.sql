{#- A Unix time in seconds (a number) as a UTC timestamp. -#}
{% macro epoch_to_timestamp(expression) -%}
    {{ return(adapter.dispatch('epoch_to_timestamp', 'cx_metrics')(expression)) }}
{%- endmacro %}

{% macro default__epoch_to_timestamp(expression) -%}
    cast(to_timestamp(cast({{ expression }} as double)) at time zone 'UTC' as timestamp)
{%- endmacro %}

{% macro postgres__epoch_to_timestamp(expression) -%}
    cast(to_timestamp(cast({{ expression }} as double precision)) at time zone 'UTC' as timestamp)
{%- endmacro %}

{% macro spark__epoch_to_timestamp(expression) -%}
    timestamp_seconds(cast({{ expression }} as bigint))
{%- endmacro %}

{% macro snowflake__epoch_to_timestamp(expression) -%}
    to_timestamp_ntz(cast({{ expression }} as bigint))
{%- endmacro %}

{% macro bigquery__epoch_to_timestamp(expression) -%}
    timestamp_seconds(cast({{ expression }} as int64))
{%- endmacro %}

{#- Redshift (dispatched to postgres__ otherwise) has no to_timestamp(double). -#}
{% macro redshift__epoch_to_timestamp(expression) -%}
    timestamp 'epoch' + cast({{ expression }} as bigint) * interval '1 second'
{%- endmacro %}
