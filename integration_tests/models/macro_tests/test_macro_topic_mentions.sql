-- topic_mentions over text_tokens with a taxonomy of four rules, counted by hand:
--   'I waited ON HOLD for ages.': waiting by 'wait*' (waited) and 'on hold' (hold after on): 2
--   'Two invoices, no agents!': billing by 'invoice' (+s): 1; staff by 'agent' (+s): 1
--   'Facturé: invoicé twice': billing, the accent removed (invoicé -> invoice): 1
--   'A holdall': none ('on hold' needs both words; 'hold' is not a rule of its own)
--   'Value for money, for money': price by 'value for money' once (the second 'money' lacks 'value')
{#- A table: its test then reads the rows, instead of planning the text pipeline again (seconds on Spark). -#}
{{ config(materialized='table') }}
with comments as (
    select 'hold' as text_id, 'I waited ON HOLD for ages.' as body
    union all select 'plurals', 'Two invoices, no agents!'
    union all select 'accents', 'Facturé: invoicé twice'
    union all select 'none', 'A holdall'
    union all select 'three', 'Value for money, for money'
),

taxonomy as (
    select 'waiting' as topic, 'service' as parent_topic, 'wait*' as match_rule
    union all select 'waiting', 'service', 'on hold'
    union all select 'billing', 'commercial', 'Invoice'
    union all select 'staff', 'service', 'agent'
    union all select 'price', 'commercial', 'value for money'
),

tokens as (
    {{ cx_metrics.text_tokens('comments', 'text_id', 'body') }}
),

mentions as (
    {{ cx_metrics.topic_mentions('tokens', 'taxonomy') }}
),

expected as (
    select 'hold' as text_id, 'waiting' as topic, '2' as expected
    union all select 'plurals', 'billing', '1'
    union all select 'plurals', 'staff', '1'
    union all select 'accents', 'billing', '1'
    union all select 'three', 'price', '1'
),

found as (
    select text_id, topic, cast(count(*) as {{ dbt.type_string() }}) as actual
    from mentions
    group by text_id, topic
)

select
    coalesce(found.text_id, expected.text_id) || ': ' || coalesce(found.topic, expected.topic) as name,
    found.actual,
    expected.expected
from found
full outer join expected
    on found.text_id = expected.text_id
    and found.topic = expected.topic
