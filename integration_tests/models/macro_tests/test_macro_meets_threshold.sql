-- meets_threshold(score, threshold, higher_is_better): score >= threshold (inclusive), or
-- score <= threshold when lower is better; null for a null score.
select 'at the threshold' as name, {{ cx_metrics.meets_threshold('4', 4) }} as actual, true as expected
union all
select 'above', {{ cx_metrics.meets_threshold('5', 4) }}, true
union all
select 'just below', {{ cx_metrics.meets_threshold('3.99', 4) }}, false
union all
select 'a fractional threshold', {{ cx_metrics.meets_threshold('4', 4.5) }}, false
union all
select 'null', {{ cx_metrics.meets_threshold('cast(null as integer)', 4) }}, cast(null as boolean)
union all
select 'lower is better, at the threshold', {{ cx_metrics.meets_threshold('2', 2, false) }}, true
union all
select 'lower is better, below', {{ cx_metrics.meets_threshold('1', 2, false) }}, true
union all
select 'lower is better, above', {{ cx_metrics.meets_threshold('3', 2, false) }}, false
