-- z_test_two_proportions(160, 200, 140, 200): pooled 0.75, z = 0.10 / sqrt(0.75 * 0.25 * 0.01)
-- = 2.309401077; all successes on both sides: null. z_test_nps_difference(60, 12, 120, 45, 30,
-- 150): (0.4 - 0.1) / sqrt(0.44 / 120 + 0.49 / 150) = 3.602883461. two_sided_p_value(1.96) =
-- 2 * Phi(-1.96) = 0.049995790, of -3: 0.002699796 (normal_cdf's error is below 1.5e-7).
select 'two proportions' as name, {{ cx_metrics.z_test_two_proportions(160, 200, 140, 200) }} as actual,
    cast(2.3094010767585034 as {{ cx_metrics.type_double() }}) as expected, cast(1e-9 as {{ cx_metrics.type_double() }}) as tolerance
union all
select 'two proportions, no variance', {{ cx_metrics.z_test_two_proportions(10, 10, 20, 20) }},
    cast(null as {{ cx_metrics.type_double() }}), cast(1e-9 as {{ cx_metrics.type_double() }})
union all
select 'nps difference', {{ cx_metrics.z_test_nps_difference(60, 12, 120, 45, 30, 150) }},
    cast(3.602883460614461 as {{ cx_metrics.type_double() }}), cast(1e-9 as {{ cx_metrics.type_double() }})
union all
select 'p of 1.96', {{ cx_metrics.two_sided_p_value(1.96) }}, cast(0.049995790296440856 as {{ cx_metrics.type_double() }}),
    cast(2e-7 as {{ cx_metrics.type_double() }})
union all
select 'p of -3', {{ cx_metrics.two_sided_p_value(-3) }}, cast(0.002699796063260207 as {{ cx_metrics.type_double() }}),
    cast(2e-7 as {{ cx_metrics.type_double() }})
