{#- 100 * numerator / denominator: a rate on the 0-100 scale; null when the denominator is 0. -#}
{% macro ratio_pct(numerator, denominator) -%}
    {{ return(adapter.dispatch('ratio_pct', 'cx_metrics')(numerator, denominator)) }}
{%- endmacro %}

{% macro default__ratio_pct(numerator, denominator) -%}
    (100 * {{ cx_metrics.safe_divide(numerator, denominator) }})
{%- endmacro %}
