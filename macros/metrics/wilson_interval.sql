{#-
    One bound ('lower' or 'upper') of the Wilson score interval of a share, times 100.
    Textbook form, with p = s / n: (p + z^2/2n -/+ z * sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n).
    It is computed in the algebraically identical rationalized form
        lower(s) = (2 s^2 / n) / (2 s + z^2 + z * sqrt(z^2 + 4 s (n - s) / n)),
        upper(s) = 1 - lower(n - s),
    which has no cancellation: the bounds are exactly 0 at 0% and exactly 100 at 100%.
    Null when n is 0.
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
    {%- if bound == 'lower' -%}
        {%- set k = 'cast(' ~ successes ~ ' as ' ~ cx_metrics.type_double() ~ ')' -%}
    {%- else -%}
        {%- set k = 'cast((' ~ total ~ ') - (' ~ successes ~ ') as ' ~ cx_metrics.type_double() ~ ')' -%}
    {%- endif -%}
    {%- set lower_share -%}
        (2 * {{ k }} * {{ k }} / {{ n }})
        / (2 * {{ k }} + {{ z }} * {{ z }} + {{ z }} * sqrt({{ z }} * {{ z }} + 4 * {{ k }} * ({{ n }} - {{ k }}) / {{ n }}))
    {%- endset -%}
    {%- if bound == 'lower' -%}
    (100 * {{ lower_share }})
    {%- else -%}
    (100 * (1 - {{ lower_share }}))
    {%- endif -%}
{%- endmacro %}
