-- parse_number(value): text must be a plain decimal number, at most 18 digits before and after
-- the point, after clean_text (so outer spaces go): '9' -> 9, '-.5' -> -0.5, '+3.' -> 3;
-- 'inf', 'NaN', '1e3', '1,5', '.', '-', 19 digits, blank and null -> null.
-- parse_number(value, 'number'): a typed number as it is when its magnitude is below 1e18;
-- NaN, the infinities, 1e18 and beyond -> null.
{%- set dbl = cx_metrics.type_double() %}
with text_cases as (
    select 'integer' as name, '9' as input, cast(9 as {{ dbl }}) as expected
    union all select 'decimal', '9.0', cast(9 as {{ dbl }})
    union all select 'no digit before the point', '-.5', cast(-0.5 as {{ dbl }})
    union all select 'no digit after the point', '+3.', cast(3 as {{ dbl }})
    union all select 'outer spaces', '  12 ', cast(12 as {{ dbl }})
    union all select 'minus zero', '-0', cast(0 as {{ dbl }})
    union all select '18 digits', '123456789012345678', cast(123456789012345678 as {{ dbl }})
    union all select '18 decimals', '0.000000000000000001', cast(1 as {{ dbl }}) / 1000000000 / 1000000000
    union all select '19 digits', '1234567890123456789', cast(null as {{ dbl }})
    union all select '19 decimals', '0.0000000000000000001', cast(null as {{ dbl }})
    union all select 'inf', 'inf', cast(null as {{ dbl }})
    union all select 'NaN', 'NaN', cast(null as {{ dbl }})
    union all select 'exponent', '1e3', cast(null as {{ dbl }})
    union all select 'decimal comma', '1,5', cast(null as {{ dbl }})
    union all select 'inner space', '12 3', cast(null as {{ dbl }})
    union all select 'point alone', '.', cast(null as {{ dbl }})
    union all select 'sign alone', '-', cast(null as {{ dbl }})
    union all select 'hexadecimal', '0x1A', cast(null as {{ dbl }})
    union all select 'other digits', '٣', cast(null as {{ dbl }})
    union all select 'blank', '  ', cast(null as {{ dbl }})
    union all select 'null', cast(null as {{ dbt.type_string() }}), cast(null as {{ dbl }})
)

select name, {{ cx_metrics.parse_number('input') }} as actual, expected
from text_cases
union all
select 'a number parsed as text', {{ cx_metrics.parse_number('7') }}, cast(7 as {{ dbl }})
union all
select 'number: 2.5', {{ cx_metrics.parse_number('cast(2.5 as ' ~ dbl ~ ')', 'number') }}, cast(2.5 as {{ dbl }})
union all
select 'number: an integer', {{ cx_metrics.parse_number('7', 'number') }}, cast(7 as {{ dbl }})
union all
select 'number: 1.5e17', {{ cx_metrics.parse_number('cast(150000000000000000 as ' ~ dbl ~ ')', 'number') }},
    cast(150000000000000000 as {{ dbl }})
union all
select 'number: 1e18', {{ cx_metrics.parse_number('cast(1000000000000000000 as ' ~ dbl ~ ')', 'number') }}, cast(null as {{ dbl }})
union all
select 'number: -1e18', {{ cx_metrics.parse_number('cast(-1000000000000000000 as ' ~ dbl ~ ')', 'number') }}, cast(null as {{ dbl }})
union all
select 'number: NaN', {{ cx_metrics.parse_number("cast('NaN' as " ~ dbl ~ ")", 'number') }}, cast(null as {{ dbl }})
union all
select 'number: infinity', {{ cx_metrics.parse_number("cast('Infinity' as " ~ dbl ~ ")", 'number') }}, cast(null as {{ dbl }})
union all
select 'number: minus infinity', {{ cx_metrics.parse_number("cast('-Infinity' as " ~ dbl ~ ")", 'number') }}, cast(null as {{ dbl }})
union all
select 'number: null', {{ cx_metrics.parse_number('cast(null as ' ~ dbl ~ ')', 'number') }}, cast(null as {{ dbl }})
