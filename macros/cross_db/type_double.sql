{#- A 64-bit float type. dbt.type_float() is 32-bit on DuckDB and Spark. -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'cx_metrics')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}

{% macro bigquery__type_double() -%}
    float64
{%- endmacro %}
