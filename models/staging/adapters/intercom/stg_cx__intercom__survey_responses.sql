{#- Intercom conversation ratings (1-5) as CSAT answers with their remark (docs/connectors.md). -#}
{{ config(materialized='view', enabled=cx_metrics._cx_connector_used('intercom', 'survey_responses')) }}

with conversations as (

    {{ cx_metrics._cx_intercom_conversations() }}

),

final as (

    select
        {{- cx_metrics._cx_adapter_columns('survey_responses', {
            'response_id': "'intercom:' || ticket_id || ':rating'",
            'customer_id': 'customer_id',
            'survey_type': "'csat'",
            'touchpoint': "'support'",
            'channel': 'channel',
            'score': 'rating',
            'responded_at': 'rated_at',
            'comment': 'remark',
            'ticket_id': 'ticket_id',
        }, 'intercom', 'synced_at') }}
    from conversations
    where rating is not null

)

select * from final
