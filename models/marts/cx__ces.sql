{#- CES (share of easy answers) per period and dimension value, with its Wilson interval. -#}
{{ config(**cx_metrics.survey_metric_config()) }}
{%- set since = cx_metrics.survey_metrics_since(ref('cx_metrics', 'cx__survey_responses')) if is_incremental() else none %}

with responses as (

    select * from {{ ref('cx_metrics', 'cx__survey_responses') }}
    where survey_type = 'ces'

),

counted as (

    {{ cx_metrics.aggregate_by_period(
        relation='responses',
        event_time='responded_at',
        dimensions=var('cx_survey_dimensions'),
        since=since,
        additive=true,
        measures={
            'responses': 'cast(count(*) as ' ~ dbt.type_bigint() ~ ')',
            'easy_responses': cx_metrics.count_where('is_easy'),
            'score_sum': 'sum(score)',
        }
    ) }}

),

final as (

    select
        period_grain,
        period_start,
        dimension,
        dimension_value,
        responses,
        easy_responses,
        {{ cx_metrics.ratio_pct('easy_responses', 'responses') }} as ces_easy_pct,
        {{ cx_metrics.safe_divide('score_sum', 'responses') }} as avg_score,
        score_sum,
        {{ cx_metrics.wilson_interval('easy_responses', 'responses', 'lower') }} as ces_ci_lower,
        {{ cx_metrics.wilson_interval('easy_responses', 'responses', 'upper') }} as ces_ci_upper,
        {{ cx_metrics.loaded_through(ref('cx_metrics', 'cx__survey_responses')) }} as loaded_through
    from counted

)

select * from final
