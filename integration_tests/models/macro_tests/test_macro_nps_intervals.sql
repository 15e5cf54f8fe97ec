-- 120 answers, 60 promoters, 12 detractors: pP = 0.5, pD = 0.1,
-- nps_variance = (0.5 + 0.1 - 0.4^2) / 120 = 0.44 / 120; nps_margin_of_error at z = 1.96:
-- 100 * 1.96 * sqrt(0.44 / 120) = 11.868389388; no answers: null.
-- wilson_interval 8 of 10 at z = 1.96, textbook form: 49.015684672 to 94.331905202;
-- 0 of 5: exactly 0 to 43.449149475; 5 of 5: 56.550850525 to exactly 100.
select 'nps_variance' as name, {{ cx_metrics.nps_variance(60, 12, 120) }} as actual,
    cast(0.44 as {{ cx_metrics.type_double() }}) / 120 as expected
union all
select 'nps_variance of none', {{ cx_metrics.nps_variance(0, 0, 0) }}, cast(null as {{ cx_metrics.type_double() }})
union all
select 'nps_margin_of_error', {{ cx_metrics.nps_margin_of_error(60, 12, 120, 1.96) }},
    cast(11.868389388062166 as {{ cx_metrics.type_double() }})
union all
select 'wilson 8/10 lower', {{ cx_metrics.wilson_interval(8, 10, 'lower', 1.96) }}, cast(49.01568467207235 as {{ cx_metrics.type_double() }})
union all
select 'wilson 8/10 upper', {{ cx_metrics.wilson_interval(8, 10, 'upper', 1.96) }}, cast(94.33190520193067 as {{ cx_metrics.type_double() }})
union all
select 'wilson 0/5 lower', {{ cx_metrics.wilson_interval(0, 5, 'lower', 1.96) }}, cast(0 as {{ cx_metrics.type_double() }})
union all
select 'wilson 0/5 upper', {{ cx_metrics.wilson_interval(0, 5, 'upper', 1.96) }}, cast(43.44914947520811 as {{ cx_metrics.type_double() }})
union all
select 'wilson 5/5 lower', {{ cx_metrics.wilson_interval(5, 5, 'lower', 1.96) }}, cast(56.5508505247919 as {{ cx_metrics.type_double() }})
union all
select 'wilson 5/5 upper', {{ cx_metrics.wilson_interval(5, 5, 'upper', 1.96) }}, cast(100 as {{ cx_metrics.type_double() }})
