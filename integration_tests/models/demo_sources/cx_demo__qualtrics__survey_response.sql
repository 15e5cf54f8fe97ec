{{ config(materialized='table', alias='survey_response', schema='qualtrics', enabled='qualtrics' in var('cx_demo_source', [])) }}
select
    response_id as id,
    'SV_demo_' || lower(trim(survey_type)) as survey_id,
    responded_at as recorded_date,
    channel as distribution_channel,
    cast('2025-10-01 00:00:00' as timestamp) as _fivetran_synced
from {{ ref('cx_demo__qualtrics__answers') }}

