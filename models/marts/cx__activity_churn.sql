{{ config(enabled=var('cx_using_orders')) }}
{#-
    Churn without subscriptions (docs/metrics.md): the customer flows of
    customer_flows over the spells of activity of int_cx__activity_spells, each spell a time the
    customer was active (started_at: its first activity; churned_at: its last + W, once the data
    has passed it). Per period [ps, pe) and dimension value (all, cx_customer_dimensions from
    the CRM, 'unknown' without one), a row for every period from the first activity to the
    period of the latest one:
      customers_at_start    active at ps (an activity in [ps - W, ps))
      new_customers         first activity ever in [ps, pe)
      returning_customers   came back in [ps, pe) after a lapse (a new spell, not the first)
      churned_customers     active at ps, lapsed in [ps, pe): W days after the last activity,
                            without another
      customers_at_end      active at pe (ending after the horizon: not lapsed by it)
      repeat_customers      new customers whose second activity came within W of the first
    with churn and retention rates of the subscription conventions, (E - N) / S with
    N = new + returning. is_final once pe + W <= the latest activity in the data: every count
    is known at pe, and the repeat share of the period's new customers W days later.
-#}
{%- set dimensions = var('cx_customer_dimensions') -%}
{%- set window_days = var('cx_inactivity_days') -%}
{%- set using_customers = cx_metrics.cx_using('customers') -%}

with spells as (

    select * from {{ ref('cx_metrics', 'int_cx__activity_spells') }}

),
{%- if using_customers %}

customers as (

    select * from {{ ref('cx_metrics', 'int_cx__customers_accepted') }}

),
{%- endif %}

spells_with_dimensions as (

    select
        spells.customer_id,
        spells.spell_number,
        spells.activities,
        spells.started_at,
        spells.churned_at
        {%- for dimension in dimensions %},
        {{ "coalesce(customers." ~ dimension ~ ", 'unknown')" if using_customers else "'unknown'" }}
            as {{ dimension }}
        {%- endfor %}
    from spells
    {%- if using_customers %}
    left join customers
        on spells.customer_id = customers.customer_id
    {%- endif %}

),

bounds as (

    select
        min(started_at) as first_event_at,
        max(activity_as_of) as last_event_at
    from spells

),

flows as (

    {{ cx_metrics.customer_flows(
        relation='spells_with_dimensions',
        dimensions=dimensions,
        spine=cx_metrics.period_spine('bounds', 'first_event_at', 'last_event_at'),
        start_measures={
            'first_activity_customers': 'spell_number = 1',
            'returning_customers': 'spell_number > 1',
            'repeat_customers': 'spell_number = 1 and activities > 1',
        },
        columns=['spell_number', 'activities']
    ) }}

),

final as (

    select
        flows.period_grain,
        flows.period_start,
        flows.dimension,
        flows.dimension_value,
        flows.customers_at_start,
        flows.first_activity_customers as new_customers,
        flows.returning_customers,
        flows.churned_customers,
        flows.customers_at_end,
        flows.repeat_customers,
        {{ cx_metrics.churn_rate('flows.churned_customers', 'flows.customers_at_start') }}
            as churn_rate_pct,
        {{ cx_metrics.retention_rate(
            'flows.customers_at_end',
            'flows.first_activity_customers + flows.returning_customers',
            'flows.customers_at_start'
        ) }} as retention_rate_pct,
        {{ cx_metrics.ratio_pct('flows.repeat_customers', 'flows.first_activity_customers') }}
            as repeat_purchase_rate_pct,
        case
            when {{ dbt.dateadd('day', window_days, cx_metrics.period_end('flows.period_grain', 'flows.period_start')) }}
                <= bounds.last_event_at then true
            else false
        end as is_final
    from flows
    cross join bounds

)

select * from final
