{#-
    A code (survey type, channel, segment, label, ...): clean_text with the ASCII letters A-Z
    lower-cased and every other character kept as it is. lower() differs between engines and
    locales beyond ASCII ('İ' becomes 'i' on DuckDB, 'i̇' on Spark, stays 'İ' on PostgreSQL in the
    C locale; the Kelvin sign becomes 'k' on some), so a code must not depend on it.
-#}
{% macro clean_code(expression) -%}
    {{ return(adapter.dispatch('clean_code', 'cx_metrics')(expression)) }}
{%- endmacro %}

{% macro default__clean_code(expression) -%}
    translate({{ cx_metrics.clean_text(expression) }}, '{{ cx_metrics._cx_ascii_upper() }}', '{{ cx_metrics._cx_ascii_upper() | lower }}')
{%- endmacro %}

{#- DuckDB: its lower() where the text is all ASCII (as fast as lower), else translate(). -#}
{% macro duckdb__clean_code(expression) -%}
    {%- set text = 'cast(' ~ expression ~ ' as varchar)' -%}
    case
        when strlen({{ text }}) = length({{ text }}) then lower({{ cx_metrics.clean_text(expression) }})
        else {{ cx_metrics.default__clean_code(expression) }}
    end
{%- endmacro %}

{% macro _cx_ascii_upper() -%}
    {{- return('ABCDEFGHIJKLMNOPQRSTUVWXYZ') -}}
{%- endmacro %}
