-- topic_sentiments over text_tokens: each topic's mentions and the mean score of the sentences
-- that mention it, each sentence scored alone, worked by hand from the lexicon (great 3.1,
-- awful -2.0, kind 2.4, rude -2.0) and compound = s / sqrt(s * s + 15):
--   'The agent was great. The wait was awful.'
--      staff: 1 mention, 'The agent was great.' 3.1 / sqrt(24.61) = 0.6249
--      waiting: 1 mention, 'The wait was awful.' -2.0 / sqrt(19) = -0.4588
--   'Agents are kind. Agents are rude.'
--      staff: 2 mentions, (2.4 / sqrt(20.76) + -2.0 / sqrt(19)) / 2 = (0.5267 - 0.4588) / 2
--   'Nothing to see': no topic, no row
{#- A table: its test then reads the rows, instead of planning the text pipeline again (seconds on Spark). -#}
{{ config(materialized='table') }}
with texts as (
    select 'pair' as text_id, 'The agent was great. The wait was awful.' as body
    union all select 'twice', 'Agents are kind. Agents are rude.'
    union all select 'none', 'Nothing to see'
),

taxonomy as (
    select 'staff' as topic, 'service' as parent_topic, 'agent' as match_rule
    union all select 'waiting', 'service', 'wait*'
),

tokens as (
    {{ cx_metrics.text_tokens('texts', 'text_id', 'body') }}
),

topics as (
    {{ cx_metrics.topic_sentiments('tokens', 'taxonomy') }}
),

expected as (
    select 'pair' as text_id, 'staff' as topic, 1 as mentions, 3.1 / sqrt(3.1 * 3.1 + 15) as sentiment
    union all select 'pair', 'waiting', 1, -2.0 / sqrt(19)
    union all select 'twice', 'staff', 2, (2.4 / sqrt(2.4 * 2.4 + 15) - 2.0 / sqrt(19)) / 2
),

joined as (
    select
        coalesce(topics.text_id, expected.text_id) || ': ' || coalesce(topics.topic, expected.topic) as name,
        topics.mentions,
        topics.topic_sentiment,
        expected.mentions as expected_mentions,
        expected.sentiment as expected_sentiment
    from topics
    full outer join expected
        on topics.text_id = expected.text_id
        and topics.topic = expected.topic
)

select
    name || ': mentions' as name,
    cast(mentions as {{ cx_metrics.type_double() }}) as actual,
    cast(expected_mentions as {{ cx_metrics.type_double() }}) as expected
from joined
union all
select name || ': sentiment', topic_sentiment, expected_sentiment from joined
