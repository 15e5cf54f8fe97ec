{#-
    Every period of each grain from the period of start_column to the period of end_column
    (inclusive), as rows (period_grain, period_start), read from a one-row relation of bounds
    (period_step's arithmetic). The offsets are counted up to max_periods, so a spine between
    valid timestamps is never cut short.
-#}
{% macro period_spine(bounds_relation, start_column, end_column, grains=none) -%}
    {{ return(adapter.dispatch('period_spine', 'cx_metrics')(bounds_relation, start_column, end_column, grains)) }}
{%- endmacro %}

{% macro default__period_spine(bounds_relation, start_column, end_column, grains=none) -%}
    {%- set grains = grains if grains is not none else cx_metrics.period_grains() -%}
    {%- for grain in grains -%}
        {%- set unit, size = cx_metrics.period_step(grain) -%}
        {%- set first = 'cast(' ~ cx_metrics.period_trunc(grain, 'bounds.' ~ start_column) ~ ' as date)' -%}
        {%- set last = 'cast(' ~ cx_metrics.period_trunc(grain, 'bounds.' ~ end_column) ~ ' as date)' %}
    {{ 'union all' if not loop.first }}
    select
        '{{ grain }}' as period_grain,
        cast({{ dbt.dateadd(unit, 'offsets.n * ' ~ size, first) }} as date) as period_start
    from {{ bounds_relation }} as bounds
    cross join ({{ cx_metrics.numbers(cx_metrics.max_periods(grain)) }}) as offsets
    where offsets.n * {{ size }} <= {{ dbt.datediff(first, last, unit) }}
    {%- endfor -%}
{%- endmacro %}
