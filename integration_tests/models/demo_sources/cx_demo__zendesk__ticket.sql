{{ config(materialized='table', alias='ticket', schema='zendesk', enabled='zendesk' in var('cx_demo_source', [])) }}
select
    ticket_id as id,
    created_at,
    case when resolved_at is not null then 'solved' else 'open' end as status,
    priority,
    channel as via_channel,
    customer_id as requester_id,
    cast(null as varchar) as organization_id,
    false as _fivetran_deleted,
    cast('2025-10-01 00:00:00' as timestamp) as _fivetran_synced
from {{ ref('cx_demo__support_tickets') }}
