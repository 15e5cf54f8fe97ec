-- clean_text(value): the value as text, trimmed at both ends of the Unicode space separators
-- (U+0020, the no-break space U+00A0, the ideographic space U+3000, ...); blank text is null.
-- Tabs, line breaks and the zero-width space U+200B are no space separators: they stay.
-- clean_code(value): the same, with only the ASCII letters A-Z lower-cased; 'İ', 'Ñ', 'Ú' and
-- the Kelvin sign U+212A stay as they are (engines lower-case them differently).
-- Each expected value is the input with those rules applied by hand.
with text_cases as (
    select 'spaces' as name, '  NPS  ' as input, 'NPS' as expected
    union all select 'no-break and ideographic spaces, inner space kept', ' web chat　', 'web chat'
    union all select 'blank', '   ', cast(null as {{ dbt.type_string() }})
    union all select 'empty', '', cast(null as {{ dbt.type_string() }})
    union all select 'null', cast(null as {{ dbt.type_string() }}), cast(null as {{ dbt.type_string() }})
    union all select 'tab stays', chr(9) || 'x ', chr(9) || 'x'
    union all select 'line break stays', ' x' || chr(10), 'x' || chr(10)
    union all select 'zero-width space stays', '​x', '​x'
),

code_cases as (
    select 'code: spaces and case' as name, ' Web Chat ' as input, 'web chat' as expected
    union all select 'code: all ASCII', 'EMAIL', 'email'
    union all select 'code: dotted capital I stays', 'İSTANBUL', 'İstanbul'
    union all select 'code: only A-Z lower-cased', 'ÑANDÚ', 'ÑandÚ'
    union all select 'code: Kelvin sign stays', 'KPI', 'Kpi'
    union all select 'code: no-break spaces', ' Promoter ', 'promoter'
    union all select 'code: blank', ' 　 ', cast(null as {{ dbt.type_string() }})
    union all select 'code: null', cast(null as {{ dbt.type_string() }}), cast(null as {{ dbt.type_string() }})
)

select name, {{ cx_metrics.clean_text('input') }} as actual, expected
from text_cases
union all
select 'a number, as text', {{ cx_metrics.clean_text('42') }}, '42'
union all
select name, {{ cx_metrics.clean_code('input') }}, expected
from code_cases
