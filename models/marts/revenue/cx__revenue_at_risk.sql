{{ config(enabled=var('cx_using_customers')) }}
{#-
    Revenue at risk per period and dimension value (doc revenue_at_risk), over the customers at
    the start of each period of cx__revenue_by_nps, with their NPS category as of the start:
      revenue_weighted_nps      100 * (promoter revenue - detractor revenue) / revenue of customers
                                with an answer (null when none)
      detractor_revenue         revenue of the detractors
      overdue_followup_revenue  revenue of the other customers with a close-the-loop item overdue
                                at the period's end (at the as-of time for a period that ends
                                after it); null when cx_using_feedback_followups is false
      revenue_at_risk           detractor_revenue + overdue_followup_revenue (the first alone
                                without the follow-ups input)
    The sums by category are cx__revenue_by_nps's. The overdue revenue comes from spells too:
    each customer's overdue items merged into the stretches in which at least one is overdue,
    intersected with their non-detractor category spells, as changes and running sums.
-#}
{#- Segment rows where cx__customer_churn has them (cx_customer_dimensions includes segment). -#}
{%- set by_segment = 'segment' in var('cx_customer_dimensions') -%}
{%- set as_of = cx_metrics.as_of_timestamp() -%}
{%- set using_followups = cx_metrics.cx_using('feedback_followups') -%}
{%- set revenue = 'cast(coalesce(monthly_revenue, 0) as ' ~ cx_metrics.type_exact_sum() ~ ')' -%}

with by_category as (

    select * from {{ ref('cx_metrics', 'cx__revenue_by_nps') }}

),
{%- if using_followups %}

customers as (

    select * from {{ ref('cx_metrics', 'int_cx__customers_accepted') }}

),

responses as (

    select * from {{ ref('cx_metrics', 'cx__survey_responses') }}

),

followups as (

    select * from {{ ref('cx_metrics', 'cx__feedback_followups') }}

),

overdue_items as {{ cx_metrics.materialized_cte() }} (

    {#- An item is overdue at time t when follow_up_due_at < t <= followed_up_at (or never
        followed up); one followed up by its deadline never is. -#}
    select
        customer_id,
        follow_up_due_at as overdue_after,
        followed_up_at as overdue_until
    from followups
    where customer_id is not null
        and (followed_up_at is null or followed_up_at > follow_up_due_at)

),

overdue_customers as (

    {#- Only customers with an overdue item can add overdue revenue: the others' spells are
        left out before they are expanded to periods (most customers, at scale). -#}
    select * from customers
    where customer_id in (select overdue_items.customer_id from overdue_items)

),

overdue_customers_answers as (

    select * from responses
    where customer_id in (select overdue_items.customer_id from overdue_items)

),

spells as {{ cx_metrics.materialized_cte() }} (

    {#- Their non-detractor spells: those in which their overdue items count. -#}
    select *
    from ({{ cx_metrics.nps_category_spells('overdue_customers', 'overdue_customers_answers') }}) as all_spells
    where nps_category <> 'detractor'

),

bounds as (

    select
        min(started_at) as first_event_at,
        max(case when churned_at > started_at then churned_at else started_at end) as last_event_at
    from customers

),

overdue_ordered as (

    select
        *,
        max(overdue_until) over (
            partition by customer_id order by overdue_after, overdue_until
            rows between unbounded preceding and 1 preceding
        ) as earlier_until,
        sum(case when overdue_until is null then 1 else 0 end) over (
            partition by customer_id order by overdue_after, overdue_until
            rows between unbounded preceding and 1 preceding
        ) as earlier_open
    from overdue_items

),

overdue_numbered as (

    {#- A new stretch begins where no earlier item is still overdue. -#}
    select
        *,
        sum(case
            when coalesce(earlier_open, 0) > 0 then 0
            when earlier_until is null or overdue_after > earlier_until then 1
            else 0
        end) over (
            partition by customer_id order by overdue_after, overdue_until
            rows between unbounded preceding and current row
        ) as stretch_number
    from overdue_ordered

),

overdue_stretches as {{ cx_metrics.materialized_cte() }} (

    select
        customer_id,
        min(overdue_after) as overdue_after,
        case when max(case when overdue_until is null then 1 else 0 end) = 0
            then max(overdue_until) end as overdue_until
    from overdue_numbered
    group by customer_id, stretch_number

),

overdue_at_as_of as (

    select distinct customer_id
    from overdue_stretches
    where overdue_after < {{ as_of }}
        and (overdue_until is null or overdue_until >= {{ as_of }})

),

spell_periods as (

    {#- Per grain, the period starts a spell is at: from first_period to before end_period
        (null: on and on). -#}
    {%- for grain in cx_metrics.period_grains() %}
    {{ 'union all' if not loop.first }}
    select
        '{{ grain }}' as period_grain,
        customer_id,
        segment,
        {{ revenue }} as revenue,
        {{ cx_metrics.period_start_of(grain, 'held_after', after=true) }} as first_period,
        {{ cx_metrics.period_start_of(grain, 'held_until', after=true) }} as end_period
    from spells
    {%- endfor %}

),

stretch_periods as (

    {#- Before the as-of time, overdue is judged at the period's end pe: a stretch (a, b] holds
        pe for the period starts from period_start_of(a) to before period_start_of(b). -#}
    {%- for grain in cx_metrics.period_grains() %}
    {{ 'union all' if not loop.first }}
    select
        '{{ grain }}' as period_grain,
        customer_id,
        {{ cx_metrics.period_start_of(grain, 'overdue_after') }} as first_period,
        {{ cx_metrics.period_start_of(grain, 'overdue_until') }} as end_period
    from overdue_stretches
    {%- endfor %}

),

overdue_spells as (

    {#- A non-detractor spell's periods in which one of its customer's items is overdue. -#}
    select *
    from (
        select
            spell_periods.period_grain,
            spell_periods.segment,
            spell_periods.revenue,
            case
                when spell_periods.first_period > stretch_periods.first_period
                    then spell_periods.first_period
                else stretch_periods.first_period
            end as first_period,
            case
                when spell_periods.end_period is null then stretch_periods.end_period
                when stretch_periods.end_period is null
                    or spell_periods.end_period < stretch_periods.end_period
                    then spell_periods.end_period
                else stretch_periods.end_period
            end as end_period
        from spell_periods
        inner join stretch_periods
            on spell_periods.period_grain = stretch_periods.period_grain
            and spell_periods.customer_id = stretch_periods.customer_id
    ) as intersected
    where end_period is null
        or first_period < end_period

),

as_of_spells as (

    {#- From the as-of time on, overdue is judged at the as-of time. -#}
    select spell_periods.*
    from spell_periods
    inner join overdue_at_as_of
        on spell_periods.customer_id = overdue_at_as_of.customer_id

),

changes_by_segment as (

    select period_grain, first_period as period_start, segment,
        revenue as overdue_by_period_end, 0 * revenue as overdue_at_as_of
    from overdue_spells
    union all
    select period_grain, end_period, segment, -revenue as overdue_by_period_end, 0 * revenue as overdue_at_as_of
    from overdue_spells
    where end_period is not null
    union all
    select period_grain, first_period, segment, 0 * revenue as overdue_by_period_end, revenue as overdue_at_as_of
    from as_of_spells
    union all
    select period_grain, end_period, segment, 0 * revenue as overdue_by_period_end, -revenue as overdue_at_as_of
    from as_of_spells
    where end_period is not null

),

changes as (

    select
        period_grain, period_start, 'all' as dimension, 'all' as dimension_value,
        overdue_by_period_end, overdue_at_as_of
    from changes_by_segment
    {%- if by_segment %}

    union all

    select
        period_grain, period_start, 'segment' as dimension,
        cast(segment as {{ dbt.type_string() }}) as dimension_value,
        overdue_by_period_end, overdue_at_as_of
    from changes_by_segment
    {%- endif %}

),

overdue_levels as (

    {{ cx_metrics.running_totals(
        changes='changes',
        spine=cx_metrics.period_spine('bounds', 'first_event_at', 'last_event_at'),
        keys=['dimension', 'dimension_value'],
        cumulative=['overdue_by_period_end', 'overdue_at_as_of']
    ) }}

),

overdue as (

    select
        period_grain,
        period_start,
        dimension,
        dimension_value,
        cast(case
            when {{ cx_metrics.period_end() }} < {{ as_of }} then overdue_by_period_end
            else overdue_at_as_of
        end as {{ cx_metrics.type_double() }}) as overdue_followup_revenue
    from overdue_levels

),
{%- endif %}

aggregated as (

    select
        period_grain,
        period_start,
        dimension,
        dimension_value,
        cast(sum(customers_at_start) as {{ dbt.type_bigint() }}) as customers_at_start,
        sum(monthly_revenue_at_start) as monthly_revenue_at_start,
        sum(case when nps_category_as_of_start = 'promoter' then monthly_revenue_at_start else 0 end)
            as promoter_revenue,
        sum(case when nps_category_as_of_start = 'detractor' then monthly_revenue_at_start else 0 end)
            as detractor_revenue,
        sum(case when nps_category_as_of_start <> 'no answer' then monthly_revenue_at_start else 0 end)
            as answered_revenue
    from by_category
    group by period_grain, period_start, dimension, dimension_value

),

final as (

    select
        aggregated.period_grain,
        aggregated.period_start,
        aggregated.dimension,
        aggregated.dimension_value,
        aggregated.customers_at_start,
        aggregated.monthly_revenue_at_start,
        aggregated.answered_revenue,
        aggregated.promoter_revenue,
        {{ cx_metrics.ratio_pct('aggregated.promoter_revenue - aggregated.detractor_revenue', 'aggregated.answered_revenue') }}
            as revenue_weighted_nps,
        aggregated.detractor_revenue,
        {%- if using_followups %}
        coalesce(overdue.overdue_followup_revenue, 0) as overdue_followup_revenue,
        aggregated.detractor_revenue + coalesce(overdue.overdue_followup_revenue, 0) as revenue_at_risk
        {%- else %}
        cast(null as {{ cx_metrics.type_double() }}) as overdue_followup_revenue,
        aggregated.detractor_revenue as revenue_at_risk
        {%- endif %}
    from aggregated
    {%- if using_followups %}
    left join overdue
        on aggregated.period_grain = overdue.period_grain
        and aggregated.period_start = overdue.period_start
        and aggregated.dimension = overdue.dimension
        and aggregated.dimension_value = overdue.dimension_value
    {%- endif %}

)

select * from final
