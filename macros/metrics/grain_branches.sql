{#-
    The branches of the metric grain (period_grain, period_start, dimension, dimension_value):
    for each period grain (cx_period_grains unless given; each checked), 'all' and then each
    dimension column, as (grain, dimension, the SQL of the dimension's value). The macros that
    build metric-grain rows (aggregate_by_period, median_by_period) loop over these.
-#}
{% macro grain_branches(dimensions=[], grains=none) -%}
    {{ return(adapter.dispatch('grain_branches', 'cx_metrics')(dimensions, grains)) }}
{%- endmacro %}

{% macro default__grain_branches(dimensions=[], grains=none) -%}
    {%- set branches = [] -%}
    {%- for grain in (grains if grains is not none else cx_metrics.period_grains()) -%}
        {%- do cx_metrics.period_step(grain) -%}  {#- stops the build at a grain it does not know #}
        {%- for dimension in ['all'] + dimensions -%}
            {%- set value = "'all'" if dimension == 'all' else 'cast(' ~ dimension ~ ' as ' ~ dbt.type_string() ~ ')' -%}
            {%- do branches.append((grain, dimension, value)) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(branches) }}
{%- endmacro %}
