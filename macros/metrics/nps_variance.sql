{#-
    The Wald variance of NPS as a fraction pP - pD (pP, pD the promoter and detractor shares of
    n answers): (pP + pD - (pP - pD)^2) / n. Null when n is 0. nps_margin_of_error and
    z_test_nps_difference are built on it.
-#}
{% macro nps_variance(promoters, detractors, responses) -%}
    {{ return(adapter.dispatch('nps_variance', 'cx_metrics')(promoters, detractors, responses)) }}
{%- endmacro %}

{% macro default__nps_variance(promoters, detractors, responses) -%}
    {%- set p_promoter = cx_metrics.safe_divide(promoters, responses) -%}
    {%- set p_detractor = cx_metrics.safe_divide(detractors, responses) -%}
    (({{ p_promoter }} + {{ p_detractor }}
        - ({{ p_promoter }} - {{ p_detractor }}) * ({{ p_promoter }} - {{ p_detractor }}))
    / nullif(cast({{ responses }} as {{ cx_metrics.type_double() }}), 0))
{%- endmacro %}
