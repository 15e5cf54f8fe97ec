-- nps_from_counts(promoters, detractors, responses) = 100 * (P - D) / n: 60 and 12 of 120 ->
-- 40; all 5 detractors -> -100; all 5 promoters -> 100; 1 of 3 -> 33.33...; no responses -> null.
{%- set dbl = cx_metrics.type_double() %}
select '60 and 12 of 120' as name, {{ cx_metrics.nps_from_counts(60, 12, 120) }} as actual, cast(40 as {{ dbl }}) as expected
union all
select 'all detractors', {{ cx_metrics.nps_from_counts(0, 5, 5) }}, cast(-100 as {{ dbl }})
union all
select 'all promoters', {{ cx_metrics.nps_from_counts(5, 0, 5) }}, cast(100 as {{ dbl }})
union all
select 'a third', {{ cx_metrics.nps_from_counts(1, 0, 3) }}, cast(100 as {{ dbl }}) / 3
union all
select 'no responses', {{ cx_metrics.nps_from_counts(0, 0, 0) }}, cast(null as {{ dbl }})
