{#-
    A raw value as text without leading and trailing spaces; blank text is null. Spaces are the
    Unicode space separators (category Zs: U+0020, the no-break space U+00A0, U+1680,
    U+2000-U+200A, U+202F, U+205F and the ideographic space U+3000), what DuckDB's trim()
    strips; tabs, line breaks, other control and invisible characters (U+200B, U+FEFF) stay.
-#}
{% macro clean_text(expression) -%}
    {{ return(adapter.dispatch('clean_text', 'cx_metrics')(expression)) }}
{%- endmacro %}

{% macro default__clean_text(expression) -%}
    nullif(trim(both '{{ cx_metrics._cx_unicode_spaces() }}' from cast({{ expression }} as {{ dbt.type_string() }})), '')
{%- endmacro %}

{#- Snowflake: trim(text, characters); trim(both ... from ...) is not its syntax. -#}
{% macro snowflake__clean_text(expression) -%}
    nullif(trim(cast({{ expression }} as {{ dbt.type_string() }}), '{{ cx_metrics._cx_unicode_spaces() }}'), '')
{%- endmacro %}

{% macro duckdb__clean_text(expression) -%}
    nullif(trim(cast({{ expression }} as varchar)), '')
{%- endmacro %}

{% macro _cx_unicode_spaces() -%}
    {{- return(' \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000') -}}
{%- endmacro %}

{#- BigQuery: TRIM(value, characters) strips the characters given; trim(both ... from ...) is not its syntax. -#}
{% macro bigquery__clean_text(expression) -%}
    nullif(trim(cast({{ expression }} as {{ dbt.type_string() }}), '{{ cx_metrics._cx_unicode_spaces() }}'), '')
{%- endmacro %}
