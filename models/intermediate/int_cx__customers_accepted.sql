{#-
    Customers that passed staging's checks, one row per customer. A table: four marts look
    customers up, and an incremental cx__survey_responses finds the segments of its few new
    answers here without re-checking every customer.
-#}
{{ config(materialized='table', enabled=var('cx_using_customers')) }}

with customers as (

    select * from {{ ref('cx_metrics', 'stg_cx__customers') }}
    where rejection_reason is null

),

final as (

    select
        customer_id,
        started_at,
        churned_at,
        segment,
        plan,
        region,
        monthly_revenue
    from customers

)

select * from final
