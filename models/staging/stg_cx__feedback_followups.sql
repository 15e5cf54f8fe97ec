{{ config(enabled=var('cx_using_feedback_followups')) }}
{#-
    Every close-the-loop action, cleaned and parsed, with the reason it is rejected. A response
    may be followed up more than once, so the key is (response_id, followed_up_at): the same
    follow-up logged twice is a duplicate.
-#}

{%- set kinds = cx_metrics.cx_input_kinds('feedback_followups') %}

with source as (

    select * from {{ cx_metrics.cx_source('feedback_followups') }}

),

cleaned as (

    select
        {{ cx_metrics.clean_text('response_id') }} as response_id,
        {{ cx_metrics.clean_text('followed_up_at') }} as followed_up_at_text,
        {{ cx_metrics.parse_timestamp('followed_up_at', kinds['followed_up_at']) }} as followed_up_at,
        {{- cx_metrics.cx_optional_columns('feedback_followups', 'values', kinds) }}
        {{ cx_metrics.raw_record(cx_metrics.cx_input_columns('feedback_followups')) }} as raw_record,
        {{ cx_metrics.row_fingerprint(cx_metrics.cx_input_columns('feedback_followups')) }} as row_fingerprint
    from source

),

checked as (

    select
        *,
        case
            when response_id is null then 'missing key'
            when followed_up_at_text is null then 'missing timestamp'
            when followed_up_at is null then 'unparseable timestamp'
            when {{ cx_metrics.timestamp_out_of_range('followed_up_at') }} then 'timestamp out of range'
            {{- cx_metrics.cx_optional_columns('feedback_followups', 'checks') }}
        end as row_rejection_reason
    from cleaned

),

ranked as (

    select
        *,
        {{ cx_metrics.rejection_reason('response_id, followed_up_at', 'followed_up_at') }} as rejection_reason
    from checked

),

final as (

    select
        response_id,
        followed_up_at,
        {{- cx_metrics.cx_optional_columns('feedback_followups', 'select') }}
        {{ cx_metrics.raw_record_if_rejected() }} as raw_record,
        rejection_reason
    from ranked

)

select * from final
