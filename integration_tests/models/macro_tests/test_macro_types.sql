-- type_double is 64-bit: 2^53 - 1 = 9007199254740991 survives a cast to it and back (a 32-bit
-- float keeps 24 bits: 16777217 would come back as 16777216), and so does 16777217.
-- type_exact_sum is exact with 6 decimals: 0.1 + 0.2 - 0.3 sums to exactly 0 (in doubles it is
-- 5.55e-17), 0.000001 is kept (times 10^6 is 1), and 17 digits before the point with 6 after
-- (12345678901234567.123456 less its integer part is 0.123456).
{%- set exact = cx_metrics.type_exact_sum() %}
with shares as (
    select cast(0.1 as {{ exact }}) as v union all select cast(0.2 as {{ exact }}) union all select cast(-0.3 as {{ exact }})
)

select 'type_double keeps 53 bits' as name,
    cast(cast(cast(9007199254740991 as {{ cx_metrics.type_double() }}) as {{ dbt.type_bigint() }}) as {{ exact }}) as actual,
    cast(9007199254740991 as {{ exact }}) as expected
union all
select 'type_double keeps 2^24 + 1',
    cast(cast(cast(16777217 as {{ cx_metrics.type_double() }}) as {{ dbt.type_bigint() }}) as {{ exact }}),
    cast(16777217 as {{ exact }})
union all
select 'type_exact_sum: rises and falls back to exactly 0', (select sum(v) from shares), cast(0 as {{ exact }})
union all
select 'type_exact_sum keeps 6 decimals', cast(cast(0.000001 as {{ exact }}) * 1000000 as {{ exact }}), cast(1 as {{ exact }})
union all
select 'type_exact_sum keeps 17 + 6 digits',
    cast(cast(12345678901234567.123456 as {{ exact }}) - 12345678901234567 as {{ exact }}),
    cast(0.123456 as {{ exact }})
