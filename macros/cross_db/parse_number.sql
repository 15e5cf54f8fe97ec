{#-
    Text to a double, or null when the text is not a plain decimal number.
    The text is validated before it is cast, so bad text never fails a query (Postgres casts
    raise) and never becomes a number by accident (Spark and DuckDB casts accept 'inf', '1e3',
    'NaN'): the same text parses to the same number on every engine.
-#}
{% macro parse_number(expression) -%}
    {{ return(adapter.dispatch('parse_number', 'cx_metrics')(expression)) }}
{%- endmacro %}

{% macro default__parse_number(expression) -%}
    {%- set text = cx_metrics.clean_text(expression) -%}
    case
        when {{ cx_metrics.matches_pattern(text, '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)$') }}
            then cast({{ text }} as {{ cx_metrics.type_double() }})
    end
{%- endmacro %}
