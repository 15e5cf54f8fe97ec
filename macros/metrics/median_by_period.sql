{#-
    The exact median (percentile_cont 0.5) of a value per row of the metric grain
    (period_grain, period_start, dimension, dimension_value), as aggregate_by_period groups
    them: one row per group with at least one non-null value, the median in column `median`.
    Ranked by sorting rather than by a median aggregate, whose states hold every value in
    memory at once: a mart with a dozen groupings of 28M tickets ran out of a 3 GB DuckDB limit
    that way, while sorts spill to disk (docs/benchmarks.md). The median is the middle value, or the
    mean of the two middle values: the ranks r with n <= 2r <= n + 2 among n values.
-#}
{% macro median_by_period(relation, event_time, value, dimensions=[], grains=none) -%}
    {{ return(adapter.dispatch('median_by_period', 'cx_metrics')(relation, event_time, value, dimensions, grains)) }}
{%- endmacro %}

{% macro default__median_by_period(relation, event_time, value, dimensions=[], grains=none) -%}
    {%- for grain, dimension, dimension_value in cx_metrics.grain_branches(dimensions, grains) %}
    {{ 'union all' if not loop.first }}
    select
        '{{ grain }}' as period_grain,
        period_start,
        '{{ dimension }}' as dimension,
        dimension_value,
        avg(cx_value) as median
    from (
        select
            period_start,
            dimension_value,
            cx_value,
            row_number() over (partition by period_start, dimension_value order by cx_value) as cx_rank,
            count(*) over (partition by period_start, dimension_value) as cx_values
        from (
            select
                {{ cx_metrics.period_start_of(grain, event_time) }} as period_start,
                {{ dimension_value }} as dimension_value,
                {{ value }} as cx_value
            from {{ relation }}
            where {{ value }} is not null
        ) as cx_values_by_group
    ) as cx_ranked
    where 2 * cx_rank between cx_values and cx_values + 2
    group by period_start, dimension_value
    {%- endfor -%}
{%- endmacro %}
