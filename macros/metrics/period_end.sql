{#-
    The timestamp a period ends (exclusive): period_start plus one period of its grain, for the
    grains of cx_period_grains (period_step).
-#}
{% macro period_end(period_grain='period_grain', period_start='period_start') -%}
    {{ return(adapter.dispatch('period_end', 'cx_metrics')(period_grain, period_start)) }}
{%- endmacro %}

{% macro default__period_end(period_grain='period_grain', period_start='period_start') -%}
    case
        {%- for grain in cx_metrics.period_grains() %}
        {%- set unit, size = cx_metrics.period_step(grain) %}
        when {{ period_grain }} = '{{ grain }}'
            then cast({{ dbt.dateadd(unit, size, period_start) }} as {{ dbt.type_timestamp() }})
        {%- endfor %}
    end
{%- endmacro %}
