{#-
    Every customer at the start of every period, as a select of (period_grain, period_start,
    period_start_at, period_end_at, customer_id, segment, monthly_revenue, is_churned_in_period,
    nps_category_as_of_start), read from two relations of the calling model: accepted
    customers and accepted survey responses. Periods are those of cx__customer_churn (every
    period of each grain from the first start to the latest start or churn); a customer is at
    the start of [ps, pe) when started_at < ps and (churned_at is null or churned_at >= ps), and
    churned in it when ps <= churned_at < pe. The category is that of the latest NPS answer
    before ps ('no answer' without one): each answer holds until the customer's next one (of
    two at the same instant, the larger response_id is the later), so one join finds it without
    ranking every answer against every period. Shared by cx__revenue_by_nps and
    cx__revenue_at_risk.
-#}
{% macro customers_at_period_start(customers, responses) -%}
    {{ return(adapter.dispatch('customers_at_period_start', 'cx_metrics')(customers, responses)) }}
{%- endmacro %}

{% macro default__customers_at_period_start(customers, responses) -%}
    with bounds as (
        select
            min(started_at) as first_event_at,
            max(case when churned_at > started_at then churned_at else started_at end)
                as last_event_at
        from {{ customers }}
    ),

    spine as (
        {{ cx_metrics.period_spine('bounds', 'first_event_at', 'last_event_at') }}
    ),

    periods as (
        select
            period_grain,
            period_start,
            cast(period_start as {{ dbt.type_timestamp() }}) as period_start_at,
            {{ cx_metrics.period_end() }} as period_end_at
        from spine
    ),

    nps_answers as (
        select
            customer_id,
            nps_category,
            responded_at,
            lead(responded_at) over (
                partition by customer_id
                order by responded_at, response_id
            ) as next_responded_at
        from {{ responses }}
        where survey_type = 'nps'
            and customer_id is not null
    ),

    at_start as (
        select
            periods.period_grain,
            periods.period_start,
            periods.period_start_at,
            periods.period_end_at,
            accepted.customer_id,
            accepted.segment,
            accepted.monthly_revenue,
            case
                when accepted.churned_at >= periods.period_start_at
                    and accepted.churned_at < periods.period_end_at then 1
                else 0
            end as is_churned_in_period
        from periods
        inner join {{ customers }} as accepted
            on accepted.started_at < periods.period_start_at
            and (accepted.churned_at is null or accepted.churned_at >= periods.period_start_at)
    )

    select
        at_start.*,
        coalesce(nps_answers.nps_category, 'no answer') as nps_category_as_of_start
    from at_start
    left join nps_answers
        on at_start.customer_id = nps_answers.customer_id
        and nps_answers.responded_at < at_start.period_start_at
        and (nps_answers.next_responded_at is null
            or nps_answers.next_responded_at >= at_start.period_start_at)
{%- endmacro %}
