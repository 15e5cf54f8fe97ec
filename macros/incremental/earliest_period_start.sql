{#-
    The start of the earliest period, over the grains written (cx_period_grains), that contains
    a day ('YYYY-MM-DD'): aggregate_by_period(additive=true) reads the events from there,
    once, before it recomputes each grain's periods from their own start.
-#}
{% macro earliest_period_start(day, grains=none) -%}
    {%- set grains = grains if grains is not none else cx_metrics.period_grains() -%}
    {%- set starts = [] -%}
    {%- for grain in grains -%}
        {%- do starts.append(cx_metrics.period_trunc(grain, "cast('" ~ day ~ "' as date)")) -%}
    {%- endfor -%}
    {{ return(starts[0] if starts | length == 1 else 'least(' ~ starts | join(', ') ~ ')') }}
{%- endmacro %}
