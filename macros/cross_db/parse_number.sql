{#-
    An input value to a double, or null when it is not a plain decimal number (at most 18
    digits before and after the point).
    kind is the column's kind in the warehouse (cx_input_kinds): a typed number is used as it
    is when its magnitude is below 1e18, as a text's at most 18 digits are (NaN, infinities and
    larger numbers are null, so sums of them are exact: type_exact_sum); anything else is parsed
    as text.
    The text is validated before it is cast, so bad text never fails a query (Postgres casts
    raise) and never becomes a number by accident (Spark and DuckDB casts accept 'inf', '1e3',
    'NaN'): the same text parses to the same number on every engine.
-#}
{% macro parse_number(expression, kind='text') -%}
    {%- if kind == 'number' -%}
    case
        when cast({{ expression }} as {{ cx_metrics.type_double() }}) > -1.0e18
            and cast({{ expression }} as {{ cx_metrics.type_double() }}) < 1.0e18
            then cast({{ expression }} as {{ cx_metrics.type_double() }})
    end
    {%- else -%}
        {{ return(adapter.dispatch('parse_number', 'cx_metrics')(expression)) }}
    {%- endif -%}
{%- endmacro %}

{% macro default__parse_number(expression) -%}
    {%- set text = cx_metrics.clean_text(expression) -%}
    {#- At most 18 digits before and after the point: a longer text could overflow a double,
        which PostgreSQL raises on. #}
    case
        when {{ cx_metrics.matches_pattern(text, '^[+-]?([0-9]{1,18}([.][0-9]{0,18})?|[.][0-9]{1,18})$') }}
            then cast({{ text }} as {{ cx_metrics.type_double() }})
    end
{%- endmacro %}
