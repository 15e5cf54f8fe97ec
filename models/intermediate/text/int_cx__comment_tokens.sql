{#- The words of every accepted survey comment (text_tokens): read by sentiment and topics. -#}
{{ config(materialized='table', enabled=var('cx_using_comments')) }}

with responses as (

    select response_id, comment from {{ ref('cx_metrics', 'cx__survey_responses') }}
    where comment is not null

),

tokens as (

    {{ cx_metrics.text_tokens('responses', 'response_id', 'comment') }}

)

select * from tokens
