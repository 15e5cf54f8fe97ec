{{ config(enabled=var('cx_using_customers')) }}
{#-
    Revenue and churn by the NPS category customers held at the start of each period
    (doc revenue_by_nps). Periods as in cx__customer_churn: every period of each grain from the
    first customer start to the period of the latest start or churn. A customer is at the start
    of [ps, pe) when started_at < ps and (churned_at is null or churned_at >= ps); their category
    is that of their latest NPS answer with responded_at < ps ('no answer' without one).
    Only (period, dimension value, category) combinations with customers at the start have a row.
    Computed from each customer's category spells (nps_category_spells): a spell enters the
    count at the first period start after it begins and leaves it at the first after it ends,
    and running sums give the count at every period, so the cost grows with customers and
    answers, not with customers x periods. Revenue is summed exactly (type_exact_sum).
-#}
{#- Segment rows where cx__customer_churn has them (cx_customer_dimensions includes segment). -#}
{%- set by_segment = 'segment' in var('cx_customer_dimensions') -%}
{%- set revenue = 'cast(coalesce(monthly_revenue, 0) as ' ~ cx_metrics.type_exact_sum() ~ ')' -%}

with customers as (

    select * from {{ ref('cx_metrics', 'int_cx__customers_accepted') }}

),

responses as (

    select * from {{ ref('cx_metrics', 'cx__survey_responses') }}

),

spells as {{ cx_metrics.materialized_cte() }} (

    {{ cx_metrics.nps_category_spells('customers', 'responses') }}

),

bounds as (

    select
        min(started_at) as first_event_at,
        max(case when churned_at > started_at then churned_at else started_at end) as last_event_at
    from customers

),

changes_by_segment as (

    {#- Per grain: +1 when a spell enters, -1 when it leaves, and the churn of the period that
        holds churned_at, in the category held at that period's start (the spell holding it). #}
    {%- for grain in cx_metrics.period_grains() %}
    {%- set churn_period = cx_metrics.period_start_of(grain, 'churned_at') %}
    {{ 'union all' if not loop.first }}
    select
        '{{ grain }}' as period_grain,
        changes.period_start,
        changes.segment,
        changes.nps_category,
        sum(changes.customers_change) as customers_change,
        sum(changes.revenue_change) as revenue_change,
        sum(changes.churned) as churned_customers,
        sum(changes.churned_revenue) as churned_revenue
    from (
        select
            {{ cx_metrics.period_start_of(grain, 'held_after', after=true) }} as period_start,
            segment, nps_category, 1 as customers_change, {{ revenue }} as revenue_change,
            0 as churned, cast(0 as {{ cx_metrics.type_exact_sum() }}) as churned_revenue
        from spells
        union all
        select
            {{ cx_metrics.period_start_of(grain, 'held_until', after=true) }} as period_start,
            segment, nps_category, -1 as customers_change, -{{ revenue }} as revenue_change,
            0 as churned, cast(0 as {{ cx_metrics.type_exact_sum() }}) as churned_revenue
        from spells
        where held_until is not null
        union all
        select
            {{ churn_period }} as period_start,
            segment, nps_category, 0 as customers_change,
            cast(0 as {{ cx_metrics.type_exact_sum() }}) as revenue_change,
            1 as churned, {{ revenue }} as churned_revenue
        from spells
        where churned_at is not null
            and held_after < cast({{ churn_period }} as {{ dbt.type_timestamp() }})
            and (held_until is null
                or cast({{ churn_period }} as {{ dbt.type_timestamp() }}) <= held_until)
    ) as changes
    group by changes.period_start, changes.segment, changes.nps_category
    {%- endfor %}

),

changes as (

    select
        period_grain, period_start, 'all' as dimension, 'all' as dimension_value, nps_category,
        customers_change, revenue_change, churned_customers, churned_revenue
    from changes_by_segment
    {%- if by_segment %}

    union all

    select
        period_grain, period_start, 'segment' as dimension,
        cast(segment as {{ dbt.type_string() }}) as dimension_value, nps_category,
        customers_change, revenue_change, churned_customers, churned_revenue
    from changes_by_segment
    {%- endif %}

),

totals as (

    {{ cx_metrics.running_totals(
        changes='changes',
        spine=cx_metrics.period_spine('bounds', 'first_event_at', 'last_event_at'),
        keys=['dimension', 'dimension_value', 'nps_category'],
        cumulative=['customers_change', 'revenue_change'],
        per_period=['churned_customers', 'churned_revenue']
    ) }}

),

aggregated as (

    select
        period_grain,
        period_start,
        dimension,
        dimension_value,
        nps_category as nps_category_as_of_start,
        cast(customers_change as {{ dbt.type_bigint() }}) as customers_at_start,
        cast(revenue_change as {{ cx_metrics.type_double() }}) as monthly_revenue_at_start,
        cast(churned_customers as {{ dbt.type_bigint() }}) as churned_customers,
        cast(churned_revenue as {{ cx_metrics.type_double() }}) as churned_revenue
    from totals
    where customers_change > 0

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
