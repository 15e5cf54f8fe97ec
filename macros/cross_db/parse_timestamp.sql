{#-
    An input value to a UTC timestamp without time zone, or null when it does not parse.
    kind is the column's kind in the warehouse (cx_input_kinds): a typed timestamp or date is
    used as it is, a timestamp with time zone is converted to UTC. Text (any other kind) must be
    'YYYY-MM-DD' or 'YYYY-MM-DD[ T]HH:MM[:SS[.ffffff]]', optionally followed (after a time) by
    an ISO 8601 offset: 'Z', '+HH', '+HHMM' or '+HH:MM' (or '-'). Text without an offset is UTC;
    text with one is converted to UTC.
-#}
{% macro parse_timestamp(expression, kind='text') -%}
    {%- if kind == 'timestamptz' -%}
        {{ cx_metrics.timestamptz_to_utc(expression) }}
    {%- elif kind in ('timestamp', 'date') -%}
        cast({{ expression }} as {{ dbt.type_timestamp() }})
    {%- else -%}
        {%- set text = cx_metrics.clean_text(expression) -%}
        {%- set local = '[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?' -%}
        {%- set local_time = '[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?' -%}
    case
        when {{ cx_metrics.matches_pattern(text, '^' ~ local ~ '$') }}
            then {{ adapter.dispatch('cast_valid_timestamp_text', 'cx_metrics')(text) }}
        when {{ cx_metrics.matches_pattern(text, '^' ~ local_time ~ '(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') }}
            then {{ cx_metrics.timestamptz_to_utc(
                adapter.dispatch('cast_valid_timestamptz_text', 'cx_metrics')(text)) }}
    end
    {%- endif -%}
{%- endmacro %}

{#- Cast text already known to have the shape of a timestamp (the date may still not exist). -#}
{% macro default__cast_valid_timestamp_text(text) -%}
    cast({{ text }} as {{ dbt.type_timestamp() }})
{%- endmacro %}

{% macro duckdb__cast_valid_timestamp_text(text) -%}
    try_cast({{ text }} as timestamp)
{%- endmacro %}

{#- The same, for text that ends in a UTC offset: to the engine's timestamp with time zone. -#}
{% macro default__cast_valid_timestamptz_text(text) -%}
    cast({{ text }} as timestamp with time zone)
{%- endmacro %}

{% macro duckdb__cast_valid_timestamptz_text(text) -%}
    try_cast({{ text }} as timestamptz)
{%- endmacro %}

{#- Spark's TIMESTAMP is an instant: casting text with an offset converts it. -#}
{% macro spark__cast_valid_timestamptz_text(text) -%}
    cast({{ text }} as timestamp)
{%- endmacro %}
