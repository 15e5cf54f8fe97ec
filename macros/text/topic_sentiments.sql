{#-
    The topics of each text and their sentiment: one row per (text_id, topic) with
    parent_topic, mentions (the text's words that match the topic: topic_mentions) and
    topic_sentiment, the mean VADER score of the text's sentences that mention the topic, each
    scored from its own words. tokens: rows of text_tokens; taxonomy: (topic, parent_topic,
    match_rule). Only the sentences that mention a topic are scored.
-#}
{% macro topic_sentiments(tokens, taxonomy) -%}
    {{ return(adapter.dispatch('topic_sentiments', 'cx_metrics')(tokens, taxonomy)) }}
{%- endmacro %}

{% macro default__topic_sentiments(tokens, taxonomy) -%}
    with cx_mentions as (

        {{ cx_metrics.topic_mentions(tokens, taxonomy) }}

    ),

    cx_mentioned_sentences as (

        select distinct text_id, sentence_no from cx_mentions

    ),

    cx_mentioned_words as (

        select cx_tokens.*
        from {{ tokens }} as cx_tokens
        inner join cx_mentioned_sentences
            on cx_tokens.text_id = cx_mentioned_sentences.text_id
            and cx_tokens.sentence_no = cx_mentioned_sentences.sentence_no

    ),

    cx_sentences as (

        {{ cx_metrics.vader_scores('cx_mentioned_words', ['text_id', 'sentence_no']) }}

    ),

    cx_topic_sentences as (

        select
            text_id,
            topic,
            parent_topic,
            sentence_no,
            count(*) as mentions
        from cx_mentions
        group by text_id, topic, parent_topic, sentence_no

    )

    select
        cx_topic_sentences.text_id,
        cx_topic_sentences.topic,
        cx_topic_sentences.parent_topic,
        sum(cx_topic_sentences.mentions) as mentions,
        avg(cx_sentences.sentiment_score) as topic_sentiment
    from cx_topic_sentences
    inner join cx_sentences
        on cx_topic_sentences.text_id = cx_sentences.text_id
        and cx_topic_sentences.sentence_no = cx_sentences.sentence_no
    group by cx_topic_sentences.text_id, cx_topic_sentences.topic, cx_topic_sentences.parent_topic
{%- endmacro %}
