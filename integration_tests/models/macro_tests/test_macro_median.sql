-- median(value), an aggregate (continuous: the mean of the two middle values of an even count).
-- a: 1, 2, 3, 4 -> 2.5. b: 5, null, 1, 3 -> 3 (null is skipped). c: 7 alone -> 7.
-- d: -1.5 and 2.5 -> 0.5. e: only null -> null.
with vals as (
    select 'a' as grp, cast(1 as {{ cx_metrics.type_double() }}) as v
    union all select 'a', 2 union all select 'a', 3 union all select 'a', 4
    union all select 'b', 5 union all select 'b', null union all select 'b', 1 union all select 'b', 3
    union all select 'c', 7
    union all select 'd', -1.5 union all select 'd', 2.5
    union all select 'e', null
)

select
    grp,
    {{ cx_metrics.median('v') }} as actual,
    cast(case grp when 'a' then 2.5 when 'b' then 3 when 'c' then 7 when 'd' then 0.5 end
        as {{ cx_metrics.type_double() }}) as expected
from vals
group by grp
