{#- Churn rate on 0-100: 100 * churned_customers / customers_at_start (null when none at start). -#}
{% macro churn_rate(churned_customers, customers_at_start) -%}
    {{ return(adapter.dispatch('churn_rate', 'cx_metrics')(churned_customers, customers_at_start)) }}
{%- endmacro %}

{% macro default__churn_rate(churned_customers, customers_at_start) -%}
    {{ cx_metrics.ratio_pct(churned_customers, customers_at_start) }}
{%- endmacro %}
