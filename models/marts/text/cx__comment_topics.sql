{#-
    The topics of each accepted survey comment (topic_sentiments over the taxonomy named by var
    cx_topic_taxonomy_model): one row per answer and topic, with the mean VADER sentiment of
    the sentences that mention it.
-#}
{{ config(enabled=var('cx_using_comments')) }}

with tokens as (

    select * from {{ ref('cx_metrics', 'int_cx__comment_tokens') }}

),

taxonomy as (

    select * from {{ cx_metrics.node_named_by('cx_topic_taxonomy_model', 'cx_topic_taxonomy') }}

),

responses as (

    select * from {{ ref('cx_metrics', 'cx__comment_sentiment') }}

),

topics as (

    {{ cx_metrics.topic_sentiments('tokens', 'taxonomy') }}

),

final as (

    select
        responses.response_id,
        topics.topic,
        topics.parent_topic,
        topics.mentions,
        topics.topic_sentiment,
        {%- for column in cx_metrics._cx_comment_columns() %}
        responses.{{ column }},
        {%- endfor %}
        responses.sentiment_score
    from topics
    inner join responses
        on topics.text_id = responses.response_id

)

select * from final
