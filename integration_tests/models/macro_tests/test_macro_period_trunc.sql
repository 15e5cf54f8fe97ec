-- period_trunc(grain, timestamp): the start of its period, weeks from Monday on every engine.
-- Sunday 2024-03-03 23:59:59 is in the week of Monday 2024-02-26, Monday 2024-03-04 00:00 in its
-- own; 2024-02-29 12:00 in the month of 2024-02-01; 2024-12-31 23:59:59 in the quarter of
-- 2024-10-01 and the year of 2024-01-01; the day of 2024-02-28 18:00 is 2024-02-28.
{%- set ts = dbt.type_timestamp() %}
with cases as (
    select 'week of a Sunday' as name, cast({{ cx_metrics.period_trunc('week', "cast('2024-03-03 23:59:59' as " ~ ts ~ ")") }} as date) as actual, cast('2024-02-26' as date) as expected
    union all select 'week of its Monday', cast({{ cx_metrics.period_trunc('week', "cast('2024-03-04 00:00:00' as " ~ ts ~ ")") }} as date), cast('2024-03-04' as date)
    union all select 'month of a leap day', cast({{ cx_metrics.period_trunc('month', "cast('2024-02-29 12:00:00' as " ~ ts ~ ")") }} as date), cast('2024-02-01' as date)
    union all select 'quarter of the last second', cast({{ cx_metrics.period_trunc('quarter', "cast('2024-12-31 23:59:59' as " ~ ts ~ ")") }} as date), cast('2024-10-01' as date)
    union all select 'year of the last second', cast({{ cx_metrics.period_trunc('year', "cast('2024-12-31 23:59:59' as " ~ ts ~ ")") }} as date), cast('2024-01-01' as date)
    union all select 'day', cast({{ cx_metrics.period_trunc('day', "cast('2024-02-28 18:00:00' as " ~ ts ~ ")") }} as date), cast('2024-02-28' as date)
)

select name, actual, expected
from cases
