{{ config(materialized='table', alias='ticket_comment', schema='zendesk', enabled='zendesk' in var('cx_demo_source', [])) }}
{#- The request at the ticket's creation, then one public agent reply per agent_replies (at
    least one when there is a first response), a minute apart from the first response. -#}
with tickets as (
    select
        ticket_id,
        customer_id,
        try_cast(created_at as timestamp) as created_at,
        try_cast(first_response_at as timestamp) as first_response_at,
        greatest(coalesce(try_cast(try_cast(agent_replies as double) as integer), 0), 1) as replies
    from {{ ref('cx_demo__support_tickets') }}
)
select ticket_id || '-0' as id, ticket_id, customer_id as user_id, created_at as created, true as public, false as _fivetran_deleted
from tickets
union all
select ticket_id || '-' || cast(reply as varchar), ticket_id, 'agent-1',
    first_response_at + (reply - 1) * interval 1 minute, true, false
from tickets, range(1, 16) as replies(reply)
where first_response_at is not null and reply <= replies
