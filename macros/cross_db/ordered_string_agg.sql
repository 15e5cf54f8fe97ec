{#- The texts of a group joined with no separator, in the order of an expression. -#}
{% macro ordered_string_agg(expression, order_by) -%}
    {{ return(adapter.dispatch('ordered_string_agg', 'cx_metrics')(expression, order_by)) }}
{%- endmacro %}

{% macro default__ordered_string_agg(expression, order_by) -%}
    string_agg({{ expression }}, '' order by {{ order_by }})
{%- endmacro %}

{#- Spark: collect_list keeps no order, so the pieces are sorted by their position first. -#}
{% macro spark__ordered_string_agg(expression, order_by) -%}
    array_join(transform(array_sort(collect_list(struct({{ order_by }} as cx_order, {{ expression }} as cx_piece))), cx_item -> cx_item.cx_piece), '')
{%- endmacro %}

{% macro snowflake__ordered_string_agg(expression, order_by) -%}
    listagg({{ expression }}, '') within group (order by {{ order_by }})
{%- endmacro %}

{% macro redshift__ordered_string_agg(expression, order_by) -%}
    {{ cx_metrics.snowflake__ordered_string_agg(expression, order_by) }}
{%- endmacro %}
