{#- NPS of a 0-10 score column, as an aggregate: use it in any model with a group by. -#}
{% macro nps(score) -%}
    {{ return(adapter.dispatch('nps', 'cx_metrics')(score)) }}
{%- endmacro %}

{% macro default__nps(score) -%}
    {%- set category = cx_metrics.nps_category(score) -%}
    {{ cx_metrics.nps_from_counts(
        cx_metrics.count_where(category ~ " = 'promoter'"),
        cx_metrics.count_where(category ~ " = 'detractor'"),
        'count(' ~ score ~ ')'
    ) }}
{%- endmacro %}
