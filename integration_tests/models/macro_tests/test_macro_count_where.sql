-- count_where(condition), an aggregate: rows where the condition is true. Group a: scores 10,
-- 9, 8 and a null: score >= 9 holds for 2, score is null for 1, 1 = 0 for none (0, not null).
-- Group b: only a null score: score >= 9 is null there, not true -> 0.
with scores as (
    select 'a' as grp, 10 as score union all select 'a', 9 union all select 'a', 8
    union all select 'a', cast(null as integer)
    union all select 'b', cast(null as integer)
)

select grp || ': score >= 9' as name, {{ cx_metrics.count_where('score >= 9') }} as actual,
    case grp when 'a' then 2 else 0 end as expected
from scores
group by grp
union all
select 'a: score is null', {{ cx_metrics.count_where('score is null') }}, 1
from scores
where grp = 'a'
union all
select 'a: never', {{ cx_metrics.count_where('1 = 0') }}, 0
from scores
where grp = 'a'
