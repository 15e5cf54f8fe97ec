-- period_spine at the edges of the plausible range and of the data (issue: a placeholder date
-- once cut the spines at 10,000 periods). Expected values worked out by calendar:
--   1900-01-01 (a Monday) to 2099-12-31 (a Thursday): 200 years of 365 days plus 49 leap days
--   (1904 to 2096; 2000 is one, 1900 is not) = 73,049 days; the last week starts Monday
--   2099-12-28, day 73,045, so 73,045 / 7 + 1 = 10,436 weeks; 2,400 months; 800 quarters.
--   One instant, 2024-02-29 12:00 (a Thursday): one period of each grain.
--   No data (the bounds of an empty input are null): no period at all.
-- A row is a grain whose spine differs: there must be none.
{%- set grains = ['day', 'week', 'month', 'quarter', 'year'] %}

with widest as (

    select
        cast('1900-01-01 00:00:00' as {{ dbt.type_timestamp() }}) as first_at,
        cast('2099-12-31 23:59:59' as {{ dbt.type_timestamp() }}) as last_at

),

one_instant as (

    select
        cast('2024-02-29 12:00:00' as {{ dbt.type_timestamp() }}) as first_at,
        cast('2024-02-29 12:00:00' as {{ dbt.type_timestamp() }}) as last_at

),

no_data as (

    select first_at, last_at from widest
    where 1 = 0

),

no_data_bounds as (

    select min(first_at) as first_at, max(last_at) as last_at from no_data

),

spines as (

    {%- for case in ['widest', 'one_instant', 'no_data_bounds'] %}
    {{ 'union all' if not loop.first }}
    select '{{ case }}' as case_name, spine.period_grain, spine.period_start
    from ({{ cx_metrics.period_spine(case, 'first_at', 'last_at', grains) }}) as spine
    {%- endfor %}

),

actual as (

    select
        case_name,
        period_grain,
        count(*) as periods,
        min(period_start) as first_period,
        max(period_start) as last_period
    from spines
    group by case_name, period_grain

),

expected as (

    select 'widest' as case_name, 'day' as period_grain, 73049 as periods,
        cast('1900-01-01' as date) as first_period, cast('2099-12-31' as date) as last_period
    union all select 'widest', 'week', 10436, cast('1900-01-01' as date), cast('2099-12-28' as date)
    union all select 'widest', 'month', 2400, cast('1900-01-01' as date), cast('2099-12-01' as date)
    union all select 'widest', 'quarter', 800, cast('1900-01-01' as date), cast('2099-10-01' as date)
    union all select 'widest', 'year', 200, cast('1900-01-01' as date), cast('2099-01-01' as date)
    union all select 'one_instant', 'day', 1, cast('2024-02-29' as date), cast('2024-02-29' as date)
    union all select 'one_instant', 'week', 1, cast('2024-02-26' as date), cast('2024-02-26' as date)
    union all select 'one_instant', 'month', 1, cast('2024-02-01' as date), cast('2024-02-01' as date)
    union all select 'one_instant', 'quarter', 1, cast('2024-01-01' as date), cast('2024-01-01' as date)
    union all select 'one_instant', 'year', 1, cast('2024-01-01' as date), cast('2024-01-01' as date)

)

select
    coalesce(expected.case_name, actual.case_name) as case_name,
    coalesce(expected.period_grain, actual.period_grain) as period_grain,
    expected.periods as expected_periods,
    actual.periods,
    actual.first_period,
    actual.last_period
from expected
full outer join actual
    on expected.case_name = actual.case_name
    and expected.period_grain = actual.period_grain
where expected.case_name is null
    or actual.case_name is null
    or actual.periods <> expected.periods
    or actual.first_period <> expected.first_period
    or actual.last_period <> expected.last_period
