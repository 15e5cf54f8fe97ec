{{ config(materialized='ephemeral', enabled='qualtrics' in var('cx_demo_source', [])) }}
{#- The demo answers Qualtrics can hold: with an id, one response per id (the first copy of a
    duplicated id; the contract demo rejects the later copies as duplicates). -#}
select *
from (
    select
        *,
        row_number() over (
            partition by response_id order by responded_at, score, survey_type, comment
        ) as copy
    from {{ ref('cx_demo__survey_responses') }}
    where response_id is not null
) as numbered
where copy = 1
