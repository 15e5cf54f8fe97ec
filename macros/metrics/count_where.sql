{#- Number of rows for which a condition holds, as a bigint (an aggregate). -#}
{% macro count_where(condition) -%}
    {{ return(adapter.dispatch('count_where', 'cx_metrics')(condition)) }}
{%- endmacro %}

{% macro default__count_where(condition) -%}
    cast(sum(case when {{ condition }} then 1 else 0 end) as {{ dbt.type_bigint() }})
{%- endmacro %}
