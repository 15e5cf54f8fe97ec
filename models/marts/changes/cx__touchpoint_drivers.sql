{#-
    Which touchpoints drive NPS, CSAT and CES in each period: each touchpoint against the whole
    period, with a z-test of the touchpoint against the rest of the period, the share of the
    period's detractors it holds, and a rank of what to act on first (docs: cx_touchpoint_drivers).
-#}
{%- set min_responses = var('cx_min_responses_for_significance') -%}
{%- set alpha = var('cx_significance_alpha') -%}

with nps as (

    select * from {{ ref('cx_metrics', 'cx__nps') }}

),

csat as (

    select * from {{ ref('cx_metrics', 'cx__csat') }}

),

ces as (

    select * from {{ ref('cx_metrics', 'cx__ces') }}

),

nps_touchpoints as (

    select
        touchpoint.period_grain,
        touchpoint.period_start,
        touchpoint.dimension_value as touchpoint,
        touchpoint.responses as nps_responses,
        touchpoint.promoters,
        touchpoint.detractors,
        touchpoint.nps,
        overall.nps as overall_nps,
        overall.responses - touchpoint.responses as rest_nps_responses,
        overall.promoters - touchpoint.promoters as rest_promoters,
        overall.detractors - touchpoint.detractors as rest_detractors,
        overall.detractors as overall_detractors
    from nps as touchpoint
    inner join nps as overall
        on touchpoint.period_grain = overall.period_grain
        and touchpoint.period_start = overall.period_start
        and overall.dimension = 'all'
    where touchpoint.dimension = 'touchpoint'

),

csat_touchpoints as (

    select
        touchpoint.period_grain,
        touchpoint.period_start,
        touchpoint.dimension_value as touchpoint,
        touchpoint.responses as csat_responses,
        touchpoint.satisfied_responses,
        touchpoint.csat_pct,
        overall.csat_pct as overall_csat_pct,
        overall.responses - touchpoint.responses as rest_csat_responses,
        overall.satisfied_responses - touchpoint.satisfied_responses as rest_satisfied_responses
    from csat as touchpoint
    inner join csat as overall
        on touchpoint.period_grain = overall.period_grain
        and touchpoint.period_start = overall.period_start
        and overall.dimension = 'all'
    where touchpoint.dimension = 'touchpoint'

),

ces_touchpoints as (

    select
        touchpoint.period_grain,
        touchpoint.period_start,
        touchpoint.dimension_value as touchpoint,
        touchpoint.responses as ces_responses,
        touchpoint.easy_responses,
        touchpoint.ces_easy_pct,
        overall.ces_easy_pct as overall_ces_easy_pct,
        overall.responses - touchpoint.responses as rest_ces_responses,
        overall.easy_responses - touchpoint.easy_responses as rest_easy_responses
    from ces as touchpoint
    inner join ces as overall
        on touchpoint.period_grain = overall.period_grain
        and touchpoint.period_start = overall.period_start
        and overall.dimension = 'all'
    where touchpoint.dimension = 'touchpoint'

),

touchpoints as (

    select period_grain, period_start, touchpoint from nps_touchpoints
    {{ cx_metrics._cx_union_distinct() }}
    select period_grain, period_start, touchpoint from csat_touchpoints
    {{ cx_metrics._cx_union_distinct() }}
    select period_grain, period_start, touchpoint from ces_touchpoints

),

joined as (

    select
        touchpoints.period_grain,
        touchpoints.period_start,
        touchpoints.touchpoint,
        nps_touchpoints.nps_responses,
        nps_touchpoints.promoters,
        nps_touchpoints.detractors,
        nps_touchpoints.nps,
        nps_touchpoints.overall_nps,
        nps_touchpoints.nps - nps_touchpoints.overall_nps as nps_gap,
        nps_touchpoints.overall_detractors,
        case
            when nps_touchpoints.nps_responses >= {{ min_responses }}
                and nps_touchpoints.rest_nps_responses >= {{ min_responses }}
                then {{ cx_metrics.z_test_nps_difference(
                    'nps_touchpoints.promoters', 'nps_touchpoints.detractors', 'nps_touchpoints.nps_responses',
                    'nps_touchpoints.rest_promoters', 'nps_touchpoints.rest_detractors',
                    'nps_touchpoints.rest_nps_responses') }}
        end as nps_gap_z_score,
        csat_touchpoints.csat_responses,
        csat_touchpoints.satisfied_responses,
        csat_touchpoints.csat_pct,
        csat_touchpoints.overall_csat_pct,
        csat_touchpoints.csat_pct - csat_touchpoints.overall_csat_pct as csat_gap,
        case
            when csat_touchpoints.csat_responses >= {{ min_responses }}
                and csat_touchpoints.rest_csat_responses >= {{ min_responses }}
                then {{ cx_metrics.z_test_two_proportions(
                    'csat_touchpoints.satisfied_responses', 'csat_touchpoints.csat_responses',
                    'csat_touchpoints.rest_satisfied_responses', 'csat_touchpoints.rest_csat_responses') }}
        end as csat_gap_z_score,
        ces_touchpoints.ces_responses,
        ces_touchpoints.easy_responses,
        ces_touchpoints.ces_easy_pct,
        ces_touchpoints.overall_ces_easy_pct,
        ces_touchpoints.ces_easy_pct - ces_touchpoints.overall_ces_easy_pct as ces_gap,
        case
            when ces_touchpoints.ces_responses >= {{ min_responses }}
                and ces_touchpoints.rest_ces_responses >= {{ min_responses }}
                then {{ cx_metrics.z_test_two_proportions(
                    'ces_touchpoints.easy_responses', 'ces_touchpoints.ces_responses',
                    'ces_touchpoints.rest_easy_responses', 'ces_touchpoints.rest_ces_responses') }}
        end as ces_gap_z_score
    from touchpoints
    left join nps_touchpoints
        on touchpoints.period_grain = nps_touchpoints.period_grain
        and touchpoints.period_start = nps_touchpoints.period_start
        and touchpoints.touchpoint = nps_touchpoints.touchpoint
    left join csat_touchpoints
        on touchpoints.period_grain = csat_touchpoints.period_grain
        and touchpoints.period_start = csat_touchpoints.period_start
        and touchpoints.touchpoint = csat_touchpoints.touchpoint
    left join ces_touchpoints
        on touchpoints.period_grain = ces_touchpoints.period_grain
        and touchpoints.period_start = ces_touchpoints.period_start
        and touchpoints.touchpoint = ces_touchpoints.touchpoint

),

with_p_values as (

    select
        *,
        {{ cx_metrics.two_sided_p_value('nps_gap_z_score') }} as nps_gap_p_value,
        {{ cx_metrics.two_sided_p_value('csat_gap_z_score') }} as csat_gap_p_value,
        {{ cx_metrics.two_sided_p_value('ces_gap_z_score') }} as ces_gap_p_value
    from joined

),

flagged as (

    select
        *,
        nps_gap_p_value < {{ alpha }} as nps_gap_is_significant,
        csat_gap_p_value < {{ alpha }} as csat_gap_is_significant,
        ces_gap_p_value < {{ alpha }} as ces_gap_is_significant,
        {{ cx_metrics.ratio_pct('detractors', 'overall_detractors') }} as detractor_share_pct
    from with_p_values

),

ranked as (

    select
        *,
        row_number() over (
            partition by period_grain, period_start
            order by
                case when nps_gap_p_value < {{ alpha }} and nps_gap < 0 then 0 else 1 end,
                case when nps_gap is null then 1 else 0 end,
                nps_gap,
                touchpoint
        ) as driver_rank
    from flagged

),

final as (

    select
        period_grain,
        period_start,
        touchpoint,
        driver_rank,
        nps_responses,
        promoters,
        detractors,
        nps,
        overall_nps,
        nps_gap,
        nps_gap_z_score,
        nps_gap_p_value,
        nps_gap_is_significant,
        detractor_share_pct,
        csat_responses,
        satisfied_responses,
        csat_pct,
        overall_csat_pct,
        csat_gap,
        csat_gap_z_score,
        csat_gap_p_value,
        csat_gap_is_significant,
        ces_responses,
        easy_responses,
        ces_easy_pct,
        overall_ces_easy_pct,
        ces_gap,
        ces_gap_z_score,
        ces_gap_p_value,
        ces_gap_is_significant
    from ranked

)

select * from final
