{#- numerator / denominator in floating point; null when the denominator is 0 or null. -#}
{% macro safe_divide(numerator, denominator) -%}
    {{ return(adapter.dispatch('safe_divide', 'cx_metrics')(numerator, denominator)) }}
{%- endmacro %}

{% macro default__safe_divide(numerator, denominator) -%}
    (cast({{ numerator }} as {{ cx_metrics.type_double() }})
        / nullif(cast({{ denominator }} as {{ cx_metrics.type_double() }}), 0))
{%- endmacro %}
