{#- The time statuses and ages are computed for: var cx_as_of_timestamp (UTC), else the build time. -#}
{% macro as_of_timestamp() -%}
    {{ return(adapter.dispatch('as_of_timestamp', 'cx_metrics')()) }}
{%- endmacro %}

{% macro default__as_of_timestamp() -%}
    {#- With its default: a public macro, which a project's own models call without the
        package's vars. #}
    {%- if var('cx_as_of_timestamp', none) -%}
        cast('{{ var("cx_as_of_timestamp") }}' as {{ dbt.type_timestamp() }})
    {%- else -%}
        {{ cx_metrics.utc_now() }}
    {%- endif -%}
{%- endmacro %}
