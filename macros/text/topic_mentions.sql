{#-
    The topics each text mentions, one row per (text_id, topic, token_no) of a matching word,
    from text_tokens' rows and a taxonomy (topic, parent_topic, match_rule). A rule is one to
    three words ('on hold', 'value for money'), in any case and with or without accents; its last word matches
    itself and its plural (-s, -es), or, ending in '*', every word that starts with it
    ('refund*': refund, refunds, refunded, refunding). A rule of several words needs them next
    to each other, in order (a rule of four words or more never matches: the test assert_topic_rules_are_matchable
    fails on it). Words are text_tokens' tokens (without the punctuation around them, but for
    words of one or two letters), lower-cased, with accents removed (á -> a, ç -> c, ñ -> n, ...).
-#}
{% macro topic_mentions(tokens, taxonomy) -%}
    {{ return(adapter.dispatch('topic_mentions', 'cx_metrics')(tokens, taxonomy)) }}
{%- endmacro %}

{% macro default__topic_mentions(tokens, taxonomy) -%}
    {%- set fold = cx_metrics._cx_fold_word -%}
    with cx_words as (

        select
            text_id,
            token_no,
            sentence_no,
            word,
            lag(word) over (partition by text_id order by token_no) as previous_word,
            lag(word, 2) over (partition by text_id order by token_no) as word_before_previous
        from (
            select
                text_id,
                token_no,
                sentence_no,
                {{ fold('token') }} as word
            from {{ tokens }}
        ) as words

    ),

    cx_rules as (

        select
            topic,
            parent_topic,
            case when last_word like '%*' then 1 else 0 end as is_prefix,
            replace(last_word, '*', '') as last_word,
            previous_word,
            word_before_previous
        from (
            select
                topic,
                parent_topic,
                case rule_words
                    when 1 then rule_text
                    when 2 then {{ cx_metrics.split_part('rule_text', ' ', 2) }}
                    else {{ cx_metrics.split_part('rule_text', ' ', 3) }}
                end as last_word,
                case rule_words
                    when 2 then {{ cx_metrics.split_part('rule_text', ' ', 1) }}
                    when 3 then {{ cx_metrics.split_part('rule_text', ' ', 2) }}
                end as previous_word,
                case when rule_words = 3 then {{ cx_metrics.split_part('rule_text', ' ', 1) }} end as word_before_previous
            from (
                select
                    topic,
                    parent_topic,
                    rule_text,
                    length(rule_text) - length(replace(rule_text, ' ', '')) + 1 as rule_words
                from (
                    select topic, parent_topic, {{ fold('trim(match_rule)') }} as rule_text
                    from {{ taxonomy }}
                ) as folded
            ) as taxonomy
            where rule_words <= 3
        ) as parsed

    )

    {#- Joined on the first two letters (an equality), then matched: not every word against every rule. #}
    select distinct
        cx_words.text_id,
        cx_words.token_no,
        cx_words.sentence_no,
        cx_rules.topic,
        cx_rules.parent_topic
    from cx_words
    inner join cx_rules
        on substr(cx_words.word, 1, 2) = substr(cx_rules.last_word, 1, 2)
        and (
            (cx_rules.is_prefix = 1 and cx_words.word like cx_rules.last_word || '%')
            or (cx_rules.is_prefix = 0 and cx_words.word in (cx_rules.last_word, cx_rules.last_word || 's', cx_rules.last_word || 'es'))
        )
        and (cx_rules.previous_word is null or cx_words.previous_word = cx_rules.previous_word)
        and (cx_rules.word_before_previous is null or cx_words.word_before_previous = cx_rules.word_before_previous)
{%- endmacro %}

{#- A word lower-cased with the accents of Latin letters removed. -#}
{% macro _cx_fold_word(expression) -%}
    translate(lower({{ expression }}), 'àáâãäåāçćčèéêëēęìíîïīłñńòóôõöøōùúûüūýÿśšźżž', 'aaaaaaaccceeeeeeiiiiilnnooooooouuuuuyysszzz')
{%- endmacro %}
