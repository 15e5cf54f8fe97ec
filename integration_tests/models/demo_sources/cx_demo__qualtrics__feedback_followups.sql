{{ config(materialized='table', alias='feedback_followups_qualtrics', enabled='qualtrics' in var('cx_demo_source', [])) }}
select 'qualtrics:' || response_id || ':QID1' as response_id, followed_up_at
from {{ ref('cx_demo__feedback_followups') }}
