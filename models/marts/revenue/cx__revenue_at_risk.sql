{{ config(enabled=var('cx_using_customers', true)) }}
{#-
    Revenue at risk per period and dimension value (doc revenue_at_risk), over the customers at
    the start of each period of cx__revenue_by_nps, with their NPS category as of the start:
      revenue_weighted_nps      100 * (promoter revenue - detractor revenue) / revenue of customers
                                with an answer (null when none)
      detractor_revenue         revenue of the detractors
      overdue_followup_revenue  revenue of the other customers with a close-the-loop item overdue
                                at the period's end (at the as-of time for a period that ends
                                after it); null when cx_using_feedback_followups is false
      revenue_at_risk           detractor_revenue + overdue_followup_revenue (the first alone
                                without the follow-ups input)
-#}
{%- set grains = var('cx_period_grains', ['week', 'month', 'quarter']) -%}
{#- Segment rows where cx__customer_churn has them (cx_customer_dimensions includes segment). -#}
{%- set by_segment = 'segment' in var('cx_customer_dimensions', ['segment', 'plan', 'region']) -%}
{%- set steps = {'day': ('day', 1), 'week': ('day', 7), 'month': ('month', 1),
                 'quarter': ('month', 3), 'year': ('month', 12)} -%}
{%- set as_of = cx_metrics.as_of_timestamp() -%}
{%- set using_followups = cx_metrics.cx_using('feedback_followups') -%}

with customers as (

    select * from {{ ref('int_customers_accepted') }}

),

responses as (

    select * from {{ ref('cx__survey_responses') }}

),
{%- if using_followups %}

followups as (

    select * from {{ ref('cx__feedback_followups') }}

),
{%- endif %}

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

checked_periods as (

    {#- When overdue is judged: the period's end, or the as-of time if that comes first. -#}
    select
        *,
        case
            when period_end_at < {{ as_of }} then period_end_at
            else {{ as_of }}
        end as overdue_checked_at
    from periods

),

nps_answers as (

    {#- Each answer holds until the customer's next one (ties: the larger response_id is later). -#}
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
        checked_periods.period_grain,
        checked_periods.period_start,
        checked_periods.period_start_at,
        checked_periods.overdue_checked_at,
        customers.customer_id,
        customers.segment,
        customers.monthly_revenue
    from checked_periods
    inner join customers
        on customers.started_at < checked_periods.period_start_at
        and (customers.churned_at is null or customers.churned_at >= checked_periods.period_start_at)

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

overdue_customers as (

    {#- Non-detractors at the start with at least one item overdue when checked. -#}
    {%- if using_followups %}
    select distinct
        categorized.period_grain,
        categorized.period_start,
        categorized.customer_id
    from categorized
    inner join followups
        on categorized.customer_id = followups.customer_id
        and followups.follow_up_due_at < categorized.overdue_checked_at
        and (followups.followed_up_at is null
            or followups.followed_up_at >= categorized.overdue_checked_at)
    where categorized.nps_category_as_of_start <> 'detractor'
    {%- else %}
    select
        cast(null as {{ dbt.type_string() }}) as period_grain,
        cast(null as date) as period_start,
        cast(null as {{ dbt.type_string() }}) as customer_id
    where 1 = 0
    {%- endif %}

),

flagged as (

    select
        categorized.*,
        case when overdue_customers.customer_id is not null then 1 else 0 end as has_overdue_followup
    from categorized
    left join overdue_customers
        on categorized.period_grain = overdue_customers.period_grain
        and categorized.period_start = overdue_customers.period_start
        and categorized.customer_id = overdue_customers.customer_id

),

by_dimension as (

    select
        period_grain,
        period_start,
        'all' as dimension,
        'all' as dimension_value,
        monthly_revenue,
        nps_category_as_of_start,
        has_overdue_followup
    from flagged

    {%- if by_segment %}

    union all

    select
        period_grain,
        period_start,
        'segment' as dimension,
        cast(segment as {{ dbt.type_string() }}) as dimension_value,
        monthly_revenue,
        nps_category_as_of_start,
        has_overdue_followup
    from flagged

    {%- endif %}
),

aggregated as (

    select
        period_grain,
        period_start,
        dimension,
        dimension_value,
        cast(count(*) as {{ dbt.type_bigint() }}) as customers_at_start,
        coalesce(sum(monthly_revenue), 0) as monthly_revenue_at_start,
        coalesce(sum(case when nps_category_as_of_start = 'promoter' then monthly_revenue end), 0)
            as promoter_revenue,
        coalesce(sum(case when nps_category_as_of_start = 'detractor' then monthly_revenue end), 0)
            as detractor_revenue,
        coalesce(sum(case when nps_category_as_of_start <> 'no answer' then monthly_revenue end), 0)
            as answered_revenue,
        coalesce(sum(case when has_overdue_followup = 1 then monthly_revenue end), 0)
            as overdue_followup_revenue
    from by_dimension
    group by period_grain, period_start, dimension, dimension_value

),

final as (

    select
        period_grain,
        period_start,
        dimension,
        dimension_value,
        customers_at_start,
        monthly_revenue_at_start,
        answered_revenue,
        promoter_revenue,
        {{ cx_metrics.ratio_pct('promoter_revenue - detractor_revenue', 'answered_revenue') }}
            as revenue_weighted_nps,
        detractor_revenue,
        {%- if using_followups %}
        overdue_followup_revenue,
        detractor_revenue + overdue_followup_revenue as revenue_at_risk
        {%- else %}
        cast(null as {{ cx_metrics.type_double() }}) as overdue_followup_revenue,
        detractor_revenue as revenue_at_risk
        {%- endif %}
    from aggregated

)

select * from final
