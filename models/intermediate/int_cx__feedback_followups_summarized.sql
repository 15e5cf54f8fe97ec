{{ config(enabled=var('cx_using_feedback_followups')) }}
{#- One row per followed-up response: its earliest accepted follow-up and how many there were. -#}

with followups as (

    select * from {{ ref('cx_metrics', 'stg_cx__feedback_followups') }}
    where rejection_reason is null

),

final as (

    select
        response_id,
        min(followed_up_at) as first_followed_up_at,
        cast(count(*) as {{ dbt.type_bigint() }}) as followups
    from followups
    group by response_id

)

select * from final
