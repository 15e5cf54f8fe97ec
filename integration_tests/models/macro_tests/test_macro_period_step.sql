-- Values rendered at compile time, written as text. period_step(grain) as [unit, size]: day
-- 1 day, week 7 days, month 1 month, quarter 3 months, year 12 months. period_grains(): var
-- cx_period_grains, whose default is week, month, quarter (the package's own var is not seen by
-- this project's models). max_periods(grain) over the valid range [1900-01-01, 2100-01-01),
-- 200 * 365 + 49 leap days (1904..2096, 2000 included, 1900 not) = 73049 days: the days over
-- the grain's shortest length, plus 2: day 73051, week 73049 // 7 + 2 = 10437, month
-- 73049 // 28 + 2 = 2610, quarter 73049 // 84 + 2 = 871, year 73049 // 336 + 2 = 219.
{%- set cases = [] %}
{%- for grain, step, periods in [
    ('day', 'day 1', 73051), ('week', 'day 7', 10437), ('month', 'month 1', 2610),
    ('quarter', 'month 3', 871), ('year', 'month 12', 219)] %}
    {%- do cases.append(('period_step ' ~ grain, cx_metrics.period_step(grain) | join(' '), step)) %}
    {%- do cases.append(('max_periods ' ~ grain, cx_metrics.max_periods(grain) | string, periods | string)) %}
{%- endfor %}
{%- do cases.append(('period_grains', cx_metrics.period_grains() | join(' '), 'week month quarter')) %}
{%- for name, actual, expected in cases %}
select '{{ name }}' as name, '{{ actual }}' as actual, '{{ expected }}' as expected
{{- '\nunion all' if not loop.last }}
{%- endfor %}
