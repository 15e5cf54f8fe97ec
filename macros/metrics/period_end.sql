{#-
    The timestamp a period ends (exclusive): period_start plus one period of its grain, for the
    grains of cx_period_grains (weeks are 7 days, quarters 3 months).
-#}
{% macro period_end(period_grain='period_grain', period_start='period_start') -%}
    {{ return(adapter.dispatch('period_end', 'cx_metrics')(period_grain, period_start)) }}
{%- endmacro %}

{% macro default__period_end(period_grain='period_grain', period_start='period_start') -%}
    {%- set steps = {'day': ('day', 1), 'week': ('day', 7), 'month': ('month', 1),
                     'quarter': ('month', 3), 'year': ('month', 12)} -%}
    case
        {%- for grain in var('cx_period_grains', ['week', 'month', 'quarter']) %}
        {%- set unit, size = steps[grain] %}
        when {{ period_grain }} = '{{ grain }}'
            then cast({{ dbt.dateadd(unit, size, period_start) }} as {{ dbt.type_timestamp() }})
        {%- endfor %}
    end
{%- endmacro %}
