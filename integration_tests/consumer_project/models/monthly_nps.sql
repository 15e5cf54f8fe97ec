-- Downstream of the package: the overall NPS per month.
select
    period_start as month_start,
    responses,
    nps
from {{ ref('cx__nps') }}
where period_grain = 'month'
    and dimension = 'all'
