{#-
    The set operator that keeps distinct rows: 'union' is enough on most engines, BigQuery
    requires UNION DISTINCT (or ALL) and reads a bare UNION as a syntax error.
-#}
{% macro _cx_union_distinct() -%}
    {{- return('union distinct' if target.type == 'bigquery' else 'union') -}}
{%- endmacro %}
