-- period_start_of(grain, timestamp[, after=true]): the start (a date) of the period that holds
-- the timestamp, or the first period start later than it. Weeks start on Monday: Sunday
-- 2024-03-03 23:59:59 is in the week of 2024-02-26 (the next starts 2024-03-04); Monday
-- 2024-03-04 00:00 starts its own week, so the next start after it is 2024-03-11; Wednesday
-- 2025-01-01 is in the week of Monday 2024-12-30. 2024-02-29 12:00 is in February (next: March);
-- 2024-12-31 23:59:59 in the quarter of 2024-10-01 (next: 2025-01-01); null -> null.
-- earliest_period_start(day, grains): the earliest start of the periods holding the day:
-- 2024-05-15 (a Wednesday) -> week 2024-05-13, month 2024-05-01, quarter 2024-04-01 -> 2024-04-01;
-- Sunday 2024-06-02 -> week 2024-05-27, month 2024-06-01 -> 2024-05-27.
{%- set ts = dbt.type_timestamp() %}
with cases as (
    select 'week of a Sunday' as name, 'week' as grain, false as after, '2024-03-03 23:59:59' as at_text, cast('2024-02-26' as date) as expected
    union all select 'week after a Sunday', 'week', true, '2024-03-03 23:59:59', cast('2024-03-04' as date)
    union all select 'week of its Monday', 'week', false, '2024-03-04 00:00:00', cast('2024-03-04' as date)
    union all select 'week after its Monday', 'week', true, '2024-03-04 00:00:00', cast('2024-03-11' as date)
    union all select 'week over a new year', 'week', false, '2025-01-01 12:00:00', cast('2024-12-30' as date)
    union all select 'day', 'day', false, '2024-02-28 18:00:00', cast('2024-02-28' as date)
    union all select 'day after', 'day', true, '2024-02-28 18:00:00', cast('2024-02-29' as date)
    union all select 'month of a leap day', 'month', false, '2024-02-29 12:00:00', cast('2024-02-01' as date)
    union all select 'month after a leap day', 'month', true, '2024-02-29 12:00:00', cast('2024-03-01' as date)
    union all select 'quarter of the last second', 'quarter', false, '2024-12-31 23:59:59', cast('2024-10-01' as date)
    union all select 'quarter after the last second', 'quarter', true, '2024-12-31 23:59:59', cast('2025-01-01' as date)
    union all select 'quarter of its first instant', 'quarter', false, '2024-04-01 00:00:00', cast('2024-04-01' as date)
    union all select 'year', 'year', false, '2024-07-01 00:00:00', cast('2024-01-01' as date)
    union all select 'year after', 'year', true, '2024-07-01 00:00:00', cast('2025-01-01' as date)
    union all select 'null', 'month', false, cast(null as {{ dbt.type_string() }}), cast(null as date)
),

timestamps as (
    select name, grain, after, cast(at_text as {{ ts }}) as at_ts, expected
    from cases
)

select
    name,
    case
        {%- for grain in ['day', 'week', 'month', 'quarter', 'year'] %}
        when grain = '{{ grain }}' and not after then {{ cx_metrics.period_start_of(grain, 'at_ts') }}
        when grain = '{{ grain }}' and after then {{ cx_metrics.period_start_of(grain, 'at_ts', after=true) }}
        {%- endfor %}
    end as actual,
    expected
from timestamps
union all
select 'earliest over week, month, quarter',
    cast({{ cx_metrics.earliest_period_start('2024-05-15', ['week', 'month', 'quarter']) }} as date),
    cast('2024-04-01' as date)
union all
select 'earliest: the week begins in the month before',
    cast({{ cx_metrics.earliest_period_start('2024-06-02', ['week', 'month']) }} as date),
    cast('2024-05-27' as date)
union all
select 'earliest of one grain', cast({{ cx_metrics.earliest_period_start('2024-05-15', ['week']) }} as date),
    cast('2024-05-13' as date)
