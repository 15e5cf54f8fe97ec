{#- The grains every metric table has (var cx_period_grains), with its one default. -#}
{% macro period_grains() -%}
    {{ return(var('cx_period_grains', ['week', 'month', 'quarter'])) }}
{%- endmacro %}
