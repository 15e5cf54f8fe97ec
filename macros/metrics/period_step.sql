{#-
    One period of a grain as [unit, size] for dbt.dateadd and dbt.datediff: weeks are 7 days
    and quarters 3 months, so only day and month arithmetic is needed on every engine.
-#}
{% macro period_step(grain) -%}
    {{ return(adapter.dispatch('period_step', 'cx_metrics')(grain)) }}
{%- endmacro %}

{% macro default__period_step(grain) -%}
    {%- set steps = {'day': ['day', 1], 'week': ['day', 7], 'month': ['month', 1],
                     'quarter': ['month', 3], 'year': ['month', 12]} -%}
    {%- if grain not in steps -%}
        {{ exceptions.raise_compiler_error(
            "period grain '" ~ grain ~ "' is not one of " ~ (steps.keys() | list | join(', '))
            ~ ". Fix: var cx_period_grains lists grains among these.") }}
    {%- endif -%}
    {{ return(steps[grain]) }}
{%- endmacro %}
