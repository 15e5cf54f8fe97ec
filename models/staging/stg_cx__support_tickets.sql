{{ config(enabled=var('cx_using_support_tickets')) }}
{#- Every support ticket, cleaned and parsed, with the reason it is rejected (null when accepted). -#}

{%- set kinds = cx_metrics.cx_input_kinds('support_tickets') %}

with source as (

    select * from {{ cx_metrics.cx_source('support_tickets') }}

),

cleaned as (

    select
        {{ cx_metrics.clean_text('ticket_id') }} as ticket_id,
        {{ cx_metrics.clean_text('customer_id') }} as customer_id,
        coalesce({{ cx_metrics.clean_code('channel') }}, 'unknown') as channel,
        coalesce({{ cx_metrics.clean_code('priority') }}, 'unknown') as priority,
        {{ cx_metrics.clean_text('created_at') }} as created_at_text,
        {{ cx_metrics.parse_timestamp('created_at', kinds['created_at']) }} as created_at,
        {{ cx_metrics.clean_text('first_response_at') }} as first_response_at_text,
        {{ cx_metrics.parse_timestamp('first_response_at', kinds['first_response_at']) }} as first_response_at,
        {{ cx_metrics.clean_text('resolved_at') }} as resolved_at_text,
        {{ cx_metrics.parse_timestamp('resolved_at', kinds['resolved_at']) }} as resolved_at,
        {{ cx_metrics.clean_text('handle_time_minutes') }} as handle_time_minutes_text,
        {{ cx_metrics.parse_number('handle_time_minutes', kinds['handle_time_minutes']) }} as handle_time_minutes,
        {{ cx_metrics.clean_text('agent_replies') }} as agent_replies_text,
        {{ cx_metrics.parse_number('agent_replies', kinds['agent_replies']) }} as agent_replies,
        {{- cx_metrics.cx_optional_columns('support_tickets', 'values', kinds) }}
        {{ cx_metrics.raw_record(cx_metrics.cx_input_columns('support_tickets')) }} as raw_record,
        {{ cx_metrics.row_fingerprint(cx_metrics.cx_input_columns('support_tickets')) }} as row_fingerprint
    from source

),

checked as (

    select
        *,
        case
            when ticket_id is null then 'missing key'
            when created_at_text is null then 'missing timestamp'
            when created_at is null
                or (first_response_at_text is not null and first_response_at is null)
                or (resolved_at_text is not null and resolved_at is null)
                then 'unparseable timestamp'
            when {{ cx_metrics.timestamp_out_of_range('created_at') }} or {{ cx_metrics.timestamp_out_of_range('first_response_at') }}
                or {{ cx_metrics.timestamp_out_of_range('resolved_at') }}
                then 'timestamp out of range'
            when first_response_at < created_at then 'response before creation'
            when resolved_at < created_at then 'resolution before creation'
            when (handle_time_minutes_text is not null and handle_time_minutes is null)
                or (agent_replies_text is not null and agent_replies is null)
                then 'unparseable number'
            when handle_time_minutes < 0 then 'negative duration'
            when agent_replies < 0 or agent_replies <> floor(agent_replies)
                or agent_replies > 2147483647
                then 'agent replies not a count'
            {{- cx_metrics.cx_optional_columns('support_tickets', 'checks') }}
        end as row_rejection_reason
    from cleaned

),

ranked as (

    select
        *,
        {{ cx_metrics.rejection_reason('ticket_id', 'created_at') }} as rejection_reason
    from checked

),

final as (

    select
        ticket_id,
        customer_id,
        channel,
        priority,
        created_at,
        first_response_at,
        resolved_at,
        handle_time_minutes,
        {#- Only whole counts that fit are cast: engines round or truncate fractions
            differently, and an integer overflow would fail the query. -#}
        cast(
            case
                when agent_replies = floor(agent_replies)
                    and agent_replies between 0 and 2147483647
                    then agent_replies
            end
            as {{ dbt.type_int() }}
        ) as agent_replies,
        {{- cx_metrics.cx_optional_columns('support_tickets', 'select') }}
        {{ cx_metrics.raw_record_if_rejected() }} as raw_record,
        rejection_reason
    from ranked

)

select * from final
