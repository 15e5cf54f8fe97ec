{{ config(enabled=var('cx_using_customers', true)) }}
{#-
    Customer flows per period [ps, pe) and dimension value, with a row for every period from the
    first customer start to the period of the latest start or churn (README, "Output tables"):
      customers_at_start  started_at < ps and (churned_at is null or churned_at >= ps)
      new_customers       ps <= started_at < pe
      churned_customers   started_at < ps and ps <= churned_at < pe
      customers_at_end    started_at < pe and (churned_at is null or churned_at >= pe)
    Computed from start and churn events per period and running sums, so the cost grows with
    customers + periods, not customers x periods.
-#}
{%- set dimensions = var('cx_customer_dimensions', ['segment', 'plan', 'region']) -%}

with customers as (

    select * from {{ ref('int_customers_accepted') }}

),

events as (

    {#- One start event per customer and one churn event per churned customer. -#}
    select
        {{ dimensions | join(', ') ~ ',' if dimensions }}
        started_at,
        started_at as event_at,
        1 as is_start,
        0 as is_churn
    from customers

    union all

    select
        {{ dimensions | join(', ') ~ ',' if dimensions }}
        started_at,
        churned_at as event_at,
        0 as is_start,
        1 as is_churn
    from customers
    where churned_at is not null

),

event_counts as (

    {{ cx_metrics.aggregate_by_period(
        relation='events',
        event_time='event_at',
        dimensions=dimensions,
        measures={
            'new_customers': cx_metrics.count_where('is_start = 1'),
            'churn_events': cx_metrics.count_where('is_churn = 1'),
            'churned_customers': cx_metrics.count_where('is_churn = 1 and started_at < {period_start}'),
        }
    ) }}

),

bounds as (

    select
        min(started_at) as first_event_at,
        max(case when churned_at > started_at then churned_at else started_at end) as last_event_at
    from customers

),

spine as (

    {{ cx_metrics.period_spine('bounds', 'first_event_at', 'last_event_at') }}

),

dimension_values as (

    select distinct period_grain, dimension, dimension_value
    from event_counts

),

grid as (

    select
        spine.period_grain,
        spine.period_start,
        dimension_values.dimension,
        dimension_values.dimension_value
    from spine
    inner join dimension_values
        on spine.period_grain = dimension_values.period_grain

),

filled as (

    select
        grid.period_grain,
        grid.period_start,
        grid.dimension,
        grid.dimension_value,
        coalesce(event_counts.new_customers, 0) as new_customers,
        coalesce(event_counts.churn_events, 0) as churn_events,
        coalesce(event_counts.churned_customers, 0) as churned_customers
    from grid
    left join event_counts
        on grid.period_grain = event_counts.period_grain
        and grid.period_start = event_counts.period_start
        and grid.dimension = event_counts.dimension
        and grid.dimension_value = event_counts.dimension_value

),

flows as (

    {#- Active customers at a boundary = starts before it - churns before it. -#}
    select
        *,
        cast(coalesce(sum(new_customers - churn_events) over (
            partition by period_grain, dimension, dimension_value
            order by period_start
            rows between unbounded preceding and 1 preceding
        ), 0) as {{ dbt.type_bigint() }}) as customers_at_start,
        cast(sum(new_customers - churn_events) over (
            partition by period_grain, dimension, dimension_value
            order by period_start
            rows between unbounded preceding and current row
        ) as {{ dbt.type_bigint() }}) as customers_at_end
    from filled

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
