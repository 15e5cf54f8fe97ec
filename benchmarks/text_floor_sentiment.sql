-- The floor of comment sentiment: the least work any lexicon method must do, in one
-- hand-written DuckDB query. Lower-case each comment, split it into words at spaces
-- (string_split, unnest), strip the ASCII punctuation around each word (a regular expression:
-- trim() with the 32 characters is about nine times slower), join the lexicon, sum the
-- valences per comment and normalise the sum as VADER does (s / sqrt(s^2 + 15)). No negation,
-- boosters, capitals, "but", idioms or emoji; no sentences, no shares. Every comment gets a row
-- (0 without a lexicon word). {comments} is a relation of (text_id, comment); {lexicon} one of
-- (token, valence).
with words as (
    select
        text_id,
        regexp_replace(
            unnest(string_split(lower(comment), ' ')), '^[[:punct:]]+|[[:punct:]]+$', '', 'g'
        ) as word
    from {comments}
),

summed as (
    select words.text_id, sum(lexicon.valence) as valence_sum
    from words
    inner join {lexicon} as lexicon on lexicon.token = words.word
    group by words.text_id
)

select
    comments.text_id,
    coalesce(summed.valence_sum / sqrt(summed.valence_sum * summed.valence_sum + 15), 0)
        as sentiment_score
from {comments} as comments
left join summed on summed.text_id = comments.text_id
