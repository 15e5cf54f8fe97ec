{{ config(materialized='table', alias='question_response', schema='qualtrics', enabled='qualtrics' in var('cx_demo_source', [])) }}
select
    response_id, 'QID1' as question_id, cast(null as varchar) as question_option_key,
    score as value, cast(null as varchar) as text, cast('2025-10-01 00:00:00' as timestamp) as _fivetran_synced
from {{ ref('cx_demo__qualtrics__answers') }}

union all
select response_id, 'QID2', null, comment, comment, cast('2025-10-01 00:00:00' as timestamp)
from {{ ref('cx_demo__qualtrics__answers') }}
where comment is not null
