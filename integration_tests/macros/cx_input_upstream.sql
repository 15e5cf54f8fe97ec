{#-
    The demo inputs are seeds of this project: every model that reads an input depends on the
    seed that loads it, so a plain `dbt build` loads them first. Switched off with the seeds
    (--vars '{cx_demo_data: false}') by tests that load their own input tables.
    With cx_demo_source (`cx-metrics demo --source qualtrics,zendesk`), a connector's tables
    ('<connector>.<table>') are this project's models in that connector's shape
    (models/demo_sources/), and so are the follow-ups keyed by the Qualtrics answers.
-#}
{% macro default__cx_input_upstream(table_name) -%}
    {%- if var('cx_demo_data', true) -%}
        {%- set connector, _, table = table_name.rpartition('.') -%}
        {%- if connector -%}
            {%- do ref('cx_metrics_integration_tests', 'cx_demo__' ~ connector ~ '__' ~ table) -%}
        {%- elif table == 'feedback_followups' and 'qualtrics' in var('cx_demo_source', []) -%}
            {%- do ref('cx_metrics_integration_tests', 'cx_demo__qualtrics__feedback_followups') -%}
        {%- else -%}
            {%- do ref('cx_metrics_integration_tests', 'cx_demo__' ~ table) -%}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
