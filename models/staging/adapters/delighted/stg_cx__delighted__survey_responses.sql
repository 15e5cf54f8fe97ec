{#-
    Delighted responses (Airbyte) as survey_responses (docs/connectors.md): the survey type
    lower-cased (one other than nps, csat or ces is rejected by staging, so it shows), the
    Unix time as a timestamp, and the person properties named by cx_delighted_properties.
-#}
{{ config(materialized='view', enabled=cx_metrics._cx_connector_used('delighted', 'survey_responses')) }}
{%- set responses = cx_metrics._cx_connector_table('delighted', 'survey_responses') %}
{%- set properties = var('cx_delighted_properties') %}
{%- set values = {
    'response_id': "'delighted:' || cast(id as " ~ dbt.type_string() ~ ")",
    'survey_type': 'lower(survey_type)',
    'score': 'score',
    'responded_at': cx_metrics.connector_text(cx_metrics.epoch_to_timestamp('created_at'), 'timestamp'),
    'comment': 'comment',
} %}
{%- for column, key in properties.items() %}
{%- do values.update({column: cx_metrics.json_text('person_properties', key)}) %}
{%- endfor %}

with final as (

    select
        {{- cx_metrics._cx_adapter_columns('survey_responses', values, 'delighted',
            cx_metrics.connector_text('_airbyte_extracted_at', responses['kinds'].get('_airbyte_extracted_at'))) }}
    from {{ responses['relation'] }}

)

select * from final
