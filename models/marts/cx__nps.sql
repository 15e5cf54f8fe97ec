{#- NPS per period and dimension value, with its margin of error and confidence interval. -#}
{{ config(**cx_metrics.survey_metric_config()) }}
{%- set since = cx_metrics.survey_metrics_since(ref('cx_metrics', 'cx__survey_responses')) if is_incremental() else none %}

with responses as (

    select * from {{ ref('cx_metrics', 'cx__survey_responses') }}
    where survey_type = 'nps'

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
            'promoters': cx_metrics.count_where("nps_category = 'promoter'"),
            'passives': cx_metrics.count_where("nps_category = 'passive'"),
            'detractors': cx_metrics.count_where("nps_category = 'detractor'"),
        }
    ) }}

),

scored as (

    select
        *,
        {{ cx_metrics.ratio_pct('promoters', 'responses') }} as promoter_pct,
        {{ cx_metrics.ratio_pct('detractors', 'responses') }} as detractor_pct,
        {{ cx_metrics.nps_from_counts('promoters', 'detractors', 'responses') }} as nps,
        {{ cx_metrics.nps_margin_of_error('promoters', 'detractors', 'responses') }} as nps_margin_of_error
    from counted

),

final as (

    select
        *,
        greatest(-100, nps - nps_margin_of_error) as nps_ci_lower,
        least(100, nps + nps_margin_of_error) as nps_ci_upper,
        {{ cx_metrics.loaded_through(ref('cx_metrics', 'cx__survey_responses')) }} as loaded_through
    from scored

)

select * from final
