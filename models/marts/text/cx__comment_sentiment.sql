{#-
    One row per accepted survey answer with a comment: its VADER sentiment (vader_scores over
    text_tokens) and label, beside the answer's score and dimensions.
-#}
{{ config(enabled=var('cx_using_comments')) }}

with responses as (

    select * from {{ ref('cx_metrics', 'cx__survey_responses') }}
    where comment is not null

),

scores as (

    {{ cx_metrics.vader_scores(ref('cx_metrics', 'int_cx__comment_tokens')) }}

),

truncated as (

    select distinct text_id from {{ ref('cx_metrics', 'int_cx__comment_tokens') }}
    where is_truncated

),

joined as (

    select
        responses.response_id,
        responses.customer_id,
        responses.survey_type,
        responses.program,
        responses.touchpoint,
        responses.channel,
        responses.segment,
        responses.responded_at,
        responses.score,
        responses.nps_category,
        coalesce(scores.words, 0) as words,
        coalesce(scores.sentiment_score, 0) as sentiment_score,
        coalesce(scores.positive_share, 0) as positive_share,
        coalesce(scores.neutral_share, 0) as neutral_share,
        coalesce(scores.negative_share, 0) as negative_share,
        truncated.text_id is not null as is_truncated,
        responses.loaded_at
    from responses
    left join scores
        on responses.response_id = scores.text_id
    left join truncated
        on responses.response_id = truncated.text_id

),

final as (

    select
        response_id,
        customer_id,
        survey_type,
        program,
        touchpoint,
        channel,
        segment,
        responded_at,
        score,
        nps_category,
        words,
        sentiment_score,
        {{ cx_metrics.sentiment_label('sentiment_score', 'positive_share', 'negative_share') }} as sentiment_label,
        positive_share,
        neutral_share,
        negative_share,
        is_truncated,
        loaded_at
    from joined

)

select * from final
