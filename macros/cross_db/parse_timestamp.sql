{#-
    An input value to a UTC timestamp without time zone, or null when it does not parse.
    kind is the column's kind in the warehouse (cx_input_kinds): a typed timestamp or date is
    used as it is, a timestamp with time zone is converted to UTC. Text (any other kind) must be
    'YYYY-MM-DD' or 'YYYY-MM-DD[ T]HH:MM[:SS[.ffffff]]', optionally followed (after a time) by
    an ISO 8601 offset: 'Z', '+HH', '+HHMM' or '+HH:MM' (or '-'). Text without an offset is UTC;
    text with one is converted to UTC.
    Text is checked completely before any cast, so no value can make a query fail on any engine
    and every engine accepts the same values: years 0001-9999, real calendar days (month
    lengths, leap years), hours 00-23 ('24:00' is not a time), minutes and seconds 00-59 (no
    leap second), offsets up to 14:59.
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
    {#- Nested cases: each check runs only on text that passed the one before. -#}
    case
        when {{ cx_metrics.matches_pattern(text, '^' ~ local ~ '$') }}
            then case when {{ cx_metrics._cx_valid_date_and_time(text) }}
                then {{ adapter.dispatch('cast_valid_timestamp_text', 'cx_metrics')(text) }}
            end
        when {{ cx_metrics.matches_pattern(text, '^' ~ local_time ~ '(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') }}
            then case when {{ cx_metrics._cx_valid_date_and_time(text) }}
                and {{ cx_metrics._cx_valid_offset(text) }}
                then {{ adapter.dispatch('valid_offset_text_to_utc', 'cx_metrics')(text) }}
            end
    end
    {%- endif -%}
{%- endmacro %}

{#- The digits at a 1-based position of text already known to be digits there, as a number. -#}
{% macro _cx_digits(text, position, length=2) -%}
    cast(substring({{ text }}, {{ position }}, {{ length }}) as {{ dbt.type_int() }})
{%- endmacro %}

{#-
    Whether text of the shape 'YYYY-MM-DD[ T]HH:MM[:SS...]...' names a real day and time: the
    date is at positions 1-10, the hour at 12, minutes at 15, seconds (after ':' at 17) at 18.
-#}
{% macro _cx_valid_date_and_time(text) -%}
    {%- set year = cx_metrics._cx_digits(text, 1, 4) -%}
    {%- set month = cx_metrics._cx_digits(text, 6) -%}
    (
        {{ year }} >= 1
        and {{ month }} between 1 and 12
        and {{ cx_metrics._cx_digits(text, 9) }} between 1 and case
            when {{ month }} = 2 then case
                {#- mod(), not %: SQL run through SQLAlchemy (validation's GX on PostgreSQL)
                    would read % as a parameter marker. #}
                when (mod({{ year }}, 4) = 0 and mod({{ year }}, 100) <> 0) or mod({{ year }}, 400) = 0
                    then 29 else 28 end
            when {{ month }} in (4, 6, 9, 11) then 30
            else 31
        end
        and case when length({{ text }}) = 10 then true else
            {{ cx_metrics._cx_digits(text, 12) }} <= 23
            and {{ cx_metrics._cx_digits(text, 15) }} <= 59
            and case when substring({{ text }}, 17, 1) = ':'
                then {{ cx_metrics._cx_digits(text, 18) }} <= 59 else true end
        end
    )
{%- endmacro %}

{#- Whether the offset at the end of text (Z, +HH, +HHMM or +HH:MM) is at most 14:59. -#}
{% macro _cx_valid_offset(text) -%}
    case
        when {{ cx_metrics.matches_pattern(text, '^.*[+-][0-9]{2}:[0-9]{2}$') }}
            then {{ cx_metrics._cx_digits(text, 'length(' ~ text ~ ') - 4') }} <= 14
                and {{ cx_metrics._cx_digits(text, 'length(' ~ text ~ ') - 1') }} <= 59
        when {{ cx_metrics.matches_pattern(text, '^.*[+-][0-9]{4}$') }}
            then {{ cx_metrics._cx_digits(text, 'length(' ~ text ~ ') - 3') }} <= 14
                and {{ cx_metrics._cx_digits(text, 'length(' ~ text ~ ') - 1') }} <= 59
        when {{ cx_metrics.matches_pattern(text, '^.*[+-][0-9]{2}$') }}
            then {{ cx_metrics._cx_digits(text, 'length(' ~ text ~ ') - 1') }} <= 14
        else true
    end
{%- endmacro %}

{#- Cast text already checked to be a real timestamp. -#}
{% macro default__cast_valid_timestamp_text(text) -%}
    cast({{ text }} as {{ dbt.type_timestamp() }})
{%- endmacro %}

{#- DuckDB: never raises, even where the checks above would not have run first. -#}
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

{#- BigQuery has no TIMESTAMP WITH TIME ZONE: its TIMESTAMP is an instant, and a cast reads the text's offset. -#}
{% macro bigquery__cast_valid_timestamptz_text(text) -%}
    cast({{ text }} as timestamp)
{%- endmacro %}

{#-
    Spark's TIMESTAMP is an instant: casting text with an offset converts it. Spark reads an
    offset only after the seconds ('2024-01-05 10:00Z' is null): they are added when missing.
-#}
{% macro spark__cast_valid_timestamptz_text(text) -%}
    cast(
        case
            when substring({{ text }}, 17, 1) = ':' then {{ text }}
            else substring({{ text }}, 1, 16) || ':00' || substring({{ text }}, 17)
        end
        as timestamp
    )
{%- endmacro %}

{#- Text already checked to be a real timestamp with an offset, to the UTC time it stands for. -#}
{% macro default__valid_offset_text_to_utc(text) -%}
    {{ cx_metrics.timestamptz_to_utc(adapter.dispatch('cast_valid_timestamptz_text', 'cx_metrics')(text)) }}
{%- endmacro %}

{#-
    Snowflake: built from its parts, not cast: a cast reads text by the session's
    TIMESTAMP_INPUT_FORMAT, which an account may have changed. The fraction's digits (at most
    6, from position 21) become nanoseconds.
-#}
{% macro snowflake__cast_valid_timestamp_text(text) -%}
    {%- set fraction = "rpad(substring(" ~ text ~ ", 21), 9, '0')" -%}
    case when length({{ text }}) = 10
        then timestamp_ntz_from_parts({{ cx_metrics._cx_digits(text, 1, 4) }}, {{ cx_metrics._cx_digits(text, 6) }}, {{ cx_metrics._cx_digits(text, 9) }}, 0, 0, 0)
        else timestamp_ntz_from_parts(
            {{ cx_metrics._cx_digits(text, 1, 4) }}, {{ cx_metrics._cx_digits(text, 6) }}, {{ cx_metrics._cx_digits(text, 9) }},
            {{ cx_metrics._cx_digits(text, 12) }}, {{ cx_metrics._cx_digits(text, 15) }},
            case when substring({{ text }}, 17, 1) = ':' then {{ cx_metrics._cx_digits(text, 18) }} else 0 end,
            case when substring({{ text }}, 20, 1) = '.' then cast({{ fraction }} as {{ dbt.type_int() }}) else 0 end)
    end
{%- endmacro %}

{#-
    Snowflake: the local time before the offset ('Z', '+HH', '+HHMM' or '+HH:MM'), less the
    offset's minutes.
-#}
{% macro snowflake__valid_offset_text_to_utc(text) -%}
    {%- set offset_length -%}
        case
            when {{ text }} like '%Z' then 1
            when substring({{ text }}, length({{ text }}) - 5, 1) in ('+', '-') then 6
            when substring({{ text }}, length({{ text }}) - 4, 1) in ('+', '-') then 5
            else 3
        end
    {%- endset -%}
    {%- set sign_at = 'length(' ~ text ~ ') - ' ~ offset_length ~ ' + 1' -%}
    {%- set local = 'substring(' ~ text ~ ', 1, ' ~ sign_at ~ ' - 1)' -%}
    {%- set minutes -%}
        case when {{ text }} like '%Z' then 0 else
            (case when substring({{ text }}, {{ sign_at }}, 1) = '-' then -1 else 1 end)
            * ({{ cx_metrics._cx_digits(text, sign_at ~ ' + 1') }} * 60
                + case when {{ offset_length }} > 3 then {{ cx_metrics._cx_digits(text, 'length(' ~ text ~ ') - 1') }} else 0 end)
        end
    {%- endset -%}
    dateadd(minute, -({{ minutes }}), {{ cx_metrics.snowflake__cast_valid_timestamp_text(local) }})
{%- endmacro %}
