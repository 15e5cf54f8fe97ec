{#-
    The demo inputs are seeds of this project: every model that reads an input depends on the
    seed that loads it, so a plain `dbt build` loads them first. Switched off with the seeds
    (--vars '{cx_demo_data: false}') by tests that load their own input tables.
-#}
{% macro default__cx_input_upstream(table_name) -%}
    {%- if var('cx_demo_data', true) -%}
        {%- do ref('cx_metrics_integration_tests', 'cx_demo__' ~ table_name) -%}
    {%- endif -%}
{%- endmacro %}
