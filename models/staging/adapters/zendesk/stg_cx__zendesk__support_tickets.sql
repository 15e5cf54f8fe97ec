{#-
    Zendesk tickets as support_tickets (docs/connectors.md): the first public reply by an agent
    or admin after the request, the last time the ticket became solved (else closed) when it is
    solved or closed now, and the agents' public replies. Zendesk records no handle time.
-#}
{{ config(materialized='view', enabled=cx_metrics._cx_connector_used('zendesk', 'support_tickets') and var('cx_using_support_tickets')) }}
{%- set comment = cx_metrics._cx_connector_table('zendesk', 'ticket_comment') %}
{%- set history = cx_metrics._cx_connector_table('zendesk', 'ticket_field_history') %}

with tickets as (

    {{ cx_metrics._cx_zendesk_tickets() }}

),

comments as (

    select
        ticket_id,
        user_id,
        created,
        coalesce(public, false) as is_public,
        min(created) over (partition by ticket_id) as first_comment_at
    from {{ comment['relation'] }}
    where not coalesce(_fivetran_deleted, false)

),

replies as (

    select
        comments.ticket_id,
        min(comments.created) as first_response_at,
        count(*) as agent_replies
    from comments
    inner join {{ cx_metrics._cx_connector_table('zendesk', 'user')['relation'] }} as authors
        on comments.user_id = authors.id
    where comments.is_public
        and authors.role in ('agent', 'admin')
        and comments.created > comments.first_comment_at
    group by comments.ticket_id

),

solved as (

    select
        ticket_id,
        max(case when value = 'solved' then updated end) as last_solved_at,
        max(case when value = 'closed' then updated end) as last_closed_at
    from {{ history['relation'] }}
    where field_name = 'status'
    group by ticket_id

),

final as (

    select
        {{- cx_metrics._cx_adapter_columns('support_tickets', {
            'ticket_id': 'tickets.ticket_id',
            'customer_id': 'tickets.customer_id',
            'channel': 'tickets.channel',
            'priority': 'tickets.priority',
            'created_at': 'tickets.created_at',
            'first_response_at': cx_metrics.connector_text('replies.first_response_at', comment['kinds'].get('created')),
            'resolved_at': "case when tickets.status in ('solved', 'closed') then "
                ~ cx_metrics.connector_text('coalesce(solved.last_solved_at, solved.last_closed_at)', history['kinds'].get('updated')) ~ " end",
            'agent_replies': 'coalesce(replies.agent_replies, 0)',
        }, 'zendesk', 'tickets.synced_at') }}
    from tickets
    left join replies
        on tickets.id = replies.ticket_id
    left join solved
        on tickets.id = solved.ticket_id

)

select * from final
