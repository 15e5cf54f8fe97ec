{{ config(enabled=var('cx_using_orders')) }}
{#-
    Every order (optional input), cleaned and parsed, with the reason it is rejected (null when
    accepted). The status is trimmed and lower-cased (ASCII letters).
-#}

{%- set kinds = cx_metrics.cx_input_kinds('orders') %}

with source as (

    select * from {{ cx_metrics.cx_source('orders') }}

),

cleaned as (

    select
        {{ cx_metrics.clean_text('order_id') }} as order_id,
        {{ cx_metrics.clean_text('customer_id') }} as customer_id,
        {{ cx_metrics.clean_text('ordered_at') }} as ordered_at_text,
        {{ cx_metrics.parse_timestamp('ordered_at', kinds['ordered_at']) }} as ordered_at,
        {{ cx_metrics.clean_text('amount') }} as amount_text,
        {{ cx_metrics.parse_number('amount', kinds['amount']) }} as amount,
        {{ cx_metrics.clean_code('status') }} as status,
        {{- cx_metrics.cx_optional_columns('orders', 'values', kinds) }}
        {{ cx_metrics.raw_record(cx_metrics.cx_input_columns('orders')) }} as raw_record,
        {{ cx_metrics.row_fingerprint(cx_metrics.cx_input_columns('orders')) }} as row_fingerprint
    from source

),

checked as (

    select
        *,
        case
            when order_id is null then 'missing key'
            {#- An order nobody placed is no customer's activity. #}
            when customer_id is null then 'missing customer'
            when ordered_at_text is null then 'missing timestamp'
            when ordered_at is null then 'unparseable timestamp'
            when {{ cx_metrics.timestamp_out_of_range('ordered_at') }} then 'timestamp out of range'
            when amount_text is not null and amount is null then 'unparseable number'
            {{- cx_metrics.cx_optional_columns('orders', 'checks') }}
        end as row_rejection_reason
    from cleaned

),

ranked as (

    select
        *,
        {{ cx_metrics.rejection_reason('order_id', 'ordered_at') }} as rejection_reason
    from checked

),

final as (

    select
        order_id,
        customer_id,
        ordered_at,
        amount,
        status,
        {{- cx_metrics.cx_optional_columns('orders', 'select') }}
        {{ cx_metrics.raw_record_if_rejected() }} as raw_record,
        rejection_reason
    from ranked

)

select * from final
