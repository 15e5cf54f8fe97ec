{#- NPS on -100..100 from counts: 100 * (promoters - detractors) / responses. -#}
{% macro nps_from_counts(promoters, detractors, responses) -%}
    {{ return(adapter.dispatch('nps_from_counts', 'cx_metrics')(promoters, detractors, responses)) }}
{%- endmacro %}

{% macro default__nps_from_counts(promoters, detractors, responses) -%}
    {{ cx_metrics.ratio_pct('(' ~ promoters ~ ') - (' ~ detractors ~ ')', responses) }}
{%- endmacro %}
