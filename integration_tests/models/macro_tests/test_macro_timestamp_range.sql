-- valid_timestamp_range(): [cx_valid_timestamps_from, cx_valid_timestamps_before), by default
-- [1900-01-01, 2100-01-01). timestamp_out_of_range(ts): the last microsecond of 1899 and
-- 2100-01-01 itself are out; 1900-01-01 00:00 and the last microsecond of 2099 are in; null: null.
-- timestamp_on_or_after(ts, text, day): the parsed timestamp decides, whatever the text's local
-- date ('2024-03-01 00:59:59+01:00' is 2024-02-29 23:59:59 UTC: before 2024-03-01;
-- '2024-02-29 23:00-06:00' is 2024-03-01 05:00 UTC: on or after it); outer spaces of the text
-- do not matter; no day: every row, even one without a timestamp; a text that does not parse
-- (no timestamp): null.
{%- set ts = dbt.type_timestamp() %}
{%- set first, before = cx_metrics.valid_timestamp_range() %}
with instants as (
    select 'out: the last microsecond of 1899' as name, cast('1899-12-31 23:59:59.999999' as {{ ts }}) as at_ts, true as expected
    union all select 'in: the first instant of 1900', cast('1900-01-01 00:00:00' as {{ ts }}), false
    union all select 'in: the last microsecond of 2099', cast('2099-12-31 23:59:59.999999' as {{ ts }}), false
    union all select 'out: 2100', cast('2100-01-01 00:00:00' as {{ ts }}), true
    union all select 'out of range: null', cast(null as {{ ts }}), cast(null as boolean)
),

loads as (
    select 'on the day, earlier local date' as name, '2024-03-01 01:00+01:00' as raw_text,
        cast('2024-03-01 00:00:00' as {{ ts }}) as at_ts, true as expected
    union all select 'before the day, same local date', '2024-03-01 00:59:59+01:00', cast('2024-02-29 23:59:59' as {{ ts }}), false
    union all select 'after the day, local date before', '2024-02-29 23:00-06:00', cast('2024-03-01 05:00:00' as {{ ts }}), true
    union all select 'outer spaces', '   2024-03-02', cast('2024-03-02 00:00:00' as {{ ts }}), true
    union all select 'long before', '2023-12-31', cast('2023-12-31 00:00:00' as {{ ts }}), false
    union all select 'does not parse', 'x-garbage', cast(null as {{ ts }}), cast(null as boolean)
)

select 'the valid range' as name,
    ('{{ first }}' = '1900-01-01' and '{{ before }}' = '2100-01-01') as actual, true as expected
union all
select name, {{ cx_metrics.timestamp_out_of_range('at_ts') }}, expected
from instants
union all
select name, {{ cx_metrics.timestamp_on_or_after('at_ts', 'raw_text', '2024-03-01') }}, expected
from loads
union all
select 'no day: ' || name, {{ cx_metrics.timestamp_on_or_after('at_ts', 'raw_text', none) }}, true
from loads
