{#- A text without the given characters at its start and end (Python's str.strip(characters)). -#}
{% macro strip_characters(expression, characters) -%}
    {{ return(adapter.dispatch('strip_characters', 'cx_metrics')(expression, characters)) }}
{%- endmacro %}

{% macro default__strip_characters(expression, characters) -%}
    trim(both {{ cx_metrics.string_literal(characters) }} from {{ expression }})
{%- endmacro %}

{#- DuckDB, Snowflake and BigQuery: trim(text, characters). -#}
{% macro duckdb__strip_characters(expression, characters) -%}
    trim({{ expression }}, {{ cx_metrics.string_literal(characters) }})
{%- endmacro %}

{% macro snowflake__strip_characters(expression, characters) -%}
    {{ cx_metrics.duckdb__strip_characters(expression, characters) }}
{%- endmacro %}

{% macro bigquery__strip_characters(expression, characters) -%}
    {{ cx_metrics.duckdb__strip_characters(expression, characters) }}
{%- endmacro %}
