{#-
    An exact decimal for sums that rise and fall (running totals of revenue): 38 digits, 6 after
    the point. Numbers are accepted below 1e18 (parse_number), so even ten million of them sum
    without overflow, and a level that returns to zero is exactly zero.
-#}
{% macro type_exact_sum() -%}
    {{ return(adapter.dispatch('type_exact_sum', 'cx_metrics')()) }}
{%- endmacro %}

{% macro default__type_exact_sum() -%}
    decimal(38, 6)
{%- endmacro %}

{#- BigQuery: DECIMAL is NUMERIC, at most 29 digits before the point; BIGNUMERIC holds 38 with 6 after. -#}
{% macro bigquery__type_exact_sum() -%}
    bignumeric(38, 6)
{%- endmacro %}
