{#- True when a score reaches a threshold: score >= threshold, or <= when lower is better. -#}
{% macro meets_threshold(score, threshold, higher_is_better=true) -%}
    {{ return(adapter.dispatch('meets_threshold', 'cx_metrics')(score, threshold, higher_is_better)) }}
{%- endmacro %}

{% macro default__meets_threshold(score, threshold, higher_is_better=true) -%}
    ({{ score }} {{ '>=' if higher_is_better else '<=' }} {{ threshold }})
{%- endmacro %}
