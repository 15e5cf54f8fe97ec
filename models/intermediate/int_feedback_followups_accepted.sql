{{ config(enabled=var('cx_using_feedback_followups', true)) }}
{#- Follow-up actions that passed staging's checks (a response may have several). -#}

with followups as (

    select * from {{ ref('stg_cx__feedback_followups') }}
    where rejection_reason is null

),

final as (

    select
        response_id,
        followed_up_at
    from followups

)

select * from final
