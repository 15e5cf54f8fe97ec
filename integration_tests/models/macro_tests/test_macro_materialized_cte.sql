-- materialized_cte(): a keyword (or nothing) between "as" and a CTE's body; the CTE read twice
-- gives 2 + 2 = 4 on every engine.
with once as {{ cx_metrics.materialized_cte() }} (
    select 2 as v
)

select 'read twice' as name, (select sum(v) from once) + (select sum(v) from once) as actual, 4 as expected
