{#-
    Customer flows per period [ps, pe) and dimension value, over a relation of spells: one row per
    time a customer was a customer, with started_at and churned_at (null while it lasts) and the
    dimension columns. A row for every period of the spine (a select of period_grain,
    period_start) and every dimension value seen:
      customers_at_start  started_at < ps and (churned_at is null or churned_at >= ps)
      new_customers       ps <= started_at < pe
      churned_customers   started_at < ps and ps <= churned_at < pe
      customers_at_end    started_at < pe and (churned_at is null or churned_at >= pe)
    start_measures: more counts of the spells started in the period, name -> condition on the
    relation's columns (listed in columns). Computed from start and churn events and running
    sums, so the cost grows with spells + periods, not spells x periods. A select (with CTEs of
    its own) to wrap in a CTE.
-#}
{% macro customer_flows(relation, dimensions, spine, start_measures={}, columns=[]) -%}
    {{ return(adapter.dispatch('customer_flows', 'cx_metrics')(relation, dimensions, spine, start_measures, columns)) }}
{%- endmacro %}

{% macro default__customer_flows(relation, dimensions, spine, start_measures={}, columns=[]) -%}
{%- set carried = dimensions + columns -%}
{%- set measures = {
    'new_customers': cx_metrics.count_where('is_start = 1'),
    'churn_events': cx_metrics.count_where('is_churn = 1'),
    'churned_customers': cx_metrics.count_where('is_churn = 1 and started_at < {period_start}'),
} -%}
{%- for name, condition in start_measures.items() -%}
    {%- do measures.update({name: cx_metrics.count_where('is_start = 1 and ' ~ condition)}) -%}
{%- endfor -%}
with cx_flow_events as (

    {#- One start event per spell and one churn event per ended spell. -#}
    select
        {{ carried | join(', ') ~ ',' if carried }}
        started_at,
        started_at as event_at,
        1 as is_start,
        0 as is_churn
    from {{ relation }}

    union all

    select
        {{ carried | join(', ') ~ ',' if carried }}
        started_at,
        churned_at as event_at,
        0 as is_start,
        1 as is_churn
    from {{ relation }}
    where churned_at is not null

),

cx_flow_counts as (

    {{ cx_metrics.aggregate_by_period(
        relation='cx_flow_events',
        event_time='event_at',
        dimensions=dimensions,
        measures=measures
    ) }}

),

cx_flow_spine as (

    {{ spine }}

),

cx_flow_dimension_values as (

    select distinct period_grain, dimension, dimension_value
    from cx_flow_counts

),

cx_flow_grid as (

    select
        cx_flow_spine.period_grain,
        cx_flow_spine.period_start,
        cx_flow_dimension_values.dimension,
        cx_flow_dimension_values.dimension_value
    from cx_flow_spine
    inner join cx_flow_dimension_values
        on cx_flow_spine.period_grain = cx_flow_dimension_values.period_grain

),

cx_flow_filled as (

    select
        cx_flow_grid.period_grain,
        cx_flow_grid.period_start,
        cx_flow_grid.dimension,
        cx_flow_grid.dimension_value,
        {%- for name in measures %}
        coalesce(cx_flow_counts.{{ name }}, 0) as {{ name }}{{ ',' if not loop.last }}
        {%- endfor %}
    from cx_flow_grid
    left join cx_flow_counts
        on cx_flow_grid.period_grain = cx_flow_counts.period_grain
        and cx_flow_grid.period_start = cx_flow_counts.period_start
        and cx_flow_grid.dimension = cx_flow_counts.dimension
        and cx_flow_grid.dimension_value = cx_flow_counts.dimension_value

)

{#- Customers at a boundary = starts before it - churns before it. -#}
select
    *,
    cast(coalesce(sum(new_customers - churn_events) over (
        partition by period_grain, dimension, dimension_value
        order by period_start
        rows between unbounded preceding and 1 preceding
    ), 0) as {{ dbt.type_bigint() }}) as customers_at_start,
    cast(sum(new_customers - churn_events) over (
        partition by period_grain, dimension, dimension_value
        order by period_start
        rows between unbounded preceding and current row
    ) as {{ dbt.type_bigint() }}) as customers_at_end
from cx_flow_filled
{%- endmacro %}
