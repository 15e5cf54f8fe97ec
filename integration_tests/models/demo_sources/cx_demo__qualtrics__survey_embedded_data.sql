{{ config(materialized='table', alias='survey_embedded_data', schema='qualtrics', enabled='qualtrics' in var('cx_demo_source', [])) }}
{%- set keys = ['customer_id', 'touchpoint', 'program', 'ticket_id'] %}
{%- for key in keys %}
select response_id, '{{ key }}' as key, {{ key }} as value
from {{ ref('cx_demo__qualtrics__answers') }}
where {{ key }} is not null
{{ 'union all' if not loop.last }}
{%- endfor %}
