{#-
    A text as a SQL string literal. Standard SQL doubles a quote; Spark, Databricks, Snowflake,
    BigQuery and Redshift read a backslash as an escape, so there both are escaped with one.
-#}
{% macro string_literal(text) -%}
    {{ return(adapter.dispatch('string_literal', 'cx_metrics')(text)) }}
{%- endmacro %}

{% macro default__string_literal(text) -%}
    '{{ text | replace("'", "''") }}'
{%- endmacro %}

{#- Spark reads 'a''b' as two adjacent literals ('ab'), so quotes are escaped too. -#}
{% macro spark__string_literal(text) -%}
    '{{ text | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}

{% macro snowflake__string_literal(text) -%}
    {{ cx_metrics.spark__string_literal(text) }}
{%- endmacro %}

{% macro bigquery__string_literal(text) -%}
    {{ cx_metrics.spark__string_literal(text) }}
{%- endmacro %}

{% macro redshift__string_literal(text) -%}
    '{{ text | replace("\\", "\\\\") | replace("'", "''") }}'
{%- endmacro %}
