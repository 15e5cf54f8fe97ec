{#-
    True for rows whose timestamp falls on or after a day ('YYYY-MM-DD'; none = every row).
    timestamp is the parsed column, text the raw value as text. DuckDB first compares the text
    (less leading spaces) with the day before, which skips parsing, or even trimming, most rows
    of a large input: a value that parses starts with its date as YYYY-MM-DD after any spaces,
    and that local date is at most one day off its UTC date (offsets are under 24 hours), so
    every row on or after the day passes; the exact comparison then decides.
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
        {%- set day_before = modules.datetime.date.fromisoformat(day) - modules.datetime.timedelta(days=1) %}
        (ltrim({{ text }}) >= '{{ day_before.isoformat() }}'
            and {{ timestamp }} >= cast('{{ day }}' as {{ dbt.type_timestamp() }}))
    {%- endif -%}
{%- endmacro %}
