{#-
    z statistic of the two-proportion test with the pooled proportion (sample 1 minus
    sample 0): p_i = x_i / n_i, p = (x_1 + x_0) / (n_1 + n_0),
    z = (p_1 - p_0) / sqrt(p (1 - p) (1/n_1 + 1/n_0)). Null when either n is 0 or the
    denominator is 0 (both samples all successes or all failures).
-#}
{% macro z_test_two_proportions(successes_1, total_1, successes_0, total_0) -%}
    {{ return(adapter.dispatch('z_test_two_proportions', 'cx_metrics')(successes_1, total_1, successes_0, total_0)) }}
{%- endmacro %}

{% macro default__z_test_two_proportions(successes_1, total_1, successes_0, total_0) -%}
    {%- set pooled = cx_metrics.safe_divide('(' ~ successes_1 ~ ') + (' ~ successes_0 ~ ')', '(' ~ total_1 ~ ') + (' ~ total_0 ~ ')') -%}
    {%- set variance -%}
        ({{ pooled }} * (1 - {{ pooled }})
            * (1 / nullif(cast({{ total_1 }} as {{ cx_metrics.type_double() }}), 0)
                + 1 / nullif(cast({{ total_0 }} as {{ cx_metrics.type_double() }}), 0)))
    {%- endset -%}
    (case
        when {{ variance }} > 0
            then ({{ cx_metrics.safe_divide(successes_1, total_1) }} - {{ cx_metrics.safe_divide(successes_0, total_0) }})
                / sqrt({{ variance }})
    end)
{%- endmacro %}
