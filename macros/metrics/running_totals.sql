{#-
    Totals at every period of a spine (a select of period_grain, period_start) from a relation
    of changes (period_grain, period_start, the key columns, the measures): each cumulative
    measure summed over its key's changes up to and including the period (a level: +1 when a
    customer enters, -1 when they leave), each per_period measure summed over the period's own
    rows. One row per spine period and key value seen at its grain, zeros included. So a level
    costs events + periods x keys, never customers x periods. A select (with CTEs of its own) to
    wrap in a CTE.
-#}
{% macro running_totals(changes, spine, keys, cumulative, per_period=[]) -%}
    {{ return(adapter.dispatch('running_totals', 'cx_metrics')(changes, spine, keys, cumulative, per_period)) }}
{%- endmacro %}

{% macro default__running_totals(changes, spine, keys, cumulative, per_period=[]) -%}
{%- set keys_list = keys | join(', ') -%}
with cx_totals_changes as (

    select
        period_grain,
        period_start,
        {{ keys_list }},
        {%- for name in cumulative + per_period %}
        sum({{ name }}) as {{ name }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ changes }}
    group by period_grain, period_start, {{ keys_list }}

),

cx_totals_keys as (

    select distinct period_grain, {{ keys_list }}
    from cx_totals_changes

),

cx_totals_grid as (

    select
        cx_totals_spine.period_grain,
        cx_totals_spine.period_start,
        {%- for key in keys %}
        cx_totals_keys.{{ key }}{{ ',' if not loop.last }}
        {%- endfor %}
    from ({{ spine }}) as cx_totals_spine
    inner join cx_totals_keys
        on cx_totals_spine.period_grain = cx_totals_keys.period_grain

)

select
    cx_totals_grid.*,
    {%- for name in cumulative %}
    coalesce(sum(cx_totals_changes.{{ name }}) over (
        partition by cx_totals_grid.period_grain{% for key in keys %}, cx_totals_grid.{{ key }}{% endfor %}
        order by cx_totals_grid.period_start
        rows between unbounded preceding and current row
    ), 0) as {{ name }}{{ ',' if not loop.last or per_period }}
    {%- endfor %}
    {%- for name in per_period %}
    coalesce(cx_totals_changes.{{ name }}, 0) as {{ name }}{{ ',' if not loop.last }}
    {%- endfor %}
from cx_totals_grid
left join cx_totals_changes
    on cx_totals_grid.period_grain = cx_totals_changes.period_grain
    and cx_totals_grid.period_start = cx_totals_changes.period_start
    {%- for key in keys %}
    and cx_totals_grid.{{ key }} = cx_totals_changes.{{ key }}
    {%- endfor %}
{%- endmacro %}
