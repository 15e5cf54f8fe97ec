-- nps(score), an aggregate. Group a: 10, 9, 9, 8, 3: 3 promoters, 1 detractor of 5 -> +40.
-- Group b: 7, 7 and a null: no promoter, no detractor of 2 scores (the null is not an answer) -> 0.
-- Group c: 6 and 11 (outside 0-10: counted, in no category) -> 100 * (0 - 1) / 2 = -50.
with scores as (
    select 'a' as grp, 10 as score union all select 'a', 9 union all select 'a', 9
    union all select 'a', 8 union all select 'a', 3
    union all select 'b', 7 union all select 'b', 7 union all select 'b', cast(null as integer)
    union all select 'c', 6 union all select 'c', 11
)

select
    grp,
    {{ cx_metrics.nps('score') }} as actual,
    case grp when 'a' then 40.0 when 'b' then 0.0 when 'c' then -50.0 end as expected
from scores
group by grp
