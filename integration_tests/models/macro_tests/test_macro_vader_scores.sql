-- text_tokens and vader_scores on one comment per VADER rule, each score worked by hand from
-- the lexicon (good 1.9, bad -2.5, rude -2.0, helpful 1.8) and the rules (vader_rules):
-- compound = s / sqrt(s * s + 15).
--   plain:    s = 1.9
--   negation: 'not good' 1.9 * -0.74 = -1.406
--   booster:  'very good' 1.9 + 0.293 = 2.193
--   but:      'Good staff, but bad delivery' 1.9 * 0.5 + -2.5 * 1.5 = -2.8
--   caps:     'GOOD service' (another word is not in capitals) 1.9 + 0.733 = 2.633
--   '!!':     1.9 + 2 * 0.292 = 2.484;  '??': 1.9 + 2 * 0.18 = 2.26
--   mixed:    'The agent was rude and NOT helpful' -2.0 + 1.8 * -0.74 = -3.332
--   emoji:    '😠' is named 'angry face': angry -2.3
-- and the shares of 'very good': positive 2.193 + 1 = 3.193 of 3.193 + 1 (very counts neutral).
{#- A table: its test then reads the rows, instead of planning the text pipeline again (seconds on Spark). -#}
{{ config(materialized='table') }}
with comments as (
    select 'plain' as text_id, 'The service was good' as body, 1.9 as s
    union all select 'negation', 'The service was not good', 1.9 * -0.74
    union all select 'booster', 'very good', 1.9 + 0.293
    union all select 'but', 'Good staff, but bad delivery', 1.9 * 0.5 + -2.5 * 1.5
    union all select 'caps', 'GOOD service', 1.9 + 0.733
    union all select 'exclamations', 'good!!', 1.9 + 2 * 0.292
    union all select 'questions', 'good??', 1.9 + 2 * 0.18
    union all select 'mixed', 'The agent was rude and NOT helpful', -2.0 + 1.8 * -0.74
    union all select 'emoji', '😠', -2.3
),

tokens as (
    {{ cx_metrics.text_tokens('comments', 'text_id', 'body') }}
),

scores as (
    {{ cx_metrics.vader_scores('tokens') }}
)

select
    comments.text_id as name,
    scores.sentiment_score as actual,
    comments.s / sqrt(comments.s * comments.s + 15) as expected
from comments
left join scores on comments.text_id = scores.text_id
union all
select 'booster: positive share', positive_share, cast(3.193 as {{ cx_metrics.type_double() }}) / 4.193 from scores where text_id = 'booster'
union all
select 'booster: neutral share', neutral_share, cast(1 as {{ cx_metrics.type_double() }}) / 4.193 from scores where text_id = 'booster'
