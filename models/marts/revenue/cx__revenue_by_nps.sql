{{ config(enabled=var('cx_using_customers', true)) }}
{#-
    Revenue and churn by the NPS category customers held at the start of each period
    (doc revenue_by_nps). Periods as in cx__customer_churn: every period of each grain from the
    first customer start to the period of the latest start or churn. A customer is at the start
    of [ps, pe) when started_at < ps and (churned_at is null or churned_at >= ps); their category
    is that of their latest NPS answer with responded_at < ps ('no answer' without one).
    Only (period, dimension value, category) combinations with customers at the start have a row.
-#}
{%- set grains = var('cx_period_grains', ['week', 'month', 'quarter']) -%}
{#- Segment rows where cx__customer_churn has them (cx_customer_dimensions includes segment). -#}
{%- set by_segment = 'segment' in var('cx_customer_dimensions', ['segment', 'plan', 'region']) -%}
{%- set steps = {'day': ('day', 1), 'week': ('day', 7), 'month': ('month', 1),
                 'quarter': ('month', 3), 'year': ('month', 12)} -%}

with customers as (

    select * from {{ ref('int_customers_accepted') }}

),

responses as (

    select * from {{ ref('cx__survey_responses') }}

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

periods as (

    select
        period_grain,
        period_start,
        cast(period_start as {{ dbt.type_timestamp() }}) as period_start_at,
        case
            {%- for grain in grains %}
            {%- set unit, size = steps[grain] %}
            when period_grain = '{{ grain }}'
                then cast({{ dbt.dateadd(unit, size, 'period_start') }} as {{ dbt.type_timestamp() }})
            {%- endfor %}
        end as period_end_at
    from spine

),

nps_answers as (

    {#- Each answer holds from its time until the customer's next answer (ties: the larger
        response_id is the later), so the answer in force at ps is the latest one before it. -#}
    select
        customer_id,
        nps_category,
        responded_at,
        lead(responded_at) over (
            partition by customer_id
            order by responded_at, response_id
        ) as next_responded_at
    from responses
    where survey_type = 'nps'
        and customer_id is not null

),

customers_at_start as (

    select
        periods.period_grain,
        periods.period_start,
        periods.period_start_at,
        customers.customer_id,
        customers.segment,
        customers.monthly_revenue,
        case
            when customers.churned_at >= periods.period_start_at
                and customers.churned_at < periods.period_end_at then 1
            else 0
        end as is_churned_in_period
    from periods
    inner join customers
        on customers.started_at < periods.period_start_at
        and (customers.churned_at is null or customers.churned_at >= periods.period_start_at)

),

categorized as (

    select
        customers_at_start.*,
        coalesce(nps_answers.nps_category, 'no answer') as nps_category_as_of_start
    from customers_at_start
    left join nps_answers
        on customers_at_start.customer_id = nps_answers.customer_id
        and nps_answers.responded_at < customers_at_start.period_start_at
        and (nps_answers.next_responded_at is null
            or nps_answers.next_responded_at >= customers_at_start.period_start_at)

),

by_dimension as (

    select
        period_grain,
        period_start,
        'all' as dimension,
        'all' as dimension_value,
        customer_id,
        monthly_revenue,
        is_churned_in_period,
        nps_category_as_of_start
    from categorized

    {%- if by_segment %}

    union all

    select
        period_grain,
        period_start,
        'segment' as dimension,
        cast(segment as {{ dbt.type_string() }}) as dimension_value,
        customer_id,
        monthly_revenue,
        is_churned_in_period,
        nps_category_as_of_start
    from categorized

    {%- endif %}
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
