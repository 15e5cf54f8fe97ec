{{ config(materialized='table', alias='user', schema='zendesk', enabled='zendesk' in var('cx_demo_source', [])) }}
select distinct customer_id as id, 'end-user' as role, customer_id as external_id
from {{ ref('cx_demo__support_tickets') }}
where customer_id is not null
union all
select 'agent-1', 'agent', null
