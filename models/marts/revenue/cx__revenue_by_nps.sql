{{ config(enabled=var('cx_using_customers', true)) }}
{#-
    Revenue and churn by the NPS category customers held at the start of each period
    (doc revenue_by_nps). Periods as in cx__customer_churn: every period of each grain from the
    first customer start to the period of the latest start or churn. A customer is at the start
    of [ps, pe) when started_at < ps and (churned_at is null or churned_at >= ps); their category
    is that of their latest NPS answer with responded_at < ps ('no answer' without one).
    Only (period, dimension value, category) combinations with customers at the start have a row.
-#}
{#- Segment rows where cx__customer_churn has them (cx_customer_dimensions includes segment). -#}
{%- set by_segment = 'segment' in var('cx_customer_dimensions', ['segment', 'plan', 'region']) -%}

with customers as (

    select * from {{ ref('int_customers_accepted') }}

),

responses as (

    select * from {{ ref('cx__survey_responses') }}

),

categorized as (

    {{ cx_metrics.customers_at_period_start('customers', 'responses') }}

),

dimensions as (

    select 'all' as dimension
    {%- if by_segment %}
    union all
    select 'segment' as dimension
    {%- endif %}

),

by_dimension as (

    {#- One pass over categorized (customers x periods: the largest relation here), read once
        so that no engine materializes it to read it twice. -#}
    select
        categorized.period_grain,
        categorized.period_start,
        dimensions.dimension,
        case
            when dimensions.dimension = 'all' then 'all'
            else cast(categorized.segment as {{ dbt.type_string() }})
        end as dimension_value,
        categorized.customer_id,
        categorized.monthly_revenue,
        categorized.is_churned_in_period,
        categorized.nps_category_as_of_start
    from categorized
    cross join dimensions

),

aggregated as (

    select
        period_grain,
        period_start,
        dimension,
        dimension_value,
        nps_category_as_of_start,
        cast(count(*) as {{ dbt.type_bigint() }}) as customers_at_start,
        coalesce(sum(monthly_revenue), 0) as monthly_revenue_at_start,
        cast(sum(is_churned_in_period) as {{ dbt.type_bigint() }}) as churned_customers,
        coalesce(sum(case when is_churned_in_period = 1 then monthly_revenue end), 0) as churned_revenue
    from by_dimension
    group by period_grain, period_start, dimension, dimension_value, nps_category_as_of_start

),

final as (

    select
        period_grain,
        period_start,
        dimension,
        dimension_value,
        nps_category_as_of_start,
        customers_at_start,
        monthly_revenue_at_start,
        churned_customers,
        churned_revenue,
        {{ cx_metrics.churn_rate('churned_customers', 'customers_at_start') }} as churn_rate_pct,
        {{ cx_metrics.ratio_pct('monthly_revenue_at_start', 'sum(monthly_revenue_at_start) over (partition by period_grain, period_start, dimension, dimension_value)') }}
            as share_of_revenue_pct
    from aggregated

)

select * from final
