{#- One row per accepted survey response: the classified answers, as the public contract. -#}

with classified as (

    select * from {{ ref('int_survey_responses_classified') }}

),

final as (

    select
        response_id,
        customer_id,
        survey_type,
        program,
        touchpoint,
        channel,
        segment,
        responded_at,
        score,
        nps_category,
        is_satisfied,
        is_easy,
        comment,
        ticket_id
    from classified

)

select * from final
