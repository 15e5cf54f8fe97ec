-- connector_text(value) on anything but a timestamp: its text as it is, for staging to parse
-- or reject: text keeps its spaces, an integer is its digits.
select 'text as it is' as name, {{ cx_metrics.connector_text("' 7 '") }} as actual, ' 7 ' as expected
union all
select 'not a date', {{ cx_metrics.connector_text("'not a date'", 'text') }}, 'not a date'
union all
select 'an integer', {{ cx_metrics.connector_text('cast(42 as ' ~ dbt.type_int() ~ ')', 'number') }}, '42'
union all
select 'null', {{ cx_metrics.connector_text('cast(null as ' ~ dbt.type_string() ~ ')') }}, cast(null as {{ dbt.type_string() }})
