{#-
    z statistic of the difference of two independent NPS estimates (sample 1 minus sample 0),
    from counts. Each NPS, as a fraction pP - pD (pP, pD the promoter and detractor shares of
    n answers), has the Wald variance of nps_variance; z = (nps_1 - nps_0) / sqrt(var_1 + var_0).
    Null when either n is 0 or the variance sum is not positive (both samples all promoters).
-#}
{% macro z_test_nps_difference(promoters_1, detractors_1, responses_1, promoters_0, detractors_0, responses_0) -%}
    {{ return(adapter.dispatch('z_test_nps_difference', 'cx_metrics')(promoters_1, detractors_1, responses_1, promoters_0, detractors_0, responses_0)) }}
{%- endmacro %}

{% macro default__z_test_nps_difference(promoters_1, detractors_1, responses_1, promoters_0, detractors_0, responses_0) -%}
    {%- set samples = [] -%}
    {%- for promoters, detractors, responses in [(promoters_1, detractors_1, responses_1), (promoters_0, detractors_0, responses_0)] -%}
        {%- set nps = '(' ~ cx_metrics.safe_divide(promoters, responses) ~ ' - ' ~ cx_metrics.safe_divide(detractors, responses) ~ ')' -%}
        {%- do samples.append({'nps': nps, 'variance': cx_metrics.nps_variance(promoters, detractors, responses)}) -%}
    {%- endfor -%}
    {%- set variance_sum = '(' ~ samples[0]['variance'] ~ ' + ' ~ samples[1]['variance'] ~ ')' -%}
    (case
        when {{ variance_sum }} > 0
            then ({{ samples[0]['nps'] }} - {{ samples[1]['nps'] }}) / sqrt({{ variance_sum }})
    end)
{%- endmacro %}
