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

{#- BigQuery: PERCENTILE_CONT is an analytic function only (no WITHIN GROUP aggregate): over the group's non-null values, unnested from an array. -#}
{% macro bigquery__median(expression) -%}
    (select percentile_cont(cx_median_value, 0.5) over () from unnest(array_agg({{ expression }} ignore nulls)) as cx_median_value limit 1)
{%- endmacro %}
