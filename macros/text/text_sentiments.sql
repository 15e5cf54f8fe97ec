{#-
    One row per row of texts (a relation or CTE with id_column): its VADER sentiment from the
    rows of text_tokens in tokens (text_id = the text's id). Columns: text_id, words,
    sentiment_score, sentiment_label (sentiment_label), positive_share, neutral_share,
    negative_share and is_truncated. A text without words (empty, or only spaces) scores 0,
    neutral, with 0 words: it is kept, never dropped.
-#}
{% macro text_sentiments(texts, tokens, id_column='text_id') -%}
    {{ return(adapter.dispatch('text_sentiments', 'cx_metrics')(texts, tokens, id_column)) }}
{%- endmacro %}

{% macro default__text_sentiments(texts, tokens, id_column='text_id') -%}
    with cx_scores as (

        {{ cx_metrics.vader_scores(tokens) }}

    ),

    cx_truncated as (

        select distinct text_id from {{ tokens }}
        where is_truncated

    ),

    cx_scored as (

        select
            cx_texts.{{ id_column }} as text_id,
            coalesce(cx_scores.words, 0) as words,
            coalesce(cx_scores.sentiment_score, 0) as sentiment_score,
            coalesce(cx_scores.positive_share, 0) as positive_share,
            coalesce(cx_scores.neutral_share, 0) as neutral_share,
            coalesce(cx_scores.negative_share, 0) as negative_share,
            cx_truncated.text_id is not null as is_truncated
        from {{ texts }} as cx_texts
        left join cx_scores
            on cx_texts.{{ id_column }} = cx_scores.text_id
        left join cx_truncated
            on cx_texts.{{ id_column }} = cx_truncated.text_id

    )

    select
        text_id,
        words,
        sentiment_score,
        {{ cx_metrics.sentiment_label('sentiment_score', 'positive_share', 'negative_share') }} as sentiment_label,
        positive_share,
        neutral_share,
        negative_share,
        is_truncated
    from cx_scored
{%- endmacro %}
