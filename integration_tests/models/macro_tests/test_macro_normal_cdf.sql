-- normal_cdf(z) = Phi(z) = erfc(-z / sqrt(2)) / 2, from a table of the standard normal
-- distribution: Phi(0) = 0.5, Phi(1) = 0.841344746, Phi(-1) = 1 - Phi(1) = 0.158655254,
-- Phi(1.96) = 0.975002105, Phi(-3) = 0.001349898; the approximation's error is below 7.5e-8.
-- Beyond |z| = 37 the tail is taken as 0: Phi(40) is exactly 1, Phi(-40) exactly 0. Null: null.
-- two_sided_p_value(0) = 2 * Phi(0) = 1 (error below 1.5e-7); of null: null.
{%- set dbl = cx_metrics.type_double() %}
select 'Phi(0)' as name, {{ cx_metrics.normal_cdf('0') }} as actual, cast(0.5 as {{ dbl }}) as expected,
    cast(1e-7 as {{ dbl }}) as tolerance
union all
select 'Phi(1)', {{ cx_metrics.normal_cdf('1') }}, cast(0.8413447460685429 as {{ dbl }}), cast(1e-7 as {{ dbl }})
union all
select 'Phi(-1)', {{ cx_metrics.normal_cdf('-1') }}, cast(0.15865525393145707 as {{ dbl }}), cast(1e-7 as {{ dbl }})
union all
select 'Phi(1.96)', {{ cx_metrics.normal_cdf('1.96') }}, cast(0.9750021048517795 as {{ dbl }}), cast(1e-7 as {{ dbl }})
union all
select 'Phi(-3)', {{ cx_metrics.normal_cdf('-3') }}, cast(0.0013498980316300957 as {{ dbl }}), cast(1e-7 as {{ dbl }})
union all
select 'Phi(40)', {{ cx_metrics.normal_cdf('40') }}, cast(1 as {{ dbl }}), cast(0 as {{ dbl }})
union all
select 'Phi(-40)', {{ cx_metrics.normal_cdf('-40') }}, cast(0 as {{ dbl }}), cast(0 as {{ dbl }})
union all
select 'Phi(null)', {{ cx_metrics.normal_cdf('cast(null as ' ~ dbl ~ ')') }}, cast(null as {{ dbl }}), cast(0 as {{ dbl }})
union all
select 'p of 0', {{ cx_metrics.two_sided_p_value('0') }}, cast(1 as {{ dbl }}), cast(2e-7 as {{ dbl }})
union all
select 'p of null', {{ cx_metrics.two_sided_p_value('cast(null as ' ~ dbl ~ ')') }}, cast(null as {{ dbl }}), cast(0 as {{ dbl }})
