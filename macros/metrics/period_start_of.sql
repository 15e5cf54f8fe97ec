{#-
    The start (a date) of the period of a grain that holds a timestamp expression, or with
    after=true of the period after it: the first period start later than the timestamp.
    A spell held over (held_after, held_until] is at the start of the periods from
    period_start_of(grain, held_after, after=true) to period_start_of(grain, held_until).
-#}
{% macro period_start_of(grain, expression, after=false) -%}
    {{ return(adapter.dispatch('period_start_of', 'cx_metrics')(grain, expression, after)) }}
{%- endmacro %}

{% macro default__period_start_of(grain, expression, after=false) -%}
    {%- set start = 'cast(' ~ cx_metrics.period_trunc(grain, expression) ~ ' as date)' -%}
    {%- if after -%}
        {%- set unit, size = cx_metrics.period_step(grain) -%}
        cast({{ dbt.dateadd(unit, size, start) }} as date)
    {%- else -%}
        {{ start }}
    {%- endif -%}
{%- endmacro %}
