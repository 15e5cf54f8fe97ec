{#- A text without the given characters at its start and end (Python's str.strip(characters)). -#}
{% macro strip_characters(expression, characters) -%}
    {{ return(adapter.dispatch('strip_characters', 'cx_metrics')(expression, characters)) }}
{%- endmacro %}

{% macro default__strip_characters(expression, characters) -%}
    trim(both {{ cx_metrics.string_literal(characters) }} from {{ expression }})
{%- endmacro %}

{#- DuckDB: a regular expression, about 9 times faster here than trim with many characters. -#}
{% macro duckdb__strip_characters(expression, characters) -%}
    {%- set members = [] -%}
    {%- for character in characters -%}
        {%- do members.append('\\' ~ character if character in '\\[]^-' else character) -%}
    {%- endfor -%}
    {%- set class = '[' ~ members | join('') ~ ']+' -%}
    regexp_replace({{ expression }}, {{ cx_metrics.string_literal('^' ~ class ~ '|' ~ class ~ '$') }}, '', 'g')
{%- endmacro %}

{#- Snowflake and BigQuery: trim(text, characters). -#}
{% macro snowflake__strip_characters(expression, characters) -%}
    trim({{ expression }}, {{ cx_metrics.string_literal(characters) }})
{%- endmacro %}

{% macro bigquery__strip_characters(expression, characters) -%}
    {{ cx_metrics.snowflake__strip_characters(expression, characters) }}
{%- endmacro %}
