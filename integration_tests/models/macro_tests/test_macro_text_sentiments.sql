-- text_sentiments over text_tokens: one row per text, worked by hand from the lexicon
-- (great 3.1) and compound = s / sqrt(s * s + 15):
--   'The agent was great': 4 words, 3.1 / sqrt(24.61) = 0.6249, very positive (>= 0.6)
--   '' , '   ' and null: no words, so 0 words, score 0, neutral: kept, not dropped
{#- A table: its test then reads the rows, instead of planning the text pipeline again (seconds on Spark). -#}
{{ config(materialized='table') }}
with texts as (
    select 'plain' as text_id, 'The agent was great' as body
    union all select 'empty', ''
    union all select 'spaces', '   '
    union all select 'null', cast(null as {{ dbt.type_string() }})
),

tokens as (
    {{ cx_metrics.text_tokens('texts', 'text_id', 'body') }}
),

sentiments as (
    {{ cx_metrics.text_sentiments('texts', 'tokens') }}
),

expected as (
    select 'plain' as text_id, 4 as words, 3.1 / sqrt(3.1 * 3.1 + 15) as score, 'very positive' as label
    union all select 'empty', 0, 0, 'neutral'
    union all select 'spaces', 0, 0, 'neutral'
    union all select 'null', 0, 0, 'neutral'
)

select
    expected.text_id || ': words' as name,
    cast(sentiments.words as {{ cx_metrics.type_double() }}) as actual,
    cast(expected.words as {{ cx_metrics.type_double() }}) as expected
from expected
left join sentiments on expected.text_id = sentiments.text_id
union all
select expected.text_id || ': score', sentiments.sentiment_score, expected.score
from expected
left join sentiments on expected.text_id = sentiments.text_id
union all
select
    expected.text_id || ': label',
    case when sentiments.sentiment_label = expected.label and not sentiments.is_truncated then 1 else 0 end,
    1
from expected
left join sentiments on expected.text_id = sentiments.text_id
