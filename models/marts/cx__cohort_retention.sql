{{ config(enabled=var('cx_using_customers')) }}
{#-
    Monthly acquisition cohorts: for each cohort (month of started_at) and each month since
    start from 0 to the last month in the data, how many of the cohort's customers had not
    churned by the end of that month. A customer churned in month k after start (counted from 0)
    is retained for months 0..k-1.
-#}

with customers as (

    select
        cast({{ dbt.date_trunc('month', 'started_at') }} as date) as cohort_month,
        cast({{ dbt.date_trunc('month', 'churned_at') }} as date) as churn_month
    from {{ ref('cx_metrics', 'int_cx__customers_accepted') }}

),

bounds as (

    select
        max(case when churn_month > cohort_month then churn_month else cohort_month end) as last_month
    from customers

),

cohorts as (

    select
        cohort_month,
        cast(count(*) as {{ dbt.type_bigint() }}) as cohort_customers
    from customers
    group by cohort_month

),

churns as (

    select
        cohort_month,
        {{ dbt.datediff('cohort_month', 'churn_month', 'month') }} as months_since_start,
        cast(count(*) as {{ dbt.type_bigint() }}) as churned_customers
    from customers
    where churn_month is not null
    group by cohort_month, {{ dbt.datediff('cohort_month', 'churn_month', 'month') }}

),

grid as (

    select
        cohorts.cohort_month,
        cohorts.cohort_customers,
        offsets.n as months_since_start
    from cohorts
    cross join bounds
    cross join ({{ cx_metrics.numbers(cx_metrics.max_periods('month')) }}) as offsets  -- noqa: ST05
    where offsets.n <= {{ dbt.datediff('cohorts.cohort_month', 'bounds.last_month', 'month') }}

),

retained as (

    select
        grid.cohort_month,
        grid.months_since_start,
        grid.cohort_customers,
        grid.cohort_customers - cast(coalesce(sum(churns.churned_customers) over (
            partition by grid.cohort_month
            order by grid.months_since_start
            rows between unbounded preceding and current row
        ), 0) as {{ dbt.type_bigint() }}) as retained_customers
    from grid
    left join churns
        on grid.cohort_month = churns.cohort_month
        and grid.months_since_start = churns.months_since_start

),

final as (

    select
        cohort_month,
        cast(months_since_start as {{ dbt.type_int() }}) as months_since_start,
        cohort_customers,
        retained_customers,
        {{ cx_metrics.ratio_pct('retained_customers', 'cohort_customers') }} as retention_pct
    from retained

)

select * from final
