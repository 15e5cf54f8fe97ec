{#-
    Margin of error of NPS, in NPS points, at confidence z (default var cx_confidence_z):
    100 * z * sqrt((pP + pD - (pP - pD)^2) / n) with pP, pD the promoter and detractor shares.
-#}
{% macro nps_margin_of_error(promoters, detractors, responses, z=none) -%}
    {{ return(adapter.dispatch('nps_margin_of_error', 'cx_metrics')(promoters, detractors, responses, z)) }}
{%- endmacro %}

{% macro default__nps_margin_of_error(promoters, detractors, responses, z=none) -%}
    {%- set z = z if z is not none else var('cx_confidence_z', 1.96) -%}
    {%- set p_promoter = cx_metrics.safe_divide(promoters, responses) -%}
    {%- set p_detractor = cx_metrics.safe_divide(detractors, responses) -%}
    (100 * {{ z }} * sqrt(
        ({{ p_promoter }} + {{ p_detractor }}
            - ({{ p_promoter }} - {{ p_detractor }}) * ({{ p_promoter }} - {{ p_detractor }}))
        / nullif(cast({{ responses }} as {{ cx_metrics.type_double() }}), 0)
    ))
{%- endmacro %}
