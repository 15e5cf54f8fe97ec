{#-
    Close-the-loop time per period of the answer and dimension value: how fast negative
    answers were alerted and followed up, and the share closed within cx_followup_sla_hours.
    Without the alert audit (cx_using_followup_alerts false) the alert columns are null. The
    medians are ranked apart (median_by_period), as in cx__service_levels: no aggregate holds
    every answer's value in memory, and no query sorts by two columns at once (which Redshift
    refuses for its sort-based aggregates).
-#}
{%- set as_of = cx_metrics.as_of_timestamp() -%}
{%- set dimensions = var('cx_close_the_loop_dimensions') %}
{%- set grain_key = ['period_grain', 'period_start', 'dimension', 'dimension_value'] %}

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
        dimensions=dimensions,
        measures={
            'negative_answers': 'cast(count(*) as ' ~ dbt.type_bigint() ~ ')',
            'alerted_answers': 'cast(count(alerted_at) as ' ~ dbt.type_bigint() ~ ')',
            'followed_up_answers': 'cast(count(followed_up_at) as ' ~ dbt.type_bigint() ~ ')',
            'closed_within_sla': cx_metrics.count_where('is_closed_within_sla'),
            'decided_answers': cx_metrics.count_where('is_decided'),
        }
    ) }}

),

alert_medians as (

    {{ cx_metrics.median_by_period('timed', 'responded_at', 'hours_to_alert', dimensions) }}

),

follow_up_medians as (

    {{ cx_metrics.median_by_period('timed', 'responded_at', 'hours_to_follow_up', dimensions) }}

),

final as (

    select
        counted.period_grain,
        counted.period_start,
        counted.dimension,
        counted.dimension_value,
        counted.negative_answers,
        counted.alerted_answers,
        counted.followed_up_answers,
        counted.closed_within_sla,
        counted.decided_answers,
        cast(alert_medians.median as {{ cx_metrics.type_double() }}) as median_hours_to_alert,
        cast(follow_up_medians.median as {{ cx_metrics.type_double() }}) as median_hours_to_follow_up,
        {{ cx_metrics.ratio_pct('counted.closed_within_sla', 'counted.decided_answers') }} as pct_closed_within_sla
    from counted
    {%- for medians in ['alert_medians', 'follow_up_medians'] %}
    left join {{ medians }}
        on {% for column in grain_key %}{{ 'and ' if not loop.first }}{{ medians }}.{{ column }} = counted.{{ column }}
        {% endfor %}
    {%- endfor %}

)

select * from final
