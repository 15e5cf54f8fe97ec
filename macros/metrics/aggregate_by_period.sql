{#-
    The grain every metric table shares: (period_grain, period_start, dimension, dimension_value).
    One branch per grain and dimension ('all' plus each dimension column), each grouping the
    relation by the period of event_time (date_trunc; ISO weeks start on Monday) and the
    dimension's value, and computing the given measures: a dict of name -> aggregate expression.
    A measure may refer to the start of its row's period as {period_start} (a date).
    Metric models differ only in the measures they pass.
    since ('YYYY-MM-DD', optional) keeps only the periods of each grain that end after that
    day, whole: an incremental run recomputes just the periods new rows can touch.
    additive=true (every measure a count or a sum, none using {period_start}) first sums the
    relation once by day and every dimension, and the branches then sum those few rows: one
    scan of the events instead of one per branch (grains x (1 + dimensions)). A measure cast
    to bigint stays bigint.
-#}
{% macro aggregate_by_period(relation, event_time, measures, dimensions=[], grains=none, since=none, additive=false) -%}
    {{ return(adapter.dispatch('aggregate_by_period', 'cx_metrics')(relation, event_time, measures, dimensions, grains, since, additive)) }}
{%- endmacro %}

{% macro default__aggregate_by_period(relation, event_time, measures, dimensions=[], grains=none, since=none, additive=false) -%}
    {%- set grains = grains if grains is not none else cx_metrics.period_grains() -%}
    {%- if additive -%}
    {%- set since_all = cx_metrics.earliest_period_start(since, grains) if since is not none else none %}
    {%- set bigint_suffix = ' as ' ~ dbt.type_bigint() ~ ')' %}
    {%- set rolled_measures = {} %}
    {%- for name, expression in measures.items() %}
        {%- do rolled_measures.update({name: ('cast(sum(' ~ name ~ ')' ~ bigint_suffix) if expression.endswith(bigint_suffix) else 'sum(' ~ name ~ ')'}) %}
    {%- endfor %}
    with cx_by_day as {{ cx_metrics.materialized_cte() }} (
        select
            cast({{ event_time }} as date) as cx_day,
            {%- for dimension in dimensions %}
            {{ dimension }},
            {%- endfor %}
            {%- for name, expression in measures.items() %}
            {{ expression }} as {{ name }}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ relation }}
        {%- if since_all is not none %}
        where {{ event_time }} >= {{ since_all }}
        {%- endif %}
        group by cast({{ event_time }} as date){% for dimension in dimensions %}, {{ dimension }}{% endfor %}
    )
    {{ cx_metrics.aggregate_by_period('cx_by_day', 'cx_day', rolled_measures, dimensions, grains, since) }}
    {%- else -%}
    {%- for grain, dimension, dimension_value in cx_metrics.grain_branches(dimensions, grains) %}
        {%- set period_start = cx_metrics.period_start_of(grain, event_time) %}
    {{ 'union all' if not loop.first }}
    select
        '{{ grain }}' as period_grain,
        {{ period_start }} as period_start,
        '{{ dimension }}' as dimension,
        {{ dimension_value }} as dimension_value,
        {%- for name, expression in measures.items() %}
        {{ expression | replace('{period_start}', period_start) }} as {{ name }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ relation }}
    {%- if since is not none %}
    where {{ event_time }} >= {{ cx_metrics.period_trunc(grain, "cast('" ~ since ~ "' as date)") }}
    {%- endif %}
    group by {{ period_start }}{% if dimension != 'all' %}, {{ dimension }}{% endif %}
    {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
