{#- Comment sentiment per period and dimension value: the mean VADER score and the shares of negative and positive comments. -#}
{{ config(enabled=var('cx_using_comments')) }}

with comments as (

    select * from {{ ref('cx_metrics', 'cx__comment_sentiment') }}

),

counted as (

    {{ cx_metrics.aggregate_by_period(
        relation='comments',
        event_time='responded_at',
        dimensions=['survey_type'] + var('cx_survey_dimensions'),
        additive=true,
        measures={
            'comments': 'cast(count(*) as ' ~ dbt.type_bigint() ~ ')',
            'sentiment_sum': 'sum(sentiment_score)',
            'negative_comments': cx_metrics.count_where(cx_metrics._cx_is_negative_label('sentiment_label')),
            'positive_comments': cx_metrics.count_where("sentiment_label in ('positive', 'very positive')"),
        }
    ) }}

),

final as (

    select
        period_grain,
        period_start,
        dimension,
        dimension_value,
        comments,
        {{ cx_metrics.safe_divide('sentiment_sum', 'comments') }} as avg_sentiment,
        negative_comments,
        {{ cx_metrics.ratio_pct('negative_comments', 'comments') }} as negative_comment_pct,
        positive_comments,
        {{ cx_metrics.ratio_pct('positive_comments', 'comments') }} as positive_comment_pct,
        sentiment_sum
    from counted

)

select * from final
