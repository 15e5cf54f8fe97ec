{#-
    Standard normal cumulative distribution function Phi(z), in plain SQL (exp, sqrt and abs
    only, no erf: PostgreSQL 15 has none). Abramowitz & Stegun, Handbook of Mathematical
    Functions (1964), formula 26.2.17: for x >= 0,
        Q(x) = 1 - Phi(x) = phi(x) * (b1 t + b2 t^2 + b3 t^3 + b4 t^4 + b5 t^5) + e(x),
        t = 1 / (1 + p x),  phi(x) = exp(-x^2 / 2) / sqrt(2 pi),  |e(x)| < 7.5e-8,
    with p = 0.2316419, b1 = 0.319381530, b2 = -0.356563782, b3 = 1.781477937,
    b4 = -1.821255978, b5 = 1.330274429. Phi(z) = 1 - Q(z) for z > 0 and Q(-z) otherwise, so the
    absolute error is below 7.5e-8 for every z. The polynomial is evaluated in Horner form.
    Beyond |z| = 37 the tail (< 1e-298) is taken as 0, so exp() never underflows (PostgreSQL
    raises on an underflow). Null for null.
-#}
{% macro normal_cdf(z) -%}
    {{ return(adapter.dispatch('normal_cdf', 'cx_metrics')(z)) }}
{%- endmacro %}

{% macro default__normal_cdf(z) -%}
    {%- set x = 'abs(cast(' ~ z ~ ' as ' ~ cx_metrics.type_double() ~ '))' -%}
    {%- set t = '(1.0 / (1.0 + 0.2316419 * ' ~ x ~ '))' -%}
    {%- set upper_tail -%}
        (case
            when {{ x }} > 37 then 0.0
            else 0.3989422804014327 * exp(-0.5 * {{ x }} * {{ x }})
                * {{ t }} * (0.319381530 + {{ t }} * (-0.356563782 + {{ t }} * (1.781477937
                + {{ t }} * (-1.821255978 + {{ t }} * 1.330274429))))
        end)
    {%- endset -%}
    (case
        when cast({{ z }} as {{ cx_metrics.type_double() }}) > 0 then 1.0 - {{ upper_tail }}
        else {{ upper_tail }}
    end)
{%- endmacro %}
