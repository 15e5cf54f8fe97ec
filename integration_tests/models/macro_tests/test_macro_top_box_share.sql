-- top_box_share(score, threshold, higher_is_better): scores 5, 4, 3, 2, 1 and a null.
-- Threshold 4, higher is better: 2 of 5 -> 40. Threshold 3, lower is better: 3 of 5 -> 60.
with scores as (
    select 5 as score union all select 4 union all select 3 union all select 2 union all select 1
    union all select cast(null as integer)
)

select 'higher' as direction, {{ cx_metrics.top_box_share('score', 4) }} as actual, 40.0 as expected
from scores
union all
select 'lower', {{ cx_metrics.top_box_share('score', 3, false) }}, 60.0
from scores
