{{ config(materialized='table', alias='question', schema='qualtrics', enabled='qualtrics' in var('cx_demo_source', [])) }}
select 'QID1' as id, 'SV_demo_' || survey_type as survey_id,
    case when survey_type = 'nps' then 'NPS' else 'SAVR' end as selector, 'MC' as question_type,
    false as _fivetran_deleted
from (select 'nps' as survey_type union all select 'csat' union all select 'ces') as surveys
union all
select 'QID2', 'SV_demo_' || survey_type, 'ESTB', 'TE', false
from (select 'nps' as survey_type union all select 'csat' union all select 'ces') as surveys
