{{ config(enabled=var('cx_using_reviews')) }}
{#- Online and social reviews per period of posted_at and source (docs/metrics.md: Reviews): their
    number, average rating and top-two-star share (4 or 5 stars), with its Wilson interval,
    and the sentiment of their texts (cx__review_sentiment). -#}

with accepted as (

    select * from {{ ref('cx_metrics', 'int_cx__reviews_accepted') }}

),

sentiments as (

    select * from {{ ref('cx_metrics', 'cx__review_sentiment') }}

),

reviews as (

    select
        accepted.*,
        sentiments.sentiment_score,
        sentiments.sentiment_label
    from accepted
    left join sentiments
        on accepted.review_id = sentiments.review_id

),

counted as (

    {{ cx_metrics.aggregate_by_period(
        relation='reviews',
        event_time='posted_at',
        dimensions=['source'],
        additive=true,
        measures={
            'reviews': 'cast(count(*) as ' ~ dbt.type_bigint() ~ ')',
            'top_two_star_reviews': cx_metrics.count_where('rating >= 4'),
            'rating_sum': 'cast(sum(rating) as ' ~ dbt.type_bigint() ~ ')',
            'reviews_with_text': cx_metrics.count_where('sentiment_score is not null'),
            'sentiment_sum': 'sum(sentiment_score)',
            'negative_reviews': cx_metrics.count_where(cx_metrics._cx_is_negative_label('sentiment_label')),
        }
    ) }}

),

final as (

    select
        period_grain,
        period_start,
        dimension,
        dimension_value,
        reviews,
        top_two_star_reviews,
        {{ cx_metrics.ratio_pct('top_two_star_reviews', 'reviews') }} as top_two_star_pct,
        {{ cx_metrics.safe_divide('rating_sum', 'reviews') }} as avg_rating,
        rating_sum,
        {{ cx_metrics.wilson_interval('top_two_star_reviews', 'reviews', 'lower') }} as top_two_star_ci_lower,
        {{ cx_metrics.wilson_interval('top_two_star_reviews', 'reviews', 'upper') }} as top_two_star_ci_upper,
        reviews_with_text,
        {{ cx_metrics.safe_divide('sentiment_sum', 'reviews_with_text') }} as avg_sentiment,
        negative_reviews,
        {{ cx_metrics.ratio_pct('negative_reviews', 'reviews_with_text') }} as negative_review_pct,
        sentiment_sum
    from counted

)

select * from final
