-- epoch_to_timestamp(seconds): Unix time as UTC: 0 is 1970-01-01 00:00:00; 1741000000 is
-- 20,150 days and 40,000 s (11:06:40) after it, 2025-03-03; 1700000000 is 2023-11-14 22:13:20.
{%- set ts = dbt.type_timestamp() %}
select 'the epoch' as name, {{ cx_metrics.epoch_to_timestamp('0') }} as actual, cast('1970-01-01 00:00:00' as {{ ts }}) as expected
union all
select 'March 2025', {{ cx_metrics.epoch_to_timestamp('1741000000') }}, cast('2025-03-03 11:06:40' as {{ ts }})
union all
select 'a bigint', {{ cx_metrics.epoch_to_timestamp('cast(1700000000 as ' ~ dbt.type_bigint() ~ ')') }}, cast('2023-11-14 22:13:20' as {{ ts }})
union all
select 'null', {{ cx_metrics.epoch_to_timestamp('cast(null as ' ~ dbt.type_bigint() ~ ')') }}, cast(null as {{ ts }})
