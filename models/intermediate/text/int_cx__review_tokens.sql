{#- The words of every accepted review's text (text_tokens): read by cx__review_sentiment and cx__review_topics. -#}
{{ config(materialized='table', enabled=var('cx_using_reviews')) }}

with reviews as (

    select review_id, text from {{ ref('cx_metrics', 'int_cx__reviews_accepted') }}
    where text is not null

),

tokens as (

    {{ cx_metrics.text_tokens('reviews', 'review_id', 'text') }}

)

select * from tokens
