-- nps_category(score): 0-6 detractor, 7-8 passive, 9-10 promoter; outside 0-10 or null: null.
with cases as (
    select 0 as score, 'detractor' as expected union all select 6, 'detractor'
    union all select 7, 'passive' union all select 8, 'passive'
    union all select 9, 'promoter' union all select 10, 'promoter'
    union all select 11, cast(null as {{ dbt.type_string() }})
    union all select -1, cast(null as {{ dbt.type_string() }})
)

select score, {{ cx_metrics.nps_category('score') }} as actual, expected
from cases
