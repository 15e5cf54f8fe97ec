-- parse_timestamp(value): text 'YYYY-MM-DD' or 'YYYY-MM-DD( |T)HH:MM[:SS[.ffffff]]' is UTC;
-- after a time it may end in an ISO 8601 offset (Z, +HH, +HHMM, +HH:MM or -), converted to UTC
-- by hand below (10:00+02 is 08:00 UTC, 01:00-03:00 is 04:00 UTC). Only real days and times
-- parse: 2024-02-29 and 2000-02-29 (leap years) but not 2023-02-29, 1900-02-29, 2024-04-31,
-- 24:00, minute or second 60, year 0000, offsets beyond 14:59. Anything else is null.
-- Typed values: a timestamp or a date is used as it is; a timestamp with time zone
-- (timestamptz_to_utc) is the UTC time of the instant.
{%- set ts = dbt.type_timestamp() %}
{#- Spark, Databricks and BigQuery: TIMESTAMP is the instant (no WITH TIME ZONE type). #}
{%- set tstz = 'timestamp' if target.type in ('spark', 'databricks', 'bigquery') else 'timestamp with time zone' %}
with text_cases as (
    select 'date' as name, '2024-01-05' as input, cast('2024-01-05 00:00:00' as {{ ts }}) as expected
    union all select 'minutes', '2024-01-05 10:00', cast('2024-01-05 10:00:00' as {{ ts }})
    union all select 'T and seconds', '2024-01-05T10:00:30', cast('2024-01-05 10:00:30' as {{ ts }})
    union all select 'microseconds', '2024-01-05 10:00:30.123456', cast('2024-01-05 10:00:30.123456' as {{ ts }})
    union all select 'a tenth', '2024-01-05 10:00:30.5', cast('2024-01-05 10:00:30.500000' as {{ ts }})
    union all select 'outer spaces', '  2024-01-05 10:00  ', cast('2024-01-05 10:00:00' as {{ ts }})
    union all select 'Z', '2024-01-05 10:00Z', cast('2024-01-05 10:00:00' as {{ ts }})
    union all select '+HH', '2024-01-05T10:00:00+02', cast('2024-01-05 08:00:00' as {{ ts }})
    union all select '+HHMM', '2024-01-05 10:00:00+0530', cast('2024-01-05 04:30:00' as {{ ts }})
    union all select '-HH:MM', '2024-01-05 01:00:00-03:00', cast('2024-01-05 04:00:00' as {{ ts }})
    union all select 'offset without seconds', '2024-01-05 10:00-03:30', cast('2024-01-05 13:30:00' as {{ ts }})
    union all select 'offset and a fraction', '2024-01-05 10:00:00.25+01:00', cast('2024-01-05 09:00:00.250000' as {{ ts }})
    union all select 'offset back over a new year', '2024-01-01 01:00+02:00', cast('2023-12-31 23:00:00' as {{ ts }})
    union all select 'largest offset', '2024-01-05 10:00+14:59', cast('2024-01-04 19:01:00' as {{ ts }})
    union all select 'leap day', '2024-02-29', cast('2024-02-29 00:00:00' as {{ ts }})
    union all select 'leap day of 2000', '2000-02-29 23:59:59', cast('2000-02-29 23:59:59' as {{ ts }})
    union all select 'first year', '0001-01-01', cast('0001-01-01 00:00:00' as {{ ts }})
    union all select 'last second', '9999-12-31 23:59:59', cast('9999-12-31 23:59:59' as {{ ts }})
    union all select 'no leap day in 2023', '2023-02-29', cast(null as {{ ts }})
    union all select 'no leap day in 1900', '1900-02-29', cast(null as {{ ts }})
    union all select 'April 31', '2024-04-31', cast(null as {{ ts }})
    union all select 'month 13', '2024-13-01', cast(null as {{ ts }})
    union all select 'year 0', '0000-01-01', cast(null as {{ ts }})
    union all select 'hour 24', '2024-01-05 24:00', cast(null as {{ ts }})
    union all select 'minute 60', '2024-01-05 10:60', cast(null as {{ ts }})
    union all select 'second 60', '2024-01-05 10:00:60', cast(null as {{ ts }})
    union all select '7 fraction digits', '2024-01-05 10:00:00.1234567', cast(null as {{ ts }})
    union all select 'offset 15:00', '2024-01-05 10:00+15:00', cast(null as {{ ts }})
    union all select 'offset minute 60', '2024-01-05 10:00+02:60', cast(null as {{ ts }})
    union all select 'offset after a date', '2024-01-05Z', cast(null as {{ ts }})
    union all select 'space before the offset', '2024-01-05 10:00 +02:00', cast(null as {{ ts }})
    union all select 'lower-case z', '2024-01-05 10:00z', cast(null as {{ ts }})
    union all select 'slashes', '2024/01/05', cast(null as {{ ts }})
    union all select 'one-digit month', '2024-1-05', cast(null as {{ ts }})
    union all select 'words', 'yesterday', cast(null as {{ ts }})
    union all select 'blank', ' ', cast(null as {{ ts }})
    union all select 'null', cast(null as {{ dbt.type_string() }}), cast(null as {{ ts }})
)

select name, {{ cx_metrics.parse_timestamp('input') }} as actual, expected
from text_cases
union all
select 'kind timestamp', {{ cx_metrics.parse_timestamp("cast('2024-01-05 10:00:30' as " ~ ts ~ ")", 'timestamp') }},
    cast('2024-01-05 10:00:30' as {{ ts }})
union all
select 'kind date', {{ cx_metrics.parse_timestamp("cast('2024-01-05' as date)", 'date') }},
    cast('2024-01-05 00:00:00' as {{ ts }})
union all
select 'kind timestamptz', {{ cx_metrics.parse_timestamp("cast('2024-01-05 10:00:00+02:00' as " ~ tstz ~ ")", 'timestamptz') }},
    cast('2024-01-05 08:00:00' as {{ ts }})
union all
select 'timestamptz_to_utc over midnight',
    {{ cx_metrics.timestamptz_to_utc("cast('2024-01-05 23:30:00-05:00' as " ~ tstz ~ ")") }},
    cast('2024-01-06 04:30:00' as {{ ts }})
union all
select 'timestamptz_to_utc of null', {{ cx_metrics.timestamptz_to_utc('cast(null as ' ~ tstz ~ ')') }},
    cast(null as {{ ts }})
