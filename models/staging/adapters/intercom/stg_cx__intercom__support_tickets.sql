{#-
    Intercom conversations as support_tickets (docs/connectors.md): the first admin comment or
    assignment with a body, the last close of a closed conversation, and the admins' comments.
    Intercom records no handle time.
-#}
{{ config(materialized='view', enabled=cx_metrics._cx_connector_used('intercom', 'support_tickets') and var('cx_using_support_tickets')) }}
{%- set part = cx_metrics._cx_connector_table('intercom', 'conversation_part_history') %}

with conversations as (

    {{ cx_metrics._cx_intercom_conversations() }}

),

parts as (

    select
        conversation_id,
        min(case when author_type = 'admin' and part_type in ('comment', 'assignment') and body is not null
            then created_at end) as first_response_at,
        max(case when part_type = 'close' then created_at end) as last_closed_at,
        {{ cx_metrics.count_where("author_type = 'admin' and part_type = 'comment'") }} as agent_replies
    from {{ part['relation'] }}
    where coalesce(_fivetran_active, true)
    group by conversation_id

),

final as (

    select
        {{- cx_metrics._cx_adapter_columns('support_tickets', {
            'ticket_id': 'conversations.ticket_id',
            'customer_id': 'conversations.customer_id',
            'channel': 'conversations.channel',
            'priority': 'conversations.priority',
            'created_at': 'conversations.created_at',
            'first_response_at': cx_metrics.connector_text('parts.first_response_at', part['kinds'].get('created_at')),
            'resolved_at': "case when conversations.state = 'closed' then "
                ~ cx_metrics.connector_text('parts.last_closed_at', part['kinds'].get('created_at')) ~ " end",
            'agent_replies': 'coalesce(parts.agent_replies, 0)',
        }, 'intercom', 'conversations.synced_at') }}
    from conversations
    left join parts
        on conversations.id = parts.conversation_id

)

select * from final
