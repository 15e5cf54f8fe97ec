-- normal_cdf (Abramowitz & Stegun 26.2.17, |error| < 7.5e-8) against the standard normal
-- table (e.g. NIST/SEMATECH e-Handbook, 1.3.6.7.1), and two_sided_p_value against the
-- two-sided critical values. A row is a value off by more than 5e-5: there must be none.
with published as (

    select 0.0 as z, 0.5 as expected_cdf
    union all select 1.0, 0.8413
    union all select -1.0, 0.1587
    union all select 1.645, 0.9500
    union all select 1.96, 0.9750
    union all select -1.96, 0.0250
    union all select 2.576, 0.9950
    union all select 3.0, 0.99865
    union all select -3.0, 0.00135
    union all select 40.0, 1.0
    union all select -40.0, 0.0

),

computed as (

    select
        z,
        expected_cdf,
        {{ cx_metrics.normal_cdf('z') }} as cdf,
        {{ cx_metrics.two_sided_p_value('z') }} as p_value
    from published

)

select *
from computed
where abs(cdf - expected_cdf) > 5e-5
    or abs(p_value - 2 * (case when z > 0 then 1 - expected_cdf else expected_cdf end)) > 1e-4
    or cdf is null
    or p_value is null
