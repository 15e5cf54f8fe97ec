{{ config(enabled=var('cx_using_customers')) }}
{#-
    One row per accepted customer who started at or before the as-of time (var
    cx_as_of_timestamp, else the build time): their latest answers, open close-the-loop items and
    tickets, revenue and tenure, and a health status from transparent rules, first match wins
    (doc customer_health):
      churned   churned at or before the as-of time
      critical  latest NPS detractor and (an overdue follow-up or an open ticket older than
                cx_health_ticket_age_hours)
      at risk   latest NPS detractor, latest CSAT not satisfied, latest CES not easy, an overdue
                follow-up, or an open ticket older than cx_health_ticket_age_hours
      healthy   otherwise
    Without the feedback_followups or support_tickets input, its columns are null and its rules
    never match.
-#}
{%- set as_of = cx_metrics.as_of_timestamp() -%}
{%- set ticket_age_hours = var('cx_health_ticket_age_hours') -%}
{%- set using_followups = cx_metrics.cx_using('feedback_followups') -%}
{%- set using_tickets = cx_metrics.cx_using('support_tickets') -%}

with customers as (

    select * from {{ ref('cx_metrics', 'int_cx__customers_accepted') }}

),

responses as (

    select * from {{ ref('cx_metrics', 'cx__survey_responses') }}

),
{%- if using_followups %}

followups as (

    select * from {{ ref('cx_metrics', 'cx__feedback_followups') }}

),
{%- endif %}
{%- if using_tickets %}

tickets as (

    select * from {{ ref('cx_metrics', 'int_cx__support_tickets_enriched') }}

),
{%- endif %}

ranked_answers as (

    select
        customer_id,
        survey_type,
        score,
        nps_category,
        is_satisfied,
        is_easy,
        responded_at,
        row_number() over (
            partition by customer_id, survey_type
            order by responded_at desc, response_id desc
        ) as answer_rank
    from responses
    where customer_id is not null
        and responded_at <= {{ as_of }}

),

latest_answers as (

    select
        customer_id,
        max(case when survey_type = 'nps' then score end) as latest_nps_score,
        max(case when survey_type = 'nps' then nps_category end) as latest_nps_category,
        max(case when survey_type = 'nps' then responded_at end) as latest_nps_at,
        max(case when survey_type = 'csat' then score end) as latest_csat_score,
        max(case when survey_type = 'csat' then (case when is_satisfied then 1 else 0 end) end)
            as latest_csat_satisfied_flag,
        max(case when survey_type = 'csat' then responded_at end) as latest_csat_at,
        max(case when survey_type = 'ces' then score end) as latest_ces_score,
        max(case when survey_type = 'ces' then (case when is_easy then 1 else 0 end) end)
            as latest_ces_easy_flag,
        max(case when survey_type = 'ces' then responded_at end) as latest_ces_at
    from ranked_answers
    where answer_rank = 1
    group by customer_id

),

followup_counts as (

    {#- The queue as of the as-of time: items of answers given by then and not followed up by
        then; overdue once past due, open before. -#}
    {%- if using_followups %}
    select
        customer_id,
        {{ cx_metrics.count_where('follow_up_due_at >= ' ~ as_of) }} as open_followups,
        {{ cx_metrics.count_where('follow_up_due_at < ' ~ as_of) }} as overdue_followups
    from followups
    where customer_id is not null
        and responded_at <= {{ as_of }}
        and (followed_up_at is null or followed_up_at > {{ as_of }})
    group by customer_id
    {%- else %}
    select
        cast(null as {{ dbt.type_string() }}) as customer_id,
        cast(null as {{ dbt.type_bigint() }}) as open_followups,
        cast(null as {{ dbt.type_bigint() }}) as overdue_followups
    where 1 = 0
    {%- endif %}

),

ticket_counts as (

    {#- Tickets created by the as-of time and not resolved by then. -#}
    {%- if using_tickets %}
    select
        customer_id,
        cast(count(*) as {{ dbt.type_bigint() }}) as open_tickets,
        cast({{ cx_metrics.seconds_between('min(created_at)', as_of) }} as {{ cx_metrics.type_double() }})
            / 3600.0 as oldest_open_ticket_age_hours
    from tickets
    where customer_id is not null
        and created_at <= {{ as_of }}
        and (resolved_at is null or resolved_at > {{ as_of }})
    group by customer_id
    {%- else %}
    select
        cast(null as {{ dbt.type_string() }}) as customer_id,
        cast(null as {{ dbt.type_bigint() }}) as open_tickets,
        cast(null as {{ cx_metrics.type_double() }}) as oldest_open_ticket_age_hours
    where 1 = 0
    {%- endif %}

),

joined as (

    select
        customers.customer_id,
        customers.segment,
        customers.plan,
        customers.region,
        customers.monthly_revenue,
        customers.started_at,
        customers.churned_at,
        coalesce(customers.churned_at <= {{ as_of }}, false) as is_churned,
        case
            when customers.churned_at <= {{ as_of }} then customers.churned_at
            else {{ as_of }}
        end as tenure_end_at,
        latest_answers.latest_nps_score,
        latest_answers.latest_nps_category,
        latest_answers.latest_nps_at,
        latest_answers.latest_csat_score,
        latest_answers.latest_csat_satisfied_flag,
        latest_answers.latest_csat_at,
        latest_answers.latest_ces_score,
        latest_answers.latest_ces_easy_flag,
        latest_answers.latest_ces_at,
        {%- if using_followups %}
        coalesce(followup_counts.open_followups, 0) as open_followups,
        coalesce(followup_counts.overdue_followups, 0) as overdue_followups,
        {%- else %}
        cast(null as {{ dbt.type_bigint() }}) as open_followups,
        cast(null as {{ dbt.type_bigint() }}) as overdue_followups,
        {%- endif %}
        {%- if using_tickets %}
        coalesce(ticket_counts.open_tickets, 0) as open_tickets,
        {%- else %}
        cast(null as {{ dbt.type_bigint() }}) as open_tickets,
        {%- endif %}
        ticket_counts.oldest_open_ticket_age_hours
    from customers
    left join latest_answers
        on customers.customer_id = latest_answers.customer_id
    left join followup_counts
        on customers.customer_id = followup_counts.customer_id
    left join ticket_counts
        on customers.customer_id = ticket_counts.customer_id
    where customers.started_at <= {{ as_of }}

),

signals as (

    select
        *,
        coalesce(latest_nps_category = 'detractor', false) as is_detractor,
        coalesce(latest_csat_satisfied_flag = 0, false) as is_unsatisfied,
        coalesce(latest_ces_easy_flag = 0, false) as is_not_easy,
        coalesce(overdue_followups > 0, false) as has_overdue_followup,
        coalesce(oldest_open_ticket_age_hours > {{ ticket_age_hours }}, false) as has_old_open_ticket
    from joined

),

final as (

    select
        customer_id,
        segment,
        plan,
        region,
        latest_nps_score,
        latest_nps_category,
        latest_nps_at,
        latest_csat_score,
        case latest_csat_satisfied_flag when 1 then true when 0 then false end as latest_csat_is_satisfied,
        latest_csat_at,
        latest_ces_score,
        case latest_ces_easy_flag when 1 then true when 0 then false end as latest_ces_is_easy,
        latest_ces_at,
        open_followups,
        overdue_followups,
        open_tickets,
        oldest_open_ticket_age_hours,
        monthly_revenue,
        started_at,
        churned_at,
        cast(floor(cast({{ cx_metrics.seconds_between('started_at', 'tenure_end_at') }}
            as {{ cx_metrics.type_double() }}) / 86400.0)
            as {{ dbt.type_bigint() }}) as tenure_days,
        is_churned,
        case
            when is_churned then 'churned'
            when is_detractor and (has_overdue_followup or has_old_open_ticket) then 'critical'
            when is_detractor or is_unsatisfied or is_not_easy or has_overdue_followup
                or has_old_open_ticket then 'at risk'
            else 'healthy'
        end as health_status,
        case
            when is_churned then 'churned'
            when is_detractor and has_overdue_followup then 'detractor with overdue follow-up'
            when is_detractor and has_old_open_ticket then 'detractor with old open ticket'
            when is_detractor then 'detractor'
            when is_unsatisfied then 'csat not satisfied'
            when is_not_easy then 'ces not easy'
            when has_overdue_followup then 'overdue follow-up'
            when has_old_open_ticket then 'old open ticket'
            else 'no risk signal'
        end as health_reason,
        {{ as_of }} as health_as_of
    from signals

)

select * from final
