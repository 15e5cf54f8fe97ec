{#-
    A hook for projects that load the inputs with dbt themselves (seeds, or models that land
    where the sources point): declare the nodes that load input table_name with ref(), and every
    model that reads it runs after them. A connector's table that an adapter reads is asked for
    as '<connector>.<table>' (e.g. 'zendesk.ticket'). By default nothing: inputs are loaded outside dbt.
    Override it through dispatch (search_order: [<your project>, 'cx_metrics']); this
    repository's integration_tests project does so for its demo seeds.
-#}
{% macro cx_input_upstream(table_name) -%}
    {{ return(adapter.dispatch('cx_input_upstream', 'cx_metrics')(table_name)) }}
{%- endmacro %}

{% macro default__cx_input_upstream(table_name) -%}
{%- endmacro %}
