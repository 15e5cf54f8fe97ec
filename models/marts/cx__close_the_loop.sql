{#-
    Close-the-loop time per period of the answer and dimension value: how fast negative
    answers were alerted and followed up, and the share closed within cx_followup_sla_hours.
    Without the alert audit (cx_using_followup_alerts false) the alert columns are null.
-#}
{%- set as_of = cx_metrics.as_of_timestamp() -%}

with queue as (

    select * from {{ ref('cx_metrics', 'cx__feedback_followups') }}

),

alerts as (

    {% if var('cx_using_followup_alerts') -%}
    select response_id, sent_at as alerted_at
    from {{ ref('cx_metrics', 'cx__followup_alerts') }}
    where kind = 'alert' and status = 'sent'
    {%- else -%}
    select
        cast(null as {{ dbt.type_string() }}) as response_id,
        cast(null as {{ dbt.type_timestamp() }}) as alerted_at
    where 1 = 0
    {%- endif %}

),

timed as (

    select
        queue.*,
        alerts.alerted_at,
        {{ cx_metrics.seconds_between('queue.responded_at', 'alerts.alerted_at') }} / 3600.0 as hours_to_alert,
        {{ cx_metrics.seconds_between('queue.responded_at', 'queue.followed_up_at') }} / 3600.0 as hours_to_follow_up,
        queue.followed_up_at <= queue.follow_up_due_at as is_closed_within_sla,
        queue.followed_up_at <= queue.follow_up_due_at
            or queue.follow_up_due_at < {{ as_of }} as is_decided
    from queue
    left join alerts
        on queue.response_id = alerts.response_id

),

counted as (

    {{ cx_metrics.aggregate_by_period(
        relation='timed',
        event_time='responded_at',
        dimensions=var('cx_close_the_loop_dimensions'),
        measures={
            'negative_answers': 'cast(count(*) as ' ~ dbt.type_bigint() ~ ')',
            'alerted_answers': 'cast(count(alerted_at) as ' ~ dbt.type_bigint() ~ ')',
            'followed_up_answers': 'cast(count(followed_up_at) as ' ~ dbt.type_bigint() ~ ')',
            'closed_within_sla': cx_metrics.count_where('is_closed_within_sla'),
            'decided_answers': cx_metrics.count_where('is_decided'),
            'median_hours_to_alert': cx_metrics.median('hours_to_alert'),
            'median_hours_to_follow_up': cx_metrics.median('hours_to_follow_up'),
        }
    ) }}

),

final as (

    select
        period_grain,
        period_start,
        dimension,
        dimension_value,
        negative_answers,
        alerted_answers,
        followed_up_answers,
        closed_within_sla,
        decided_answers,
        median_hours_to_alert,
        median_hours_to_follow_up,
        {{ cx_metrics.ratio_pct('closed_within_sla', 'decided_answers') }} as pct_closed_within_sla
    from counted

)

select * from final
