{#-
    The load time through which int_cx__survey_responses_rejected has read the survey input: the
    latest loaded_at of cx__survey_responses, which is built after it (its depends_on), so
    that when this runs it still holds each key's row as accepted before the new loads.
    None without a load column, or before cx__survey_responses has rows with one: the model
    then rebuilds every rejection. Run-time only.
-#}
{% macro survey_rejections_built_through() -%}
    {%- if not execute or not cx_metrics.cx_loads_column('survey_responses') -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(cx_metrics.latest_loaded_at(cx_metrics._cx_survey_responses_relation())) }}
{%- endmacro %}

{#- cx__survey_responses' relation, without a ref (which would make it a parent). -#}
{% macro _cx_survey_responses_relation() -%}
    {%- set node = graph.nodes.values()
        | selectattr('resource_type', 'equalto', 'model')
        | selectattr('package_name', 'equalto', 'cx_metrics')
        | selectattr('name', 'equalto', 'cx__survey_responses')
        | first -%}
    {{ return(api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias)) }}
{%- endmacro %}
