{#- A table: cx__service_levels reads it once per period grain and dimension, and a view would
    join every ticket to its customer again each time (at 50M answers that ran out of memory). -#}
{{ config(materialized='table', enabled=var('cx_using_support_tickets')) }}
{#-
    Accepted tickets with the customer's segment and their service-level measures: exact
    elapsed minutes to first response and hours to resolution, and whether a resolved ticket
    was resolved at first contact (agent_replies <= cx_fcr_max_replies; unknown replies do not
    count as first contact).
-#}

with tickets as (

    select * from {{ ref('cx_metrics', 'int_cx__support_tickets_accepted') }}

),

{%- if var('cx_using_customers') %}

customers as (

    select customer_id, segment from {{ ref('cx_metrics', 'int_cx__customers_accepted') }}

),
{%- endif %}

final as (

    select
        tickets.ticket_id,
        tickets.customer_id,
        tickets.channel,
        tickets.priority,
        {{ "coalesce(customers.segment, 'unknown')" if var('cx_using_customers') else "'unknown'" }} as segment,
        tickets.created_at,
        tickets.first_response_at,
        tickets.resolved_at,
        {{ cx_metrics.seconds_between('tickets.created_at', 'tickets.first_response_at') }} / 60.0
            as first_response_minutes,
        {{ cx_metrics.seconds_between('tickets.created_at', 'tickets.resolved_at') }} / 3600.0
            as resolution_hours,
        tickets.handle_time_minutes,
        tickets.agent_replies,
        coalesce(
            tickets.resolved_at is not null
            and tickets.agent_replies <= {{ var('cx_fcr_max_replies') }},
            false
        ) as is_first_contact_resolution
    from tickets
    {%- if var('cx_using_customers') %}
    left join customers
        on tickets.customer_id = customers.customer_id
    {%- endif %}

)

select * from final
