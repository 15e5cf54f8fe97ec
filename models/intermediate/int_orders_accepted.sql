{{ config(enabled=var('cx_using_orders', false)) }}
{#- Orders that passed staging's checks, one row per order. -#}

with orders as (

    select * from {{ ref('stg_cx__orders') }}
    where rejection_reason is null

),

final as (

    select
        order_id,
        customer_id,
        ordered_at,
        amount,
        status
    from orders

)

select * from final
