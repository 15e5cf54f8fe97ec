{#-
    The topics of each accepted survey comment (topic_mentions over the taxonomy named by var
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

mentions as (

    {{ cx_metrics.topic_mentions('tokens', 'taxonomy') }}

),

{# The VADER score of each sentence that mentions a topic, from that sentence's words alone. #}
mentioned_sentences as (

    select distinct text_id, sentence_no from mentions

),

mentioned_words as (

    select tokens.*
    from tokens
    inner join mentioned_sentences as mentioned
        on tokens.text_id = mentioned.text_id
        and tokens.sentence_no = mentioned.sentence_no

),

sentences as (

    {{ cx_metrics.vader_scores('mentioned_words', ['text_id', 'sentence_no']) }}

),

topic_sentences as (

    select
        text_id,
        topic,
        parent_topic,
        sentence_no,
        count(*) as mentions
    from mentions
    group by text_id, topic, parent_topic, sentence_no

),

by_topic as (

    select
        topic_sentences.text_id,
        topic_sentences.topic,
        topic_sentences.parent_topic,
        sum(topic_sentences.mentions) as mentions,
        avg(sentences.sentiment_score) as topic_sentiment
    from topic_sentences
    inner join sentences
        on topic_sentences.text_id = sentences.text_id
        and topic_sentences.sentence_no = sentences.sentence_no
    group by topic_sentences.text_id, topic_sentences.topic, topic_sentences.parent_topic

),

final as (

    select
        responses.response_id,
        by_topic.topic,
        by_topic.parent_topic,
        by_topic.mentions,
        by_topic.topic_sentiment,
        responses.customer_id,
        responses.survey_type,
        responses.program,
        responses.touchpoint,
        responses.channel,
        responses.segment,
        responses.responded_at,
        responses.score,
        responses.nps_category,
        responses.sentiment_score
    from by_topic
    inner join responses
        on by_topic.text_id = responses.response_id

)

select * from final
