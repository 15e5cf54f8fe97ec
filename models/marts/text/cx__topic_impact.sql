{#-
    Per period, dimension value and topic: how often comments mention the topic, their mean
    sentiment, and what the topic does to NPS ({{ doc("cx_formula_nps_impact") }} in the docs):
    the NPS of the answers that mention it against the rest, its NPS impact, the z-test of the
    gap, and the rank to act on (1: the topic that costs the most NPS points).
-#}
{{ config(enabled=var('cx_using_comments')) }}
{%- set min_responses = var('cx_min_responses_for_significance') -%}
{%- set dimensions = var('cx_survey_dimensions') -%}

with responses as (

    select * from {{ ref('cx_metrics', 'cx__survey_responses') }}

),

topics as (

    select * from {{ ref('cx_metrics', 'cx__comment_topics') }}

),

{# Every answer in each branch of the metric grain: comments and NPS counts. #}
totals as (

    {{ cx_metrics.aggregate_by_period(
        relation='responses',
        event_time='responded_at',
        dimensions=dimensions,
        additive=true,
        measures={
            'comments': cx_metrics.count_where('comment is not null'),
            'nps_responses': cx_metrics.count_where("survey_type = 'nps'"),
            'promoters': cx_metrics.count_where("nps_category = 'promoter'"),
            'detractors': cx_metrics.count_where("nps_category = 'detractor'"),
        }
    ) }}

),

{# The answers that mention each topic, in the same branches. #}
mentioned as (
    {%- for grain, dimension, dimension_value in cx_metrics.grain_branches(dimensions) %}
    {{ 'union all' if not loop.first }}
    select
        '{{ grain }}' as period_grain,
        {{ cx_metrics.period_start_of(grain, 'responded_at') }} as period_start,
        '{{ dimension }}' as dimension,
        {{ dimension_value }} as dimension_value,
        topic,
        parent_topic,
        count(*) as mentions,
        sum(topic_sentiment) as topic_sentiment_sum,
        {{ cx_metrics.count_where("survey_type = 'nps'") }} as nps_responses,
        {{ cx_metrics.count_where("nps_category = 'promoter'") }} as promoters,
        {{ cx_metrics.count_where("nps_category = 'detractor'") }} as detractors
    from topics
    group by {{ cx_metrics.period_start_of(grain, 'responded_at') }}{% if dimension != 'all' %}, {{ dimension }}{% endif %}, topic, parent_topic
    {%- endfor %}

),

joined as (

    select
        mentioned.period_grain,
        mentioned.period_start,
        mentioned.dimension,
        mentioned.dimension_value,
        mentioned.topic,
        mentioned.parent_topic,
        mentioned.mentions,
        totals.comments,
        {{ cx_metrics.ratio_pct('mentioned.mentions', 'totals.comments') }} as share_of_comments_pct,
        {{ cx_metrics.safe_divide('mentioned.topic_sentiment_sum', 'mentioned.mentions') }} as avg_sentiment,
        mentioned.nps_responses as nps_responses_with_topic,
        {{ cx_metrics.nps_from_counts('mentioned.promoters', 'mentioned.detractors', 'mentioned.nps_responses') }} as nps_with_topic,
        totals.nps_responses - mentioned.nps_responses as nps_responses_without_topic,
        {{ cx_metrics.nps_from_counts('totals.promoters - mentioned.promoters', 'totals.detractors - mentioned.detractors',
                                      'totals.nps_responses - mentioned.nps_responses') }} as nps_without_topic,
        totals.nps_responses,
        {{ cx_metrics.nps_from_counts('totals.promoters', 'totals.detractors', 'totals.nps_responses') }} as nps_all,
        case
            when mentioned.nps_responses >= {{ min_responses }}
                and totals.nps_responses - mentioned.nps_responses >= {{ min_responses }}
                then {{ cx_metrics.z_test_nps_difference(
                    'mentioned.promoters', 'mentioned.detractors', 'mentioned.nps_responses',
                    'totals.promoters - mentioned.promoters', 'totals.detractors - mentioned.detractors',
                    'totals.nps_responses - mentioned.nps_responses') }}
        end as nps_gap_z_score
    from mentioned
    inner join totals
        on mentioned.period_grain = totals.period_grain
        and mentioned.period_start = totals.period_start
        and mentioned.dimension = totals.dimension
        and mentioned.dimension_value = totals.dimension_value

),

with_impact as (

    select
        *,
        case
            {#- No NPS answer mentions it: NPS without the topic is NPS. #}
            when nps_responses_with_topic = 0 and nps_responses > 0 then 0
            else {{ cx_metrics.safe_divide('nps_responses_with_topic * (nps_with_topic - nps_all)', 'nps_responses_without_topic') }}
        end as nps_impact,
        {{ cx_metrics.two_sided_p_value('nps_gap_z_score') }} as nps_gap_p_value
    from joined

),

final as (

    select
        period_grain,
        period_start,
        dimension,
        dimension_value,
        topic,
        parent_topic,
        mentions,
        comments,
        share_of_comments_pct,
        avg_sentiment,
        nps_responses_with_topic,
        nps_with_topic,
        nps_responses_without_topic,
        nps_without_topic,
        nps_responses,
        nps_all,
        nps_impact,
        nps_gap_z_score,
        nps_gap_p_value,
        coalesce(nps_gap_p_value < {{ var('cx_significance_alpha') }}, false) as is_significant,
        {#- 1: the topic that costs the most NPS points; topics without an impact come last. #}
        row_number() over (
            partition by period_grain, period_start, dimension, dimension_value
            order by case when nps_impact is null then 1 else 0 end asc, nps_impact asc, mentions desc, topic asc
        ) as impact_rank
    from with_impact

)

select * from final
