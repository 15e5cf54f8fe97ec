{#- Exact median (continuous percentile 0.5) of an expression; an aggregate. -#}
{% macro median(expression) -%}
    {{ return(adapter.dispatch('median', 'cx_metrics')(expression)) }}
{%- endmacro %}

{% macro default__median(expression) -%}
    percentile_cont(0.5) within group (order by {{ expression }})
{%- endmacro %}

{#- The same median (quantile_cont 0.5) over a list of the values: quantile_cont's own states
    stay in memory, and a mart with a dozen groupings of 28M tickets ran out of a 3 GB limit
    with them, while list states spill (BENCHMARKS.md, 2026-12-06 second run). Nulls are
    collected, and skipped by the median. -#}
{% macro duckdb__median(expression) -%}
    list_aggregate(list({{ expression }}), 'median')
{%- endmacro %}

{% macro spark__median(expression) -%}
    percentile({{ expression }}, 0.5)
{%- endmacro %}
