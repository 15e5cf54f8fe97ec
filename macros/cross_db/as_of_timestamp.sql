{#- The time statuses and ages are computed for: var cx_as_of_timestamp (UTC), else the build time. -#}
{% macro as_of_timestamp() -%}
    {{ return(adapter.dispatch('as_of_timestamp', 'cx_metrics')()) }}
{%- endmacro %}

{% macro default__as_of_timestamp() -%}
    {%- if var('cx_as_of_timestamp') -%}
        cast('{{ var("cx_as_of_timestamp") }}' as {{ dbt.type_timestamp() }})
    {%- else -%}
        {{ cx_metrics.utc_now() }}
    {%- endif -%}
{%- endmacro %}
