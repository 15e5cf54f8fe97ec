{#-
    VADER sentiment (Hutto & Gilbert, ICWSM 2014) per unit of text, from the rows of
    text_tokens: one row per unit (the given columns, e.g. text_id, or text_id and sentence_no)
    with sentiment_score (the compound score, -1..1), positive_share, neutral_share,
    negative_share and words. The rules are those of the reference implementation
    vaderSentiment 3.3.2 (vader_rules), applied to each word with its three preceding and two
    following words (docs/metrics.md, "What customers say", lists where it differs).
-#}
{% macro vader_scores(tokens, unit_columns=['text_id']) -%}
    {{ return(adapter.dispatch('vader_scores', 'cx_metrics')(tokens, unit_columns)) }}
{%- endmacro %}

{% macro default__vader_scores(tokens, unit_columns=['text_id']) -%}
    {%- set rules = cx_metrics.vader_rules() -%}
    {%- set float = cx_metrics.type_double() -%}
    {%- set units = unit_columns | join(', ') -%}
    {%- set window = 'over (partition by ' ~ units ~ ' order by token_no)' -%}
    {%- set caps = rules.caps_increment -%}
    {%- set negate = rules.negation_scalar -%}
    {%- set is_scored = "valence is not null and booster is null and coalesce(not (word = 'kind' and next_word_1 = 'of'), true)" -%}
    with cx_words as (

        select
            {%- for column in unit_columns %}
            cx_tokens.{{ column }},
            {%- endfor %}
            cx_tokens.token_no,
            lower(cx_tokens.token) as word,
            lexicon.valence,
            case when cx_tokens.token = upper(cx_tokens.token) and cx_tokens.token <> lower(cx_tokens.token) then 1 else 0 end as is_upper,
            case
                when {{ cx_metrics._vader_in('lower(cx_tokens.token)', rules.negations) }} or lower(cx_tokens.token) like {{ cx_metrics.string_literal("%n't%") }} then 1
                else 0
            end as is_negation,
            {{ cx_metrics._vader_booster('lower(cx_tokens.token)', rules.boosters) }} as booster,
            cx_tokens.exclamations,
            cx_tokens.questions
        from {{ tokens }} as cx_tokens
        left join (
            {#- The seed writes %, ' and \ as %25, %27 and %5C: dbt-spark's seed loader cannot quote them. #}
            select
                replace(replace(replace(token, '%27', {{ cx_metrics.string_literal("'") }}), '%5C', {{ cx_metrics.string_literal('\\') }}), '%25', '%') as token,
                valence
            from {{ ref('cx_metrics', 'cx_sentiment_lexicon') }}
        ) as lexicon
            on lower(cx_tokens.token) = lexicon.token

    ),

    cx_context as (

        select
            *,
            case when n_upper > 0 and n_upper < n_words then 1 else 0 end as is_cap_differential
        from (
            select
                cx_words.*,
                {%- for k in [1, 2, 3] %}
                lag(word, {{ k }}) {{ window }} as word_{{ k }},
                lag(token_no, {{ k }}) {{ window }} is not null as exists_{{ k }},
                lag(case when valence is not null then 1 else 0 end, {{ k }}) {{ window }} = 1 as in_lexicon_{{ k }},
                lag(booster, {{ k }}) {{ window }} as booster_{{ k }},
                lag(is_upper, {{ k }}) {{ window }} = 1 as is_upper_{{ k }},
                lag(is_negation, {{ k }}) {{ window }} = 1 as is_negation_{{ k }},
                {%- endfor %}
                lead(word, 1) {{ window }} as next_word_1,
                lead(word, 2) {{ window }} as next_word_2,
                lead(case when valence is not null then 1 else 0 end, 1) {{ window }} = 1 as next_in_lexicon,
                count(*) over (partition by {{ units }}) as n_words,
                sum(is_upper) over (partition by {{ units }}) as n_upper,
                min(case when word = 'but' then token_no end) over (partition by {{ units }}) as but_no
            from cx_words
        ) as windowed

    ),

    {#- The word's own valence: 'no' before a lexicon word counts 0, a 'no' up to three words
        before negates it, and ALL CAPS among other words adds emphasis. Only lexicon words
        that are not boosters score: the rules below run on them alone. -#}
    cx_valence_0 as {{ cx_metrics.materialized_cte() }} (

        select
            *,
            {{ cx_metrics._vader_caps(cx_metrics._vader_no_rules('valence'), caps) }} as valence_0
        from cx_context
        where {{ is_scored }}

    ),
    {%- for k in [1, 2, 3] %}

    {#- The word {{ k }} before, when it is not a lexicon word: a booster (scaled by distance)
        is added, then the negation rules{{ ' and the idioms' if k == 3 }} apply. -#}
    cx_boosted_{{ k }} as (

        select
            *,
            case
                when exists_{{ k }} and not in_lexicon_{{ k }} then valence_{{ k - 1 }} + {{ cx_metrics._vader_booster_scalar(k, 'valence_' ~ (k - 1), caps) }}
            end as boosted_{{ k }}
        from {{ 'cx_valence_' ~ (k - 1) }}

    ),

    {#- Materialized: each step reads the one before several times, and an engine that inlined
        them all would plan (and JIT-compile) an expression of exponential size. #}
    cx_valence_{{ k }} as {{ cx_metrics.materialized_cte() }} (

        select
            *,
            case
                when boosted_{{ k }} is null then valence_{{ k - 1 }}
                else {{ cx_metrics._vader_step(k, 'boosted_' ~ k, caps, negate) }}
            end as valence_{{ k }}
        from cx_boosted_{{ k }}

    ),
    {%- endfor %}

    cx_sentiments as (

        select {{ units }}, token_no, exclamations, questions, 0 as sentiment
        from cx_context
        where not ({{ is_scored }})
        union all
        select
            {{ units }},
            token_no,
            exclamations,
            questions,
            case
                when but_no is null or token_no = but_no then least_valence
                when token_no < but_no then least_valence * {{ rules.but_before }}
                else least_valence * {{ rules.but_after }}
            end as sentiment
        from (
            select *, {{ cx_metrics._vader_least('valence_3', negate) }} as least_valence
            from cx_valence_3
        ) as scored

    ),

    cx_sums as (

        select
            {{ units }},
            count(*) as words,
            sum(sentiment) as sentiment_sum,
            sum(case when sentiment > 0 then sentiment + 1 else 0 end) as positive_sum,
            sum(case when sentiment < 0 then sentiment - 1 else 0 end) as negative_sum,
            sum(case when sentiment = 0 then 1 else 0 end) as neutral_count,
            case when sum(exclamations) > {{ rules.exclamation_max }} then {{ rules.exclamation_max }} else sum(exclamations) end
                * {{ rules.exclamation_increment }}
            + case
                when sum(questions) > 3 then {{ rules.question_max_amplifier }}
                when sum(questions) > 1 then sum(questions) * {{ rules.question_increment }}
                else 0
            end as emphasis
        from cx_sentiments
        group by {{ units }}

    ),

    cx_emphasized as (

        select
            {{ units }},
            words,
            case
                when sentiment_sum > 0 then sentiment_sum + emphasis
                when sentiment_sum < 0 then sentiment_sum - emphasis
                else 0
            end as emphasized_sum,
            case when positive_sum > -negative_sum then positive_sum + emphasis else positive_sum end as positive_sum,
            case when positive_sum < -negative_sum then negative_sum - emphasis else negative_sum end as negative_sum,
            neutral_count
        from cx_sums

    )

    select
        {{ units }},
        words,
        cast(emphasized_sum as {{ float }})
            / sqrt(cast(emphasized_sum as {{ float }}) * emphasized_sum + {{ rules.normalization_alpha }}) as sentiment_score,
        {{ cx_metrics.safe_divide('positive_sum', 'positive_sum - negative_sum + neutral_count') }} as positive_share,
        {{ cx_metrics.safe_divide('neutral_count', 'positive_sum - negative_sum + neutral_count') }} as neutral_share,
        {{ cx_metrics.safe_divide('-negative_sum', 'positive_sum - negative_sum + neutral_count') }} as negative_share
    from cx_emphasized
{%- endmacro %}

{#- expression in the list of words. -#}
{% macro _vader_in(expression, words) -%}
    {{ expression }} in ({% for word in words %}{{ ', ' if not loop.first }}{{ cx_metrics.string_literal(word) }}{% endfor %})
{%- endmacro %}

{#- The shift of a one-word booster or dampener (null for any other word). -#}
{% macro _vader_booster(expression, boosters) -%}
    case {{ expression }}{% for word, value in boosters.items() if ' ' not in word %} when {{ cx_metrics.string_literal(word) }} then {{ value }}{% endfor %} end
{%- endmacro %}

{#- The "no" rules: a 'no' up to three words back negates; 'no' itself before a lexicon word scores 0. -#}
{% macro _vader_no_rules(valence) -%}
    case
                when word_1 = 'no' or word_2 = 'no' or (word_3 = 'no' and word_1 in ('or', 'nor')) then {{ valence }} * {{ cx_metrics.vader_rules().negation_scalar }}
                when word = 'no' and next_in_lexicon then 0
                else {{ valence }}
            end
{%- endmacro %}

{#- ALL-CAPS emphasis: a word in capitals among words that are not moves away from 0 by caps. -#}
{% macro _vader_caps(valence, caps) -%}
    case
                when is_upper = 1 and is_cap_differential = 1 then
                    case when {{ valence }} > 0 then {{ valence }} + {{ caps }} else {{ valence }} - {{ caps }} end
                else {{ valence }}
            end
{%- endmacro %}

{#- The shift by the booster k words back (and its capitals) on the valence so far, damped at k = 2 and 3. -#}
{% macro _vader_booster_scalar(k, valence, caps) -%}
    coalesce(case when {{ valence }} < 0 then -booster_{{ k }} else booster_{{ k }} end
            + case when is_upper_{{ k }} and is_cap_differential = 1 then case when {{ valence }} > 0 then {{ caps }} else -{{ caps }} end else 0 end, 0)
            {{- ' * 0.95' if k == 2 }}{{ ' * 0.9' if k == 3 }}
{%- endmacro %}

{#- "least" before a word negates it, unless it follows "at" or "very". -#}
{% macro _vader_least(valence, negate) -%}
    case
                    when word_1 = 'least' and not in_lexicon_1 and not (exists_2 and word_2 in ('at', 'very')) then {{ valence }} * {{ negate }}
                    else {{ valence }}
                end
{%- endmacro %}

{#- The negation rules of the word at distance k back, on the boosted valence (and the idioms at k = 3). -#}
{% macro _vader_step(k, boosted, caps, negate) -%}
    {%- if k == 1 -%}
        {%- set negated = 'case when is_negation_1 then ' ~ boosted ~ ' * ' ~ negate ~ ' else ' ~ boosted ~ ' end' -%}
    {%- elif k == 2 -%}
        {%- set negated -%}
        case
                    when word_2 = 'never' and word_1 in ('so', 'this') then {{ boosted }} * 1.25
                    when word_2 = 'without' and word_1 = 'doubt' then {{ boosted }}
                    when is_negation_2 then {{ boosted }} * {{ negate }}
                    else {{ boosted }}
                end
        {%- endset -%}
    {%- else -%}
        {%- set negated -%}
        case
                    when (word_3 = 'never' and word_2 in ('so', 'this')) or word_1 in ('so', 'this') then {{ boosted }} * 1.25
                    when word_3 = 'without' and (word_2 = 'doubt' or word_1 = 'doubt') then {{ boosted }}
                    when is_negation_3 then {{ boosted }} * {{ negate }}
                    else {{ boosted }}
                end
        {%- endset -%}
    {%- endif -%}
    {%- if k < 3 -%}
        {{ negated }}
    {%- else -%}
        {{ cx_metrics._vader_idioms(negated) }}
    {%- endif -%}
{%- endmacro %}

{#-
    The idiom rules (at the third word back): the first of the idioms ending at or just before
    the word sets its valence, then an idiom starting at the word; a two-word dampener before it
    ('kind of', 'sort of', 'just enough') adds its value.
-#}
{% macro _vader_idioms(valence) -%}
    {%- set rules = cx_metrics.vader_rules() -%}
    {%- set idiom = cx_metrics._vader_idiom_value -%}
    {%- set phrase_boosters = {} -%}
    {%- for word, value in rules.boosters.items() if ' ' in word %}{% do phrase_boosters.update({word: value}) %}{% endfor -%}
    coalesce(
                    {{ idiom("word || ' ' || next_word_1 || ' ' || next_word_2", rules.idioms) }},
                    {{ idiom("word || ' ' || next_word_1", rules.idioms) }},
                    {%- for sequence in ["word_1 || ' ' || word", "word_2 || ' ' || word_1 || ' ' || word", "word_2 || ' ' || word_1",
                                         "word_3 || ' ' || word_2 || ' ' || word_1", "word_3 || ' ' || word_2"] %}
                    {{ idiom(sequence, rules.idioms) }},
                    {%- endfor %}
                    {{ valence }}
                )
                {%- for sequence in ["word_3 || ' ' || word_2 || ' ' || word_1", "word_3 || ' ' || word_2", "word_2 || ' ' || word_1"] %}
                + coalesce({{ idiom(sequence, phrase_boosters) }}, 0)
                {%- endfor %}
{%- endmacro %}

{% macro _vader_idiom_value(sequence, values) -%}
    case ({{ sequence }}){% for phrase, value in values.items() %} when {{ cx_metrics.string_literal(phrase) }} then {{ value }}{% endfor %} end
{%- endmacro %}
