{#- Exact median (continuous percentile 0.5) of an expression; an aggregate. -#}
{% macro median(expression) -%}
    {{ return(adapter.dispatch('median', 'cx_metrics')(expression)) }}
{%- endmacro %}

{% macro default__median(expression) -%}
    percentile_cont(0.5) within group (order by {{ expression }})
{%- endmacro %}

{% macro duckdb__median(expression) -%}
    quantile_cont({{ expression }}, 0.5)
{%- endmacro %}

{% macro spark__median(expression) -%}
    percentile({{ expression }}, 0.5)
{%- endmacro %}
