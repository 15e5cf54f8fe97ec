{#-
    The n-th (1-based; n may be a column) part of a text split at a literal delimiter; dbt's own
    split_part takes only a constant n.
-#}
{% macro split_part(expression, delimiter, part_number) -%}
    {{ return(adapter.dispatch('split_part', 'cx_metrics')(expression, delimiter, part_number)) }}
{%- endmacro %}

{% macro default__split_part(expression, delimiter, part_number) -%}
    split_part({{ expression }}, {{ cx_metrics.string_literal(delimiter) }}, {{ part_number }})
{%- endmacro %}

{% macro bigquery__split_part(expression, delimiter, part_number) -%}
    split({{ expression }}, {{ cx_metrics.string_literal(delimiter) }})[safe_offset({{ part_number }} - 1)]
{%- endmacro %}
