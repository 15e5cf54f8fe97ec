-- The text helpers, on literals worked out by hand:
-- string_literal: a quote and a backslash survive as themselves on every engine.
-- strip_characters: the given characters go at both ends only ('..!hello?!' -> 'hello').
-- split_part: the n-th part, n a column; ordered_string_agg: joined in the order given, not
-- the rows' order; split_to_rows: 'to be' -> (1, 'to'), (2, 'be'); 'hé' in characters -> h, é.
with pieces as (
    select 2 as n, 'b' as piece
    union all select 3, 'c'
    union all select 1, 'a'
),

texts as (
    select 'words' as text_id, 'to be' as body
    union all select 'characters', 'hé'
),

words as (
    {{ cx_metrics.split_to_rows('texts', 'text_id', 'body', ' ') }}
),

characters as (
    {{ cx_metrics.split_to_rows('texts', 'text_id', 'body', '') }}
),

numbers as (
    select 2 as n
)

select 'string_literal' as name, {{ cx_metrics.string_literal("it's a \\ sign") }} as actual,
    'it' || chr(39) || 's a ' || chr(92) || ' sign' as expected
union all
select 'strip_characters', {{ cx_metrics.strip_characters("'..!hello?!'", '.!?') }}, 'hello'
union all
select 'strip_characters: inner kept', {{ cx_metrics.strip_characters("'(don' || chr(39) || 't)'", cx_metrics.vader_rules().punctuation) }}, 'don' || chr(39) || 't'
union all
select 'split_part', {{ cx_metrics.split_part("'a b c'", ' ', 'n') }}, 'b' from numbers
union all
select 'ordered_string_agg', {{ cx_metrics.ordered_string_agg('piece', 'n') }}, 'abc' from pieces
union all
select 'words ' || cast(part_no as {{ dbt.type_string() }}), part, case when part_no = 1 then 'to' else 'be' end
from words where text_id = 'words'
union all
select 'characters ' || cast(part_no as {{ dbt.type_string() }}), part, case when part_no = 1 then 'h' else 'é' end
from characters where text_id = 'characters' and part <> ''
