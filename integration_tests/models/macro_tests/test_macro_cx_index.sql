-- cx_index(components, weights) = sum(weight * component) / sum(weight) over the components
-- that are not null, by hand. Weights nps 3, csat 1: (3 * 50 + 1 * 90) / 4 = 60; csat missing:
-- 3 * 50 / 3 = 50; nps missing: 90; both missing: null; (3 * -20 + 100) / 4 = 10.
-- The five components at the package's default weights (.30, .25, .20, .15, .10: no weights
-- passed, as a project's own model calls it, where the package's var is not seen) at 40, 80, 60, 90, 70:
-- 12 + 20 + 12 + 13.5 + 7 = 64.5; without retention and fcr: 44 / .75 = 58.666...
{%- set dbl = cx_metrics.type_double() %}
with two as (
    select 'both' as name, cast(50 as {{ dbl }}) as nps, cast(90 as {{ dbl }}) as csat, cast(60 as {{ dbl }}) as expected
    union all select 'csat missing', 50, null, 50
    union all select 'nps missing', null, 90, 90
    union all select 'both missing', null, null, null
    union all select 'a negative nps', -20, 100, 10
),

five as (
    select 'five components' as name, cast(40 as {{ dbl }}) as nps, cast(80 as {{ dbl }}) as csat,
        cast(60 as {{ dbl }}) as ces, cast(90 as {{ dbl }}) as retention, cast(70 as {{ dbl }}) as fcr,
        cast(64.5 as {{ dbl }}) as expected
    union all select 'no retention or fcr', 40, 80, 60, null, null, cast(176 as {{ dbl }}) / 3
)

select name, {{ cx_metrics.cx_index({'nps': 'nps', 'csat': 'csat'}, {'nps': 3, 'csat': 1}) }} as actual, expected
from two
union all
select name,
    {{ cx_metrics.cx_index({'nps': 'nps', 'csat': 'csat', 'ces': 'ces', 'retention': 'retention', 'fcr': 'fcr'}) }},
    expected
from five
