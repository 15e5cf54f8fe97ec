{{ config(enabled=var('cx_using_customers')) }}
{#-
    Customer flows per period [ps, pe) and dimension value (customer_flows), each customer one
    spell from started_at to churned_at, with a row for every period from the first customer
    start to the period of the latest start or churn (docs/outputs.md).
-#}
{%- set dimensions = var('cx_customer_dimensions') -%}

with customers as (

    select * from {{ ref('cx_metrics', 'int_cx__customers_accepted') }}

),

bounds as (

    select
        min(started_at) as first_event_at,
        max(case when churned_at > started_at then churned_at else started_at end) as last_event_at
    from customers

),

flows as (

    {{ cx_metrics.customer_flows(
        relation='customers',
        dimensions=dimensions,
        spine=cx_metrics.period_spine('bounds', 'first_event_at', 'last_event_at')
    ) }}

),

final as (

    select
        period_grain,
        period_start,
        dimension,
        dimension_value,
        customers_at_start,
        new_customers,
        churned_customers,
        customers_at_end,
        {{ cx_metrics.churn_rate('churned_customers', 'customers_at_start') }} as churn_rate_pct,
        {{ cx_metrics.retention_rate('customers_at_end', 'new_customers', 'customers_at_start') }}
            as retention_rate_pct
    from flows

)

select * from final
