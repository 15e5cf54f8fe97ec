{#- Exact elapsed seconds (with fractions) from one timestamp to another. -#}
{% macro seconds_between(start_timestamp, end_timestamp) -%}
    {{ return(adapter.dispatch('seconds_between', 'cx_metrics')(start_timestamp, end_timestamp)) }}
{%- endmacro %}

{% macro default__seconds_between(start_timestamp, end_timestamp) -%}
    {#- extract() returns numeric on Postgres: a double on every engine. -#}
    cast(extract(epoch from ({{ end_timestamp }} - {{ start_timestamp }})) as {{ cx_metrics.type_double() }})
{%- endmacro %}

{% macro duckdb__seconds_between(start_timestamp, end_timestamp) -%}
    (epoch({{ end_timestamp }}) - epoch({{ start_timestamp }}))
{%- endmacro %}

{% macro spark__seconds_between(start_timestamp, end_timestamp) -%}
    (unix_micros({{ end_timestamp }}) - unix_micros({{ start_timestamp }})) / 1000000.0
{%- endmacro %}
