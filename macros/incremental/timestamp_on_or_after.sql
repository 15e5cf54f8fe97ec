{#-
    True for rows whose timestamp falls on or after a day ('YYYY-MM-DD'; none = every row).
    timestamp is the parsed column, text the raw text it was parsed from. DuckDB compares the
    text (less leading spaces), which skips parsing, or even trimming, every row of a large
    input: a text that parses starts with its date as YYYY-MM-DD after any spaces, so it sorts
    on or after the day exactly when its timestamp does (texts that do not parse may pass too;
    they are rejected later anyway).
-#}
{% macro timestamp_on_or_after(timestamp, text, day) -%}
    {{ return(adapter.dispatch('timestamp_on_or_after', 'cx_metrics')(timestamp, text, day)) }}
{%- endmacro %}

{% macro default__timestamp_on_or_after(timestamp, text, day) -%}
    {%- if day is none -%}
        (1 = 1)
    {%- else -%}
        ({{ timestamp }} >= cast('{{ day }}' as {{ dbt.type_timestamp() }}))
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__timestamp_on_or_after(timestamp, text, day) -%}
    {%- if day is none -%}
        (1 = 1)
    {%- else -%}
        (ltrim({{ text }}) >= '{{ day }}')
    {%- endif -%}
{%- endmacro %}
