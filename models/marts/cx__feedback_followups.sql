{#-
    Close the loop: one row per negative answer (NPS detractor, CSAT not satisfied, CES not
    easy) with its follow-up deadline (responded_at + cx_followup_sla_hours), the earliest
    follow-up, and its status as of the build (or var cx_as_of_timestamp):
    closed when followed up, overdue when past due without a follow-up, else open; its owner
    and alert destinations from the routing rules (var cx_alert_routes).
    With cx_close_the_loop_on_negative_comment, an answer whose comment is very negative
    (VADER score at or below cx_sentiment_thresholds.very_negative) joins the queue whatever
    its score (follow_up_reason 'negative comment').
-#}
{%- set on_comments = var('cx_close_the_loop_on_negative_comment') and var('cx_using_comments') -%}
{%- set as_of = cx_metrics.as_of_timestamp() -%}

with responses as (

    select * from {{ ref('cx_metrics', 'cx__survey_responses') }}

),

negative as (

    select
        response_id,
        customer_id,
        survey_type,
        program,
        touchpoint,
        channel,
        segment,
        score,
        comment,
        responded_at,
        {{ dbt.dateadd('hour', var('cx_followup_sla_hours'), 'responded_at') }} as follow_up_due_at,
        {{ cx_metrics.alert_route('owner') }} as owner,
        {{ cx_metrics.alert_route('destination') }} as alert_destination,
        {{ cx_metrics.alert_route('escalation') }} as escalation_destination,
        case
            when nps_category = 'detractor' or not is_satisfied or not is_easy then 'negative score'
            else 'negative comment'
        end as follow_up_reason
    from responses
    where nps_category = 'detractor'
        or not is_satisfied
        or not is_easy
        {%- if on_comments %}
        or response_id in (
            select response_id from {{ ref('cx_metrics', 'cx__comment_sentiment') }}
            where sentiment_score <= {{ cx_metrics.text_settings().thresholds.very_negative }}
        )
        {%- endif %}

),

followups as (

    {% if var('cx_using_feedback_followups') -%}
    select response_id, first_followed_up_at
    from {{ ref('cx_metrics', 'int_cx__feedback_followups_summarized') }}
    {%- else -%}
    select
        cast(null as {{ dbt.type_string() }}) as response_id,
        cast(null as {{ dbt.type_timestamp() }}) as first_followed_up_at
    where 1 = 0
    {%- endif %}

),

final as (

    select
        negative.response_id,
        negative.customer_id,
        negative.survey_type,
        negative.program,
        negative.touchpoint,
        negative.channel,
        negative.segment,
        negative.score,
        negative.comment,
        negative.responded_at,
        negative.follow_up_due_at,
        negative.follow_up_reason,
        followups.first_followed_up_at as followed_up_at,
        case
            when followups.first_followed_up_at is not null then 'closed'
            when negative.follow_up_due_at < {{ as_of }} then 'overdue'
            else 'open'
        end as status,
        followups.first_followed_up_at > negative.follow_up_due_at as is_followed_up_late,
        {{ as_of }} as status_as_of,
        negative.owner,
        negative.alert_destination,
        negative.escalation_destination
    from negative
    left join followups
        on negative.response_id = followups.response_id

)

select * from final
