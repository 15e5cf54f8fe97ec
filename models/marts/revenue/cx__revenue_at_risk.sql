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
{#- Segment rows where cx__customer_churn has them (cx_customer_dimensions includes segment). -#}
{%- set by_segment = 'segment' in var('cx_customer_dimensions', ['segment', 'plan', 'region']) -%}
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

categorized as (

    {{ cx_metrics.customers_at_period_start('customers', 'responses') }}

),

checked as (

    {#- When overdue is judged: the period's end, or the as-of time if that comes first. -#}
    select
        *,
        case
            when period_end_at < {{ as_of }} then period_end_at
            else {{ as_of }}
        end as overdue_checked_at
    from categorized

),

overdue_customers as (

    {#- Non-detractors at the start with at least one item overdue when checked. -#}
    {%- if using_followups %}
    select distinct
        checked.period_grain,
        checked.period_start,
        checked.customer_id
    from checked
    inner join followups
        on checked.customer_id = followups.customer_id
        and followups.follow_up_due_at < checked.overdue_checked_at
        and (followups.followed_up_at is null
            or followups.followed_up_at >= checked.overdue_checked_at)
    where checked.nps_category_as_of_start <> 'detractor'
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
