-- seconds_between(start, end), exact with fractions: one day and 1.5 s = 86401.5 (negative the
-- other way round); 2024-02-28 12:00 to 2024-03-01 12:00 spans the leap day: 2 days = 172800;
-- 2024-01-31 to 2024-03-01: 29 + 1 days = 2592000; one microsecond = 0.000001; the second
-- before 2000 = 1; 1900-01-01 to 2100-01-01: 200 * 365 + 49 leap days = 73049 days =
-- 6311433600; the same time twice = 0; null = null.
{%- set ts = dbt.type_timestamp() %}
with cases as (
    select 'a day and 1.5 s' as name, '2024-01-01 00:00:00' as start_at, '2024-01-02 00:00:01.5' as end_at,
        cast(86401.5 as {{ cx_metrics.type_double() }}) as expected
    union all select 'backwards', '2024-01-02 00:00:01.5', '2024-01-01 00:00:00', cast(-86401.5 as {{ cx_metrics.type_double() }})
    union all select 'over a leap day', '2024-02-28 12:00:00', '2024-03-01 12:00:00', cast(172800 as {{ cx_metrics.type_double() }})
    union all select 'over a short month', '2024-01-31 00:00:00', '2024-03-01 00:00:00', cast(2592000 as {{ cx_metrics.type_double() }})
    union all select 'a microsecond', '2024-01-01 00:00:00', '2024-01-01 00:00:00.000001', cast(0.000001 as {{ cx_metrics.type_double() }})
    union all select 'a microsecond over a second', '2024-01-01 00:00:00.999999', '2024-01-01 00:00:01', cast(0.000001 as {{ cx_metrics.type_double() }})
    union all select 'into 2000', '1999-12-31 23:59:59', '2000-01-01 00:00:00', cast(1 as {{ cx_metrics.type_double() }})
    union all select 'two centuries', '1900-01-01 00:00:00', '2100-01-01 00:00:00', cast(6311433600 as {{ cx_metrics.type_double() }})
    union all select 'no time', '2024-01-01 10:00:00', '2024-01-01 10:00:00', cast(0 as {{ cx_metrics.type_double() }})
    union all select 'null', cast(null as {{ dbt.type_string() }}), '2024-01-01 10:00:00', cast(null as {{ cx_metrics.type_double() }})
),

timestamps as (
    select name, cast(start_at as {{ ts }}) as start_at, cast(end_at as {{ ts }}) as end_at, expected
    from cases
)

select name, {{ cx_metrics.seconds_between('start_at', 'end_at') }} as actual, expected
from timestamps
