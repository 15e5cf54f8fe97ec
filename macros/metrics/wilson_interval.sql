{#-
    One bound ('lower' or 'upper') of the Wilson score interval of a share, times 100:
    (p + z^2/2n -/+ z * sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n), with p = successes / total.
    Null when total is 0.
-#}
{% macro wilson_interval(successes, total, bound, z=none) -%}
    {{ return(adapter.dispatch('wilson_interval', 'cx_metrics')(successes, total, bound, z)) }}
{%- endmacro %}

{% macro default__wilson_interval(successes, total, bound, z=none) -%}
    {%- if bound not in ('lower', 'upper') -%}
        {{ exceptions.raise_compiler_error("wilson_interval: bound must be 'lower' or 'upper', got '" ~ bound ~ "'") }}
    {%- endif -%}
    {%- set z = z if z is not none else var('cx_confidence_z', 1.96) -%}
    {%- set n = 'nullif(cast(' ~ total ~ ' as ' ~ cx_metrics.type_double() ~ '), 0)' -%}
    {%- set p = cx_metrics.safe_divide(successes, total) -%}
    {%- set sign = '-' if bound == 'lower' else '+' -%}
    (100 * (
        {{ p }} + {{ z }} * {{ z }} / (2 * {{ n }})
        {{ sign }} {{ z }} * sqrt({{ p }} * (1 - {{ p }}) / {{ n }} + {{ z }} * {{ z }} / (4 * {{ n }} * {{ n }}))
    ) / (1 + {{ z }} * {{ z }} / {{ n }}))
{%- endmacro %}
