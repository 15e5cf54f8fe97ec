{#-
    Zendesk satisfaction ratings as CSAT answers (docs/connectors.md): each ticket's latest
    satisfaction_score that is an answer (good, bad or a number; offered is none), good as the
    top of cx_csat_scale and bad as its bottom, with the latest satisfaction_comment.
-#}
{{ config(materialized='view', enabled=cx_metrics._cx_connector_used('zendesk', 'survey_responses')) }}
{%- set history = cx_metrics._cx_connector_table('zendesk', 'ticket_field_history') %}
{%- set scale = var('cx_csat_scale') %}

with tickets as (

    {{ cx_metrics._cx_zendesk_tickets() }}

),

ratings as (

    select
        ticket_id,
        value,
        updated,
        row_number() over (partition by ticket_id order by updated desc) as recency
    from {{ history['relation'] }}
    where field_name = 'satisfaction_score'
        and value is not null
        and lower(trim(value)) not in ('offered', 'unoffered')

),

remarks as (

    select
        ticket_id,
        value,
        row_number() over (partition by ticket_id order by updated desc) as recency
    from {{ history['relation'] }}
    where field_name = 'satisfaction_comment'
        and value is not null

),

final as (

    select
        {{- cx_metrics._cx_adapter_columns('survey_responses', {
            'response_id': "'zendesk:' || tickets.ticket_id || ':csat'",
            'customer_id': 'tickets.customer_id',
            'survey_type': "'csat'",
            'touchpoint': "'support'",
            'channel': 'tickets.channel',
            'score': "case lower(trim(ratings.value)) when 'good' then '" ~ scale.max ~ "' when 'bad' then '" ~ scale.min ~ "' else ratings.value end",
            'responded_at': cx_metrics.connector_text('ratings.updated', history['kinds'].get('updated')),
            'comment': 'remarks.value',
            'ticket_id': 'tickets.ticket_id',
        }, 'zendesk', 'tickets.synced_at') }}
    from ratings
    inner join tickets
        on ratings.ticket_id = tickets.id
    left join remarks
        on ratings.ticket_id = remarks.ticket_id
        and remarks.recency = 1
    where ratings.recency = 1

)

select * from final
