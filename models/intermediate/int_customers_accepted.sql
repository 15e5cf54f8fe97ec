{#- Customers that passed staging's checks, one row per customer. -#}

with customers as (

    select * from {{ ref('stg_cx__customers') }}
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
