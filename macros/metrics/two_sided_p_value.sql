{#-
    Two-sided p-value of a standard normal test statistic z: 2 * (1 - Phi(|z|)), computed as the
    identical 2 * Phi(-|z|) so that small p-values keep their digits (no 1 - Phi cancellation).
    Phi is normal_cdf (Abramowitz & Stegun 26.2.17), so the absolute error is below 1.5e-7.
    Null for null.
-#}
{% macro two_sided_p_value(z) -%}
    {{ return(adapter.dispatch('two_sided_p_value', 'cx_metrics')(z)) }}
{%- endmacro %}

{% macro default__two_sided_p_value(z) -%}
    (2 * {{ cx_metrics.normal_cdf('-abs(' ~ z ~ ')') }})
{%- endmacro %}
