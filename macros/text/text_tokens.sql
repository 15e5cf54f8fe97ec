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
    {%- set spine = '(' ~ cx_metrics.numbers(max_characters + 1) ~ ')' -%}
    with cx_texts as (

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

    )

    select
        text_id,
        token_no,
        raw_token,
        case
            when length({{ cx_metrics.strip_characters('raw_token', rules.punctuation) }}) <= 2 then raw_token
            else {{ cx_metrics.strip_characters('raw_token', rules.punctuation) }}
        end as token,
        sum(ends_sentence) over (partition by text_id order by token_no) - ends_sentence as sentence_no,
        length(raw_token) - length(replace(raw_token, '!', '')) as exclamations,
        length(raw_token) - length(replace(raw_token, '?', '')) as questions,
        is_truncated
    from (
        select
            text_id,
            row_number() over (partition by text_id order by part_no) as token_no,
            raw_token,
            case when substr(raw_token, length(raw_token), 1) in ('.', '!', '?') then 1 else 0 end as ends_sentence,
            is_truncated
        from (
            select
                spaced.text_id,
                spine.n + 1 as part_no,
                {{ cx_metrics.split_part('spaced.text', ' ', 'spine.n + 1') }} as raw_token,
                spaced.is_truncated
            from (
                select
                    text_id,
                    translate(text, {{ cx_metrics.string_literal(rules.whitespace) }}, {{ cx_metrics.string_literal(' ' * (rules.whitespace | length)) }}) as text,
                    is_truncated
                from (
                    {#- Texts of printable ASCII hold no emoji: they are not split into characters. #}
                    select text_id, text, is_truncated from cx_texts where not has_other_characters
                    union all
                    select
                        cx_texts.text_id,
                        named.text,
                        cx_texts.is_truncated
                    from cx_texts
                    inner join (
                        select text_id, {{ cx_metrics.ordered_string_agg('piece', 'character_no') }} as text
                        from (
                            select
                                characters.text_id,
                                characters.character_no,
                                case
                                    when emoji.description is null then characters.character
                                    when characters.previous_character is null or characters.previous_character = ' '
                                        then emoji.description
                                    else ' ' || emoji.description
                                end as piece
                            from (
                                select
                                    cx_texts.text_id,
                                    spine.n as character_no,
                                    substr(cx_texts.text, spine.n + 1, 1) as character,
                                    case when spine.n > 0 then substr(cx_texts.text, spine.n, 1) end as previous_character
                                from cx_texts
                                inner join {{ spine }} as spine
                                    on spine.n < length(cx_texts.text)
                                where cx_texts.has_other_characters
                            ) as characters
                            left join {{ ref('cx_metrics', 'cx_sentiment_emoji') }} as emoji
                                on characters.character = emoji.emoji
                        ) as pieces
                        group by text_id
                    ) as named
                        on cx_texts.text_id = named.text_id
                ) as texts
            ) as spaced
            inner join {{ spine }} as spine
                on spine.n <= length(spaced.text) - length(replace(spaced.text, ' ', ''))
        ) as parts
        where raw_token <> ''
    ) as words
{%- endmacro %}
