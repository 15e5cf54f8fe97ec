{#-
    At least as many periods of a grain as any span of valid timestamps touches (an upper
    bound: the range's days over the grain's shortest length, plus two partial periods). Sizes
    the numbers that period spines and cohort grids count with.
-#}
{% macro max_periods(grain) -%}
    {{ return(adapter.dispatch('max_periods', 'cx_metrics')(grain)) }}
{%- endmacro %}

{% macro default__max_periods(grain) -%}
    {%- set first, before = cx_metrics.valid_timestamp_range() -%}
    {%- set unit, size = cx_metrics.period_step(grain) -%}
    {%- set shortest_days = size if unit == 'day' else 28 * size -%}
    {{ return((before - first).days // shortest_days + 2) }}
{%- endmacro %}
