{#-
    Every survey answer, cleaned and parsed (base_cx__survey_responses), with the reason it is
    rejected (null when it is accepted): its own defect, or 'duplicate key' for a later copy of
    a key.
-#}

with responses as (

    select * from {{ ref('base_cx__survey_responses') }}

),

ranked as (

    select
        *,
        {{ cx_metrics.rejection_reason('response_id', 'responded_at, loaded_at') }} as rejection_reason
    from responses

),

final as (

    select
        response_id,
        customer_id,
        survey_type,
        program,
        touchpoint,
        channel,
        score,
        responded_at,
        responded_at_raw,
        comment,
        ticket_id,
        loaded_at,
        {{ cx_metrics.raw_record_if_rejected() }} as raw_record,
        row_rejection_reason,
        row_fingerprint,
        rejection_reason
    from ranked

)

select * from final
