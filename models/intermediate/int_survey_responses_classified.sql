{#-
    Accepted survey answers with the customer's segment and the classification of each score:
    NPS category, CSAT satisfied (top-2-box) and CES easy.
-#}
{%- set ces_higher_is_easier = var('cx_ces_higher_is_easier', true) -%}

with responses as (

    select * from {{ ref('stg_cx__survey_responses') }}
    where rejection_reason is null

),

customers as (

    select customer_id, segment from {{ ref('int_customers_accepted') }}

),

classified as (

    select
        responses.response_id,
        responses.customer_id,
        responses.survey_type,
        responses.program,
        responses.touchpoint,
        responses.channel,
        coalesce(customers.segment, 'unknown') as segment,
        responses.responded_at,
        responses.score,
        case
            when responses.survey_type = 'nps' then {{ cx_metrics.nps_category('responses.score') }}
        end as nps_category,
        case
            when responses.survey_type = 'csat'
                then {{ cx_metrics.meets_threshold('responses.score', var('cx_csat_satisfied_min', 4)) }}
        end as is_satisfied,
        case
            when responses.survey_type = 'ces'
                then {{ cx_metrics.meets_threshold('responses.score', var('cx_ces_easy_threshold', 5), ces_higher_is_easier) }}
        end as is_easy,
        responses.comment,
        responses.ticket_id
    from responses
    left join customers
        on responses.customer_id = customers.customer_id

)

select * from classified
