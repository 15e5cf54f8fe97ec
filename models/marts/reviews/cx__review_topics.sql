{#-
    The topics of each accepted review (topic_sentiments over the taxonomy named by var
    cx_topic_taxonomy_model), as cx__comment_topics for survey comments: one row per review
    and topic, with the mean VADER sentiment of the sentences that mention it.
-#}
{{ config(enabled=var('cx_using_reviews')) }}

with tokens as (

    select * from {{ ref('cx_metrics', 'int_cx__review_tokens') }}

),

taxonomy as (

    select * from {{ cx_metrics.node_named_by('cx_topic_taxonomy_model', 'cx_topic_taxonomy') }}

),

reviews as (

    select * from {{ ref('cx_metrics', 'cx__review_sentiment') }}

),

topics as (

    {{ cx_metrics.topic_sentiments('tokens', 'taxonomy') }}

),

final as (

    select
        reviews.review_id,
        topics.topic,
        topics.parent_topic,
        topics.mentions,
        topics.topic_sentiment,
        {%- for column in cx_metrics._cx_review_columns() %}
        reviews.{{ column }},
        {%- endfor %}
        reviews.sentiment_score
    from topics
    inner join reviews
        on topics.text_id = reviews.review_id

)

select * from final
