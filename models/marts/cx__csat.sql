{#- CSAT (top-2-box share) per period and dimension value, with its Wilson interval. -#}
{{ config(**cx_metrics.survey_metric_config()) }}
{%- set since = cx_metrics.survey_metrics_since(ref('cx_metrics', 'cx__survey_responses')) if is_incremental() else none %}

with responses as (

    select * from {{ ref('cx_metrics', 'cx__survey_responses') }}
    where survey_type = 'csat'

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
            'satisfied_responses': cx_metrics.count_where('is_satisfied'),
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
        satisfied_responses,
        {{ cx_metrics.ratio_pct('satisfied_responses', 'responses') }} as csat_pct,
        {{ cx_metrics.safe_divide('score_sum', 'responses') }} as avg_score,
        score_sum,
        {{ cx_metrics.wilson_interval('satisfied_responses', 'responses', 'lower') }} as csat_ci_lower,
        {{ cx_metrics.wilson_interval('satisfied_responses', 'responses', 'upper') }} as csat_ci_upper,
        {{ cx_metrics.loaded_through(ref('cx_metrics', 'cx__survey_responses')) }} as loaded_through
    from counted

)

select * from final
