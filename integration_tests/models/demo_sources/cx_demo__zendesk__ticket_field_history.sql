{{ config(materialized='table', alias='ticket_field_history', schema='zendesk', enabled='zendesk' in var('cx_demo_source', [])) }}
select ticket_id, 'status' as field_name, 'solved' as value, try_cast(resolved_at as timestamp) as updated
from {{ ref('cx_demo__support_tickets') }}
where try_cast(resolved_at as timestamp) is not null
