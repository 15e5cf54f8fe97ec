-- period_end(period_grain, period_start): the start plus one period of the grain (exclusive
-- end), for the grains of cx_period_grains (week, month, quarter): week of 2024-02-26 ends
-- 2024-03-04; January 2024 ends 2024-02-01, February 2024-03-01; the quarter of 2024-10-01 ends
-- 2025-01-01. A grain not written (day, year) or null -> null.
{%- set ts = dbt.type_timestamp() %}
with periods as (
    select 'week' as period_grain, cast('2024-02-26 00:00:00' as {{ ts }}) as period_start,
        cast('2024-03-04 00:00:00' as {{ ts }}) as expected
    union all select 'month', cast('2024-01-01 00:00:00' as {{ ts }}), cast('2024-02-01 00:00:00' as {{ ts }})
    union all select 'month', cast('2024-02-01 00:00:00' as {{ ts }}), cast('2024-03-01 00:00:00' as {{ ts }})
    union all select 'quarter', cast('2024-10-01 00:00:00' as {{ ts }}), cast('2025-01-01 00:00:00' as {{ ts }})
    union all select 'day', cast('2024-02-26 00:00:00' as {{ ts }}), cast(null as {{ ts }})
    union all select 'year', cast('2024-01-01 00:00:00' as {{ ts }}), cast(null as {{ ts }})
    union all select cast(null as {{ dbt.type_string() }}), cast('2024-01-01 00:00:00' as {{ ts }}), cast(null as {{ ts }})
)

select
    coalesce(period_grain, 'null') || ' ' || cast(cast(period_start as date) as {{ dbt.type_string() }}) as name,
    {{ cx_metrics.period_end() }} as actual,
    expected
from periods
