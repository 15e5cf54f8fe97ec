{{ config(enabled=var('cx_using_customers', true)) }}
{#-
    The revenue linkage models split the same customers as cx__customer_churn: per period and
    dimension value (all, and segment where cx_customer_dimensions has it), the categories of
    cx__revenue_by_nps add up to its customers at the start and churned customers, and
    cx__revenue_at_risk counts the same customers at the start. Counts only: revenue sums
    summed in another order may differ in their last bits. Returns the rows that disagree.
-#}
{%- set dimensions = ['all'] + (['segment'] if 'segment' in var('cx_customer_dimensions', ['segment']) else []) -%}

with by_nps as (

    select
        period_grain,
        period_start,
        dimension,
        dimension_value,
        sum(customers_at_start) as customers_at_start,
        sum(churned_customers) as churned_customers
    from {{ ref('cx__revenue_by_nps') }}
    group by period_grain, period_start, dimension, dimension_value

),

churn as (

    select * from {{ ref('cx__customer_churn') }}
    where dimension in ('{{ dimensions | join("', '") }}')
        and customers_at_start > 0

),

at_risk as (

    select * from {{ ref('cx__revenue_at_risk') }}

),

compared as (

    select
        coalesce(churn.period_grain, by_nps.period_grain) as period_grain,
        coalesce(churn.period_start, by_nps.period_start) as period_start,
        coalesce(churn.dimension, by_nps.dimension) as dimension,
        coalesce(churn.dimension_value, by_nps.dimension_value) as dimension_value,
        churn.customers_at_start as churn_customers_at_start,
        by_nps.customers_at_start as by_nps_customers_at_start,
        churn.churned_customers as churn_churned_customers,
        by_nps.churned_customers as by_nps_churned_customers,
        at_risk.customers_at_start as at_risk_customers_at_start
    from churn
    full outer join by_nps
        on churn.period_grain = by_nps.period_grain
        and churn.period_start = by_nps.period_start
        and churn.dimension = by_nps.dimension
        and churn.dimension_value = by_nps.dimension_value
    left join at_risk
        on coalesce(churn.period_grain, by_nps.period_grain) = at_risk.period_grain
        and coalesce(churn.period_start, by_nps.period_start) = at_risk.period_start
        and coalesce(churn.dimension, by_nps.dimension) = at_risk.dimension
        and coalesce(churn.dimension_value, by_nps.dimension_value) = at_risk.dimension_value

),

final as (

    select * from compared
    where churn_customers_at_start is null
        or by_nps_customers_at_start is null
        or at_risk_customers_at_start is null
        or churn_customers_at_start <> by_nps_customers_at_start
        or churn_churned_customers <> by_nps_churned_customers
        or at_risk_customers_at_start <> by_nps_customers_at_start

)

select * from final
