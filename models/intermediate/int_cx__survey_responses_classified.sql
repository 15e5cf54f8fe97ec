{#-
    Every staged survey answer with the classification of its score: NPS category, CSAT
    satisfied (top-2-box) and CES easy. Rows with their own defect are kept with it
    (row_rejection_reason), and with staging's verdict over all rows (rejection_reason):
    an incremental cx__survey_responses decides duplicates again over just the rows it builds.
-#}
{%- set ces_higher_is_easier = var('cx_ces_higher_is_easier') -%}

with responses as (

    select * from {{ ref('cx_metrics', 'stg_cx__survey_responses') }}

),

classified as (

    select
        response_id,
        customer_id,
        survey_type,
        program,
        touchpoint,
        channel,
        responded_at,
        responded_at_raw,
        score,
        case
            when survey_type = 'nps' then {{ cx_metrics.nps_category('score') }}
        end as nps_category,
        case
            when survey_type = 'csat'
                then {{ cx_metrics.meets_threshold('score', var('cx_csat_satisfied_min')) }}
        end as is_satisfied,
        case
            when survey_type = 'ces'
                then {{ cx_metrics.meets_threshold('score', var('cx_ces_easy_threshold'), ces_higher_is_easier) }}
        end as is_easy,
        comment,
        ticket_id,
        coalesce({{ cx_metrics.clean_code('feedback_source') }}, 'unknown') as feedback_source,
        loaded_at,
        row_rejection_reason,
        row_fingerprint,
        rejection_reason
    from responses

)

select * from classified
