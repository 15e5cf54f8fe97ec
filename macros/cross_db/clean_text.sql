{#- A raw value as trimmed text; blank text is null. -#}
{% macro clean_text(expression) -%}
    {{ return(adapter.dispatch('clean_text', 'cx_metrics')(expression)) }}
{%- endmacro %}

{% macro default__clean_text(expression) -%}
    nullif(trim(cast({{ expression }} as {{ dbt.type_string() }})), '')
{%- endmacro %}
