-- The rates on 0-100, by hand: churn_rate(5, 50) = 10; retention_rate(48, 4, 50) =
-- 100 * (48 - 4) / 50 = 88 (never E / S = 96); ratio_pct(1, 3) = 33.33...; each null when its
-- denominator is 0; safe_divide(7, 2) = 3.5.
-- (Expected values are worked out in double precision: cast before dividing, as Spark divides
-- decimal literals in decimal.)
select 'churn' as name, {{ cx_metrics.churn_rate(5, 50) }} as actual, cast(10 as {{ cx_metrics.type_double() }}) as expected
union all
select 'churn without customers', {{ cx_metrics.churn_rate(1, 0) }}, cast(null as {{ cx_metrics.type_double() }})
union all
select 'retention', {{ cx_metrics.retention_rate(48, 4, 50) }}, cast(88 as {{ cx_metrics.type_double() }})
union all
select 'retention without customers', {{ cx_metrics.retention_rate(10, 10, 0) }}, cast(null as {{ cx_metrics.type_double() }})
union all
select 'ratio', {{ cx_metrics.ratio_pct(1, 3) }}, cast(100 as {{ cx_metrics.type_double() }}) / 3
union all
select 'safe_divide', {{ cx_metrics.safe_divide(7, 2) }}, cast(3.5 as {{ cx_metrics.type_double() }})
union all
select 'safe_divide by 0', {{ cx_metrics.safe_divide(7, 0) }}, cast(null as {{ cx_metrics.type_double() }})
