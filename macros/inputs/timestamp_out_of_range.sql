{#-
    True when a parsed timestamp lies outside valid_timestamp_range (null when it is null), for a
    staging model's rejection reason 'timestamp out of range'.
-#}
{% macro timestamp_out_of_range(column) -%}
    {{ return(adapter.dispatch('timestamp_out_of_range', 'cx_metrics')(column)) }}
{%- endmacro %}

{% macro default__timestamp_out_of_range(column) -%}
    {%- set first, before = cx_metrics.valid_timestamp_range() -%}
    ({{ column }} < cast('{{ first }}' as {{ dbt.type_timestamp() }})
        or {{ column }} >= cast('{{ before }}' as {{ dbt.type_timestamp() }}))
{%- endmacro %}
