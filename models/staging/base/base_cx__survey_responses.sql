{#-
    Every survey answer, cleaned and parsed, with its own defect (row_rejection_reason, null
    when it has none); stg_cx__survey_responses adds duplicate keys. Codes are trimmed and
    lower-cased, text scores are parsed or mapped through the label map, and each row is
    checked against the scales of its survey type. loaded_at is the input's optional load
    column (cx_loads_column), null without one.
    A view, and without the duplicate check (a window over all rows of a key), so that a filter
    on any column reaches the scan of the input: staging parses only the new loads, and finds
    the loads to read again with a query of its own.
-#}
{{ config(materialized='view') }}
{%- set csat = var('cx_csat_scale') -%}
{%- set ces = var('cx_ces_scale') -%}

{%- set kinds = cx_metrics.cx_input_kinds('survey_responses') %}
{%- set loads = cx_metrics.cx_loads_column('survey_responses') %}
{%- set loaded_at = cx_metrics.parse_timestamp(loads['name'], loads['kind']) if loads else 'cast(null as ' ~ dbt.type_timestamp() ~ ')' %}
{#- Set only by `cx-metrics validate --new-loads`, which validates the loads not yet built: an
    environment variable, not a var, so that dbt's partial parse of the project survives it. #}
{%- set loaded_after = env_var('CX_VALIDATION_LOADED_AFTER', '') if loads else none %}

with source as (

    select * from {{ cx_metrics.cx_source('survey_responses') }}
    {%- if loaded_after %}
    where {{ loaded_at }} > cast('{{ loaded_after }}' as {{ dbt.type_timestamp() }})
    {%- endif %}

),

score_labels as (

    select
        {{ cx_metrics.clean_code('survey_type') }} as survey_type,
        {{ cx_metrics.clean_code('label') }} as label,
        min(cast(score as {{ cx_metrics.type_double() }})) as score
    from {{ cx_metrics.score_labels() }}
    group by {{ cx_metrics.clean_code('survey_type') }}, {{ cx_metrics.clean_code('label') }}

),

cleaned as (

    select
        {{ cx_metrics.clean_text('response_id') }} as response_id,
        {{ cx_metrics.clean_text('customer_id') }} as customer_id,
        {{ cx_metrics.clean_code('survey_type') }} as survey_type,
        coalesce({{ cx_metrics.clean_code('program') }}, 'transactional') as program,
        coalesce({{ cx_metrics.clean_code('touchpoint') }}, 'unknown') as touchpoint,
        coalesce({{ cx_metrics.clean_code('channel') }}, 'unknown') as channel,
        {{ cx_metrics.clean_text('score') }} as score_text,
        {{ cx_metrics.parse_number('score', kinds['score']) }} as score_number,
        {{ cx_metrics.clean_text('responded_at') }} as responded_at_text,
        cast(responded_at as {{ dbt.type_string() }}) as responded_at_raw,
        {{ cx_metrics.parse_timestamp('responded_at', kinds['responded_at']) }} as responded_at,
        {{ cx_metrics.clean_text('comment') }} as comment,
        {{ cx_metrics.clean_text('ticket_id') }} as ticket_id,
        {{ loaded_at }} as loaded_at,
        {{- cx_metrics.cx_optional_columns('survey_responses', 'values', kinds) }}
        {{ cx_metrics.raw_record(cx_metrics.cx_input_columns('survey_responses')) }} as raw_record,
        {{ cx_metrics.row_fingerprint(cx_metrics.cx_input_columns('survey_responses')) }} as row_fingerprint
    from source

),

scored as (

    select
        cleaned.*,
        coalesce(cleaned.score_number, score_labels.score) as score
    from cleaned
    left join score_labels
        on cleaned.score_number is null
        and cleaned.survey_type = score_labels.survey_type
        and score_labels.label = {{ cx_metrics.clean_code('cleaned.score_text') }}

),

checked as (

    select
        *,
        case
            when response_id is null then 'missing key'
            when survey_type is null or survey_type not in ('nps', 'csat', 'ces')
                then 'unknown survey type'
            when score_text is null then 'missing score'
            when score is null then 'unparseable score'
            when survey_type = 'nps' and score <> floor(score) then 'NPS score not an integer'
            when survey_type = 'nps' and (score < 0 or score > 10) then 'score outside scale'
            when survey_type = 'csat' and (score < {{ csat.min }} or score > {{ csat.max }})
                then 'score outside scale'
            when survey_type = 'ces' and (score < {{ ces.min }} or score > {{ ces.max }})
                then 'score outside scale'
            when responded_at_text is null then 'missing timestamp'
            when responded_at is null then 'unparseable timestamp'
            when {{ cx_metrics.timestamp_out_of_range('responded_at') }} then 'timestamp out of range'
            {%- if loads %}
            {#- Never read by an incremental run, so never counted: rejected in every build. #}
            when loaded_at is null then 'missing load time'
            {%- endif %}
            {{- cx_metrics.cx_optional_columns('survey_responses', 'checks') }}
        end as row_rejection_reason
    from scored

),

final as (

    select
        response_id,
        customer_id,
        survey_type,
        program,
        touchpoint,
        channel,
        score,
        responded_at,
        responded_at_raw,
        comment,
        ticket_id,
        {{- cx_metrics.cx_optional_columns('survey_responses', 'select') }}
        loaded_at,
        raw_record,
        row_rejection_reason,
        row_fingerprint
    from checked

)

select * from final
