{#-
    Qualtrics answers as survey_responses (docs/connectors.md): one row per answer to a scored
    question (NPS by its selector, CSAT and CES from cx_qualtrics_questions), the score the
    chosen option's recode value (rescaled when the question has a scale of its own), the
    comment of the response's text-entry question on its first scored answer, and the
    embedded data named by cx_qualtrics_embedded_data.
-#}
{{ config(materialized='view', enabled=cx_metrics._cx_connector_used('qualtrics', 'survey_responses')) }}
{%- set question = cx_metrics._cx_connector_table('qualtrics', 'question') %}
{%- set answer = cx_metrics._cx_connector_table('qualtrics', 'question_response') %}
{%- set option = cx_metrics._cx_connector_table('qualtrics', 'question_option') %}
{%- set response = cx_metrics._cx_connector_table('qualtrics', 'survey_response') %}
{%- set embedded = cx_metrics._cx_connector_table('qualtrics', 'survey_embedded_data') %}
{%- set mapped = var('cx_qualtrics_questions') %}
{%- set keys = var('cx_qualtrics_embedded_data') %}
{%- set scales = {'csat': var('cx_csat_scale'), 'ces': var('cx_ces_scale')} %}

with questions as (

    select id as question_id, survey_id, 'nps' as survey_type
    from {{ question['relation'] }}
    where selector = 'NPS'
        and not coalesce(_fivetran_deleted, false)
        {%- for entry in mapped %}
        and not (id = '{{ entry.question_id }}'{% if entry.survey_id %} and survey_id = '{{ entry.survey_id }}'{% endif %})
        {%- endfor %}
    {%- for entry in mapped %}
    union all
    select id as question_id, survey_id, '{{ entry.survey_type }}' as survey_type
    from {{ question['relation'] }}
    where id = '{{ entry.question_id }}'
        {%- if entry.survey_id %} and survey_id = '{{ entry.survey_id }}'{% endif %}
        and not coalesce(_fivetran_deleted, false)
    {%- endfor %}

),

responses as (

    select
        id as response_id,
        survey_id,
        {{ cx_metrics.connector_text('recorded_date', response['kinds'].get('recorded_date')) }} as responded_at,
        distribution_channel as channel
    from {{ response['relation'] }}

),

answers as (

    select
        answer.response_id,
        answer.question_id,
        responses.survey_id,
        questions.survey_type,
        coalesce(cast(choice.recode_value as {{ dbt.type_string() }}),
                 cast(answer.value as {{ dbt.type_string() }})) as value,
        coalesce(cast(answer.text as {{ dbt.type_string() }}),
                 cast(answer.value as {{ dbt.type_string() }})) as text,
        {{ cx_metrics.connector_text('answer._fivetran_synced', answer['kinds'].get('_fivetran_synced')) }} as synced_at
    from {{ answer['relation'] }} as answer
    inner join responses
        on answer.response_id = responses.response_id
    inner join questions
        on answer.question_id = questions.question_id
        and responses.survey_id = questions.survey_id
    left join {{ option['relation'] }} as choice
        on choice.question_id = answer.question_id
        and choice.survey_id = responses.survey_id
        and choice.key = answer.question_option_key

),

scored as (

    select
        *,
        {%- set scaled = mapped | selectattr('scale') | selectattr('survey_type', 'in', scales) | list %}
        {%- if scaled %}
        case
            {%- for entry in scaled %}
            {%- set target = scales[entry.survey_type] %}
            {%- set number = cx_metrics.parse_number('value', 'text') %}
            {#- Rescaled linearly onto the package's scale; text that is no number stays as it is, for staging to reject. #}
            when question_id = '{{ entry.question_id }}'{% if entry.survey_id %} and survey_id = '{{ entry.survey_id }}'{% endif %} and {{ number }} is not null
                then cast({{ target.min }} + ({{ number }} - {{ entry.scale[0] }}) * {{ target.max - target.min }} / {{ entry.scale[1] - entry.scale[0] }} as {{ dbt.type_string() }})
            {%- endfor %}
            else value
        end as score,
        {%- else %}
        value as score,
        {%- endif %}
        row_number() over (
            partition by response_id
            order by case survey_type when 'nps' then 1 when 'csat' then 2 when 'ces' then 3 else 4 end, question_id
        ) as answer_order
    from answers

),

comments as (

    select response_id, min(text) as comment
    from answers
    where survey_type = 'comment'
    group by response_id

),

embedded as (

    select
        response_id,
        {%- for column, key in keys.items() %}
        max(case when key = '{{ key }}' then value end) as {{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ embedded['relation'] }}
    group by response_id

),

final as (

    select
        {{- cx_metrics._cx_adapter_columns('survey_responses', {
            'response_id': "'qualtrics:' || scored.response_id || ':' || scored.question_id",
            'customer_id': 'embedded.customer_id' if 'customer_id' in keys else 'null',
            'survey_type': 'scored.survey_type',
            'program': 'embedded.program' if 'program' in keys else 'null',
            'touchpoint': 'embedded.touchpoint' if 'touchpoint' in keys else 'null',
            'channel': 'responses.channel',
            'score': 'scored.score',
            'responded_at': 'responses.responded_at',
            'comment': 'case when scored.answer_order = 1 then comments.comment end',
            'ticket_id': 'embedded.ticket_id' if 'ticket_id' in keys else 'null',
        }, 'qualtrics', 'scored.synced_at') }}
    from scored
    inner join responses
        on scored.response_id = responses.response_id
    left join comments
        on scored.response_id = comments.response_id
    left join embedded
        on scored.response_id = embedded.response_id
    where scored.survey_type <> 'comment'

)

select * from final
