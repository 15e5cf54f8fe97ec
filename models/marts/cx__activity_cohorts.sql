{{ config(enabled=var('cx_using_orders')) }}
{#-
    Cohorts by first activity (docs/metrics.md, "Churn without subscriptions"): for each cohort (the
    month of a customer's first activity) and each month since it, from 0 to the month of the
    latest activity in the data, how many of the cohort's customers were still active at the end
    of that month: an activity in the last W = cx_inactivity_days days before it (a spell of
    int_cx__activity_spells with started_at < month end <= lapsed_at). A customer who lapsed and
    came back counts again once back. is_final once the month has ended in the data.
-#}

with spells as (

    select * from {{ ref('cx_metrics', 'int_cx__activity_spells') }}

),

customers as (

    select
        customer_id,
        cast({{ dbt.date_trunc('month', 'started_at') }} as date) as cohort_month
    from spells
    where spell_number = 1

),

horizon as (

    select
        max(activity_as_of) as activity_as_of,
        cast({{ dbt.date_trunc('month', 'max(activity_as_of)') }} as date) as last_month
    from spells

),

cohorts as (

    select
        cohort_month,
        cast(count(*) as {{ dbt.type_bigint() }}) as cohort_customers
    from customers
    group by cohort_month

),

grid as (

    select
        cohorts.cohort_month,
        cohorts.cohort_customers,
        offsets.n as months_since_first,
        cast({{ dbt.dateadd('month', 'offsets.n + 1', 'cohorts.cohort_month') }} as {{ dbt.type_timestamp() }})
            as month_end_at
    from cohorts
    cross join horizon
    cross join ({{ cx_metrics.numbers(cx_metrics.max_periods('month')) }}) as offsets  -- noqa: ST05
    where offsets.n <= {{ dbt.datediff('cohorts.cohort_month', 'horizon.last_month', 'month') }}

),

spell_months as (

    {#- The months since first activity whose end each spell covers: from the month the spell
        starts in, for as many months as it lasts, checked exactly below. -#}
    select
        customers.cohort_month,
        spells.started_at,
        spells.lapsed_at,
        offsets.n as months_since_first
    from spells
    inner join customers
        on spells.customer_id = customers.customer_id
    cross join ({{ cx_metrics.numbers(cx_metrics.max_periods('month')) }}) as offsets  -- noqa: ST05
    where offsets.n >= {{ dbt.datediff('customers.cohort_month', dbt.date_trunc('month', 'spells.started_at'), 'month') }}
        and offsets.n <= {{ dbt.datediff('customers.cohort_month', dbt.date_trunc('month', 'spells.lapsed_at'), 'month') }}

),

active as (

    {#- Spells of one customer never overlap: at most one covers a month end. -#}
    select
        grid.cohort_month,
        grid.months_since_first,
        cast(count(*) as {{ dbt.type_bigint() }}) as active_customers
    from grid
    inner join spell_months
        on grid.cohort_month = spell_months.cohort_month
        and grid.months_since_first = spell_months.months_since_first
        and grid.month_end_at > spell_months.started_at
        and grid.month_end_at <= spell_months.lapsed_at
    group by grid.cohort_month, grid.months_since_first

),

final as (

    select
        grid.cohort_month,
        cast(grid.months_since_first as {{ dbt.type_int() }}) as months_since_first,
        grid.cohort_customers,
        coalesce(active.active_customers, 0) as active_customers,
        {{ cx_metrics.ratio_pct('coalesce(active.active_customers, 0)', 'grid.cohort_customers') }}
            as active_pct,
        coalesce(grid.month_end_at <= horizon.activity_as_of, false) as is_final
    from grid
    cross join horizon
    left join active
        on grid.cohort_month = active.cohort_month
        and grid.months_since_first = active.months_since_first

)

select * from final
