{#-
    Customer retention rate on 0-100, the standard (E - N) / S:
    100 * (customers_at_end - new_customers) / customers_at_start. Never E / S, which counts the
    period's new customers as retained. Null when there are no customers at the start.
-#}
{% macro retention_rate(customers_at_end, new_customers, customers_at_start) -%}
    {{ return(adapter.dispatch('retention_rate', 'cx_metrics')(customers_at_end, new_customers, customers_at_start)) }}
{%- endmacro %}

{% macro default__retention_rate(customers_at_end, new_customers, customers_at_start) -%}
    {{ cx_metrics.ratio_pct('(' ~ customers_at_end ~ ') - (' ~ new_customers ~ ')', customers_at_start) }}
{%- endmacro %}
