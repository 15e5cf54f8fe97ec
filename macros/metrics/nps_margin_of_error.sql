{#-
    Margin of error of NPS, in NPS points, at confidence z (default var cx_confidence_z):
    100 * z * sqrt(nps_variance), the Wald variance of NPS as a fraction.
-#}
{% macro nps_margin_of_error(promoters, detractors, responses, z=none) -%}
    {{ return(adapter.dispatch('nps_margin_of_error', 'cx_metrics')(promoters, detractors, responses, z)) }}
{%- endmacro %}

{% macro default__nps_margin_of_error(promoters, detractors, responses, z=none) -%}
    {%- set z = z if z is not none else var('cx_confidence_z', 1.96) -%}
    (100 * {{ z }} * sqrt({{ cx_metrics.nps_variance(promoters, detractors, responses) }}))
{%- endmacro %}
