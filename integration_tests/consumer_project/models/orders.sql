-- The shop's orders (a stand-in for its own staging): one row per order.
select 'o-1' as order_id, 'shop-1' as customer_id, cast('2025-04-02' as date) as ordered_on, 120.0 as amount
union all
select 'o-2', 'shop-1', cast('2025-04-09' as date), 80.0
union all
select 'o-3', 'shop-2', cast('2025-04-11' as date), 45.5
