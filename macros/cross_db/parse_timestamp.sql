{#-
    Text (or a timestamp) to a timestamp without time zone, or null when it does not parse.
    Accepts 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM[:SS[.ffffff]]' and the ISO 'T' separator. Text with
    a UTC offset is not accepted: the contract's timestamps are UTC, so convert upstream.
-#}
{% macro parse_timestamp(expression) -%}
    {%- set text = cx_metrics.clean_text(expression) -%}
    case
        when {{ cx_metrics.matches_pattern(
            text, '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?$'
        ) }}
            then {{ adapter.dispatch('cast_valid_timestamp_text', 'cx_metrics')(text) }}
    end
{%- endmacro %}

{#- Cast text already known to have the shape of a timestamp (the date may still not exist). -#}
{% macro default__cast_valid_timestamp_text(text) -%}
    cast({{ text }} as {{ dbt.type_timestamp() }})
{%- endmacro %}

{% macro duckdb__cast_valid_timestamp_text(text) -%}
    try_cast({{ text }} as timestamp)
{%- endmacro %}
