-- The floor of comment topics, in one hand-written DuckDB query: the words of each comment
-- (lower-cased, split at spaces, the ASCII punctuation around them stripped) joined to the
-- taxonomy's rules: a rule ending in '*' matches every word that starts with it, any other the
-- word and its plurals (-s, -es); a two-word rule also needs the word before. Joined on the
-- first two letters (an equality, as the package does), then matched. One row per comment and
-- topic with its mentions. No accents folded, no sentences, no sentiment per topic.
-- {comments} is a relation of (text_id, comment); {taxonomy} one of (topic, match_rule).
with words as (
    select text_id, pair[1] as word, pair[2] as previous_word
    from (
        select text_id, unnest(list_zip(w, list_prepend(null, w))) as pair
        from (
            select
                text_id,
                list_transform(
                    string_split(lower(comment), ' '),
                    lambda x: regexp_replace(x, '^[[:punct:]]+|[[:punct:]]+$', '', 'g')
                ) as w
            from {comments}
        )
    )
    where pair[1] <> ''
),

rules as (
    select
        topic,
        ends_with(last_word, '*') as is_prefix,
        rtrim(last_word, '*') as last_word,
        first_word
    from (
        select
            topic,
            case when contains(rule, ' ') then split_part(rule, ' ', 2) else rule end as last_word,
            case when contains(rule, ' ') then split_part(rule, ' ', 1) end as first_word
        from (select topic, lower(trim(match_rule)) as rule from {taxonomy})
    )
)

select words.text_id, rules.topic, count(*) as mentions
from words
inner join rules
    on substr(words.word, 1, 2) = substr(rules.last_word, 1, 2)
    and (rules.is_prefix and starts_with(words.word, rules.last_word)
        or words.word in (rules.last_word, rules.last_word || 's', rules.last_word || 'es'))
    and (rules.first_word is null or words.previous_word = rules.first_word)
group by words.text_id, rules.topic
