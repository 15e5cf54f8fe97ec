{#-
    The words of texts as VADER reads them, one row per word: (text_id, token_no, raw_token,
    token, sentence_no, exclamations, questions, is_truncated).
    - Emoji become their names from the seed cx_sentiment_emoji, with a space before the name
      unless one is there already (only texts with a character outside printable ASCII are
      read character by character).
    - Words are split at whitespace (Python's str.split(): every Unicode space, line break and
      separator), numbered from 1.
    - token is the word without leading and trailing punctuation, unless fewer than three
      characters would remain (an emoticon such as ':)' stays whole).
    - A sentence ends after a word ending in '.', '!' or '?'; sentence_no counts them from 0.
    Only the first cx_comment_max_characters characters of a text are read (is_truncated).
-#}
{% macro text_tokens(relation, id_column='text_id', text_column='text') -%}
    {{ return(adapter.dispatch('text_tokens', 'cx_metrics')(relation, id_column, text_column)) }}
{%- endmacro %}

{% macro default__text_tokens(relation, id_column='text_id', text_column='text') -%}
    {%- set rules = cx_metrics.vader_rules() -%}
    {%- set max_characters = cx_metrics.text_settings().max_characters -%}
    {%- set printable = ' \t\n\r!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~' -%}
    with cx_texts as {{ cx_metrics.materialized_cte() }} (

        {#- Texts that are null or only spaces have no words. #}
        select
            text_id,
            text,
            length(translate(text, {{ cx_metrics.string_literal(printable) }}, '')) > 0 as has_other_characters,
            is_truncated
        from (
            select
                cast({{ id_column }} as {{ dbt.type_string() }}) as text_id,
                substr(cast({{ text_column }} as {{ dbt.type_string() }}), 1, {{ max_characters }}) as text,
                length(cast({{ text_column }} as {{ dbt.type_string() }})) > {{ max_characters }} as is_truncated
            from {{ relation }}
            where {{ text_column }} is not null
        ) as texts

    ),

    {#- Texts of printable ASCII hold no emoji: only the others are read character by character. #}
    cx_other_texts as (

        select text_id, text from cx_texts where has_other_characters

    ),

    cx_characters as (

        select
            text_id,
            part_no,
            part as character,
            lag(part) over (partition by text_id order by part_no) as previous_character
        from ({{ cx_metrics.split_to_rows('cx_other_texts', 'text_id', 'text', '', max_characters) }}) as characters

    ),

    {#- An emoji becomes its name, after a space unless one is there (the reference's rule). #}
    cx_named as (

        select text_id, {{ cx_metrics.ordered_string_agg('piece', 'part_no') }} as text
        from (
            select
                cx_characters.text_id,
                cx_characters.part_no,
                case
                    when emoji.description is null then cx_characters.character
                    when cx_characters.previous_character is null or cx_characters.previous_character = ' '
                        then emoji.description
                    else ' ' || emoji.description
                end as piece
            from cx_characters
            left join {{ ref('cx_metrics', 'cx_sentiment_emoji') }} as emoji
                on cx_characters.character = emoji.emoji
        ) as pieces
        group by text_id

    ),

    {#- Every whitespace character (Python's str.split) as a space, then split at spaces. #}
    cx_spaced as (

        select
            texts.text_id,
            translate(texts.text, {{ cx_metrics.string_literal(rules.whitespace) }},
                {{ cx_metrics.string_literal(' ' * (rules.whitespace | length)) }}) as text
        from (
            select text_id, text from cx_texts where not has_other_characters
            union all
            select text_id, text from cx_named
        ) as texts

    ),

    cx_words as (

        select
            text_id,
            row_number() over (partition by text_id order by part_no) as token_no,
            part as raw_token,
            {{ cx_metrics.strip_characters('part', rules.punctuation) }} as stripped,
            case when substr(part, length(part), 1) in ('.', '!', '?') then 1 else 0 end as ends_sentence
        from ({{ cx_metrics.split_to_rows('cx_spaced', 'text_id', 'text', ' ', max_characters) }}) as parts
        where part <> ''

    )

    select
        cx_words.text_id,
        cx_words.token_no,
        cx_words.raw_token,
        case when length(cx_words.stripped) <= 2 then cx_words.raw_token else cx_words.stripped end as token,
        sum(cx_words.ends_sentence) over (partition by cx_words.text_id order by cx_words.token_no) - cx_words.ends_sentence as sentence_no,
        length(cx_words.raw_token) - length(replace(cx_words.raw_token, '!', '')) as exclamations,
        length(cx_words.raw_token) - length(replace(cx_words.raw_token, '?', '')) as questions,
        cx_texts.is_truncated
    from cx_words
    inner join cx_texts
        on cx_words.text_id = cx_texts.text_id
{%- endmacro %}
