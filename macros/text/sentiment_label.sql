{#-
    The label of a VADER score (cx_sentiment_thresholds): very positive / very negative at or
    beyond their thresholds; mixed when both the positive and the negative share reach
    mixed_share; else positive, negative or neutral by the compound score.
-#}
{% macro sentiment_label(score, positive_share, negative_share) -%}
    {{ return(adapter.dispatch('sentiment_label', 'cx_metrics')(score, positive_share, negative_share)) }}
{%- endmacro %}

{% macro default__sentiment_label(score, positive_share, negative_share) -%}
    {%- set at = cx_metrics.text_settings().thresholds -%}
    case
        when {{ score }} >= {{ at.very_positive }} then 'very positive'
        when {{ score }} <= {{ at.very_negative }} then 'very negative'
        when {{ positive_share }} >= {{ at.mixed_share }} and {{ negative_share }} >= {{ at.mixed_share }} then 'mixed'
        when {{ score }} >= {{ at.positive }} then 'positive'
        when {{ score }} <= {{ at.negative }} then 'negative'
        else 'neutral'
    end
{%- endmacro %}

{#- True for a label sentiment_label gives a negative score (negative or very negative): what the negative shares count. -#}
{% macro _cx_is_negative_label(label) -%}
    {{ label }} in ('negative', 'very negative')
{%- endmacro %}
