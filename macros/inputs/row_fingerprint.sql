{#-
    A value that tells apart rows whose raw values differ: the last tie-breaker when a key has
    several valid rows at the same time (rejection_reason). By default the raw record itself;
    on DuckDB a 64-bit hash of the raw values, which sorts far faster than the JSON text (the
    JSON is then only built for the rows that are rejected).
-#}
{% macro row_fingerprint(columns) -%}
    {{ return(adapter.dispatch('row_fingerprint', 'cx_metrics')(columns)) }}
{%- endmacro %}

{% macro default__row_fingerprint(columns) -%}
    {{ cx_metrics.raw_record(columns) }}
{%- endmacro %}

{% macro duckdb__row_fingerprint(columns) -%}
    {#- No columns: a unit test's, whose contract is empty (cx_input_contract). -#}
    {{ 'hash(' ~ columns | join(', ') ~ ')' if columns else 'cast(null as bigint)' }}
{%- endmacro %}
