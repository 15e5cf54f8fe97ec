{{ config(enabled=var('cx_using_customers')) }}
{#- Every CRM customer, cleaned and parsed, with the reason it is rejected (null when accepted). -#}

{%- set kinds = cx_metrics.cx_input_kinds('customers') %}

with source as (

    select * from {{ cx_metrics.cx_source('customers') }}

),

cleaned as (

    select
        {{ cx_metrics.clean_text('customer_id') }} as customer_id,
        {{ cx_metrics.clean_text('started_at') }} as started_at_text,
        {{ cx_metrics.parse_timestamp('started_at', kinds['started_at']) }} as started_at,
        {{ cx_metrics.clean_text('churned_at') }} as churned_at_text,
        {{ cx_metrics.parse_timestamp('churned_at', kinds['churned_at']) }} as churned_at,
        coalesce({{ cx_metrics.clean_code('segment') }}, 'unknown') as segment,
        coalesce({{ cx_metrics.clean_code('plan') }}, 'unknown') as plan,
        coalesce({{ cx_metrics.clean_code('region') }}, 'unknown') as region,
        {{ cx_metrics.clean_text('monthly_revenue') }} as monthly_revenue_text,
        {{ cx_metrics.parse_number('monthly_revenue', kinds['monthly_revenue']) }} as monthly_revenue,
        {{- cx_metrics.cx_optional_columns('customers', 'values', kinds) }}
        {{ cx_metrics.raw_record(cx_metrics.cx_input_columns('customers')) }} as raw_record,
        {{ cx_metrics.row_fingerprint(cx_metrics.cx_input_columns('customers')) }} as row_fingerprint
    from source

),

checked as (

    select
        *,
        case
            when customer_id is null then 'missing key'
            when started_at_text is null then 'missing timestamp'
            when started_at is null then 'unparseable timestamp'
            when churned_at_text is not null and churned_at is null then 'unparseable timestamp'
            when {{ cx_metrics.timestamp_out_of_range('started_at') }} or {{ cx_metrics.timestamp_out_of_range('churned_at') }}
                then 'timestamp out of range'
            when churned_at < started_at then 'churned before started'
            when monthly_revenue_text is not null and monthly_revenue is null
                then 'unparseable number'
            {{- cx_metrics.cx_optional_columns('customers', 'checks') }}
        end as row_rejection_reason
    from cleaned

),

ranked as (

    select
        *,
        {{ cx_metrics.rejection_reason('customer_id', 'started_at') }} as rejection_reason
    from checked

),

final as (

    select
        customer_id,
        started_at,
        churned_at,
        segment,
        plan,
        region,
        monthly_revenue,
        {{- cx_metrics.cx_optional_columns('customers', 'select') }}
        {{ cx_metrics.raw_record_if_rejected() }} as raw_record,
        rejection_reason
    from ranked

)

select * from final
