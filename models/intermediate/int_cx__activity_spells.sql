{{ config(materialized='table', enabled=var('cx_using_orders')) }}
{#-
    Each customer's spells of activity (docs/metrics.md, "Churn without subscriptions"). With the
    window W = cx_inactivity_days, a customer is active at time t when they have an activity in
    [t - W, t). An activity within W days of the previous one continues the spell; a later one
    starts a new spell (the customer returns). A spell runs from its first activity
    (started_at) to lapsed_at = its last activity + W, when the customer stops being active;
    churned_at is lapsed_at once the data has passed it (lapsed_at <= activity_as_of, the latest
    activity in the data), else null: the spell may still go on.
-#}
{%- set window_days = var('cx_inactivity_days') %}

with activity as (

    select * from {{ ref('cx_metrics', 'int_cx__customer_activity') }}

),

horizon as (

    select max(active_at) as activity_as_of from activity

),

previous as (

    select
        customer_id,
        active_at,
        lag(active_at) over (partition by customer_id order by active_at) as previous_active_at
    from activity

),

flagged as (

    select
        customer_id,
        active_at,
        case
            when previous_active_at is null then 1
            {#- Seconds, not dateadd: Spark's dateadd asserts its argument is not null. #}
            when {{ cx_metrics.seconds_between('previous_active_at', 'active_at') }}
                > {{ window_days * 86400 }} then 1
            else 0
        end as starts_spell
    from previous

),

numbered as (

    select
        customer_id,
        active_at,
        sum(starts_spell) over (
            partition by customer_id
            order by active_at
            rows between unbounded preceding and current row
        ) as spell_number
    from flagged

),

spells as (

    select
        customer_id,
        spell_number,
        min(active_at) as started_at,
        max(active_at) as last_active_at,
        cast(count(*) as {{ dbt.type_bigint() }}) as activities,
        {{ dbt.dateadd('day', window_days, 'max(active_at)') }} as lapsed_at
    from numbered
    group by customer_id, spell_number

),

final as (

    select
        spells.customer_id,
        cast(spells.spell_number as {{ dbt.type_int() }}) as spell_number,
        spells.started_at,
        spells.last_active_at,
        spells.activities,
        spells.lapsed_at,
        case when spells.lapsed_at <= horizon.activity_as_of then spells.lapsed_at end as churned_at,
        horizon.activity_as_of
    from spells
    cross join horizon

)

select * from final
