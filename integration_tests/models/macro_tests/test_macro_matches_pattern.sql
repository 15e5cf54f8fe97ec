-- matches_pattern(text, pattern), with patterns anchored by ^ and $ as every caller's are:
-- '123' is all digits, '12a' and '' are not ([0-9]+ needs one digit), '' is [0-9]* (none
-- needed); a final line break is not the end of the text ('123' + LF is no match on any engine,
-- though Java's $ alone would match before it); case counts; null text gives null.
select 'digits' as name, {{ cx_metrics.matches_pattern("'123'", '^[0-9]+$') }} as actual, true as expected
union all
select 'a letter', {{ cx_metrics.matches_pattern("'12a'", '^[0-9]+$') }}, false
union all
select 'a final line break', {{ cx_metrics.matches_pattern("'123' || chr(10)", '^[0-9]+$') }}, false
union all
select 'a line break inside', {{ cx_metrics.matches_pattern("'12' || chr(10) || '3'", '^[0-9]+$') }}, false
union all
select 'empty, one digit needed', {{ cx_metrics.matches_pattern("''", '^[0-9]+$') }}, false
union all
select 'empty, none needed', {{ cx_metrics.matches_pattern("''", '^[0-9]*$') }}, true
union all
select 'a code', {{ cx_metrics.matches_pattern("'ab-12'", '^[a-z]+-[0-9]{2}$') }}, true
union all
select 'case counts', {{ cx_metrics.matches_pattern("'AB-12'", '^[a-z]+-[0-9]{2}$') }}, false
union all
select 'alternatives', {{ cx_metrics.matches_pattern("'+05:30'", '^(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') }}, true
union all
select 'null', {{ cx_metrics.matches_pattern('cast(null as ' ~ dbt.type_string() ~ ')', '^[0-9]+$') }},
    cast(null as boolean)
