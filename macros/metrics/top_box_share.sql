{#-
    Top-box share of a score column, as an aggregate on 0-100: the percentage of non-null scores
    that reach the threshold (CSAT top-2-box: threshold 4 on 1-5; CES: 5 on 1-7).
-#}
{% macro top_box_share(score, threshold, higher_is_better=true) -%}
    {{ return(adapter.dispatch('top_box_share', 'cx_metrics')(score, threshold, higher_is_better)) }}
{%- endmacro %}

{% macro default__top_box_share(score, threshold, higher_is_better=true) -%}
    {{ cx_metrics.ratio_pct(
        cx_metrics.count_where(cx_metrics.meets_threshold(score, threshold, higher_is_better)),
        'count(' ~ score ~ ')'
    ) }}
{%- endmacro %}
