{{ config(enabled=var('cx_using_orders')) }}
{#-
    Every moment a customer was active: an accepted order that is activity (not cancelled or
    refunded, cx_inactive_order_statuses) and, when cx_activity_includes_tickets is true and
    support_tickets is on, an accepted ticket's creation (a request for service). One row per
    customer and moment: two orders at the same time are one visit.
-#}
{%- set tickets = var('cx_activity_includes_tickets') and cx_metrics.cx_using('support_tickets') %}
{%- set inactive = var('cx_inactive_order_statuses') %}

with orders as (

    select customer_id, ordered_at as active_at
    from {{ ref('cx_metrics', 'int_cx__orders_accepted') }}
    {%- if inactive %}
    {#- Staging lower-cases the status; a null status is activity. #}
    where status is null or status not in ('{{ inactive | map("lower") | join("', '") }}')
    {%- endif %}

),
{%- if tickets %}

tickets as (

    select customer_id, created_at as active_at
    from {{ ref('cx_metrics', 'int_cx__support_tickets_accepted') }}
    where customer_id is not null

),
{%- endif %}

activity as (

    select customer_id, active_at from orders
    {%- if tickets %}
    union all
    select customer_id, active_at from tickets
    {%- endif %}

),

final as (

    select distinct
        customer_id,
        active_at
    from activity

)

select * from final
