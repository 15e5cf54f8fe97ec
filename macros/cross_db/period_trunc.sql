{#-
    The start of the period of a grain (day, week, month, quarter, year) that holds a timestamp
    or date: dbt.date_trunc, with weeks that start on Monday (ISO weeks) on every engine.
-#}
{% macro period_trunc(grain, expression) -%}
    {{ return(adapter.dispatch('period_trunc', 'cx_metrics')(grain, expression)) }}
{%- endmacro %}

{% macro default__period_trunc(grain, expression) -%}
    {{ dbt.date_trunc(grain, expression) }}
{%- endmacro %}

{#- BigQuery: its WEEK starts on Sunday, its ISOWEEK on Monday. -#}
{% macro bigquery__period_trunc(grain, expression) -%}
    {{ dbt.date_trunc('isoweek' if grain == 'week' else grain, expression) }}
{%- endmacro %}
