{#-
    One row per accepted review with a text: its VADER sentiment and label (text_sentiments
    over text_tokens), as cx__comment_sentiment scores survey comments.
-#}
{{ config(enabled=var('cx_using_reviews')) }}

with reviews as (

    select * from {{ ref('cx_metrics', 'int_cx__reviews_accepted') }}
    where text is not null

),

sentiments as (

    {{ cx_metrics.text_sentiments('reviews', ref('cx_metrics', 'int_cx__review_tokens'), 'review_id') }}

),

final as (

    select
        reviews.review_id,
        {%- for column in cx_metrics._cx_review_columns() %}
        reviews.{{ column }},
        {%- endfor %}
        {%- for column in cx_metrics._cx_sentiment_columns() %}
        sentiments.{{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from reviews
    inner join sentiments
        on reviews.review_id = sentiments.text_id

)

select * from final
