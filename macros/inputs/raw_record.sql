{#-
    The raw values of a row as JSON text ({"column": "value", ...}, null for null), kept with
    every rejected record so that nothing is lost and a person can see what arrived.
    Quotes and backslashes inside values are escaped.
-#}
{% macro raw_record(columns) -%}
    {{ return(adapter.dispatch('raw_record', 'cx_metrics')(columns)) }}
{%- endmacro %}

{% macro default__raw_record(columns) -%}
    {#- Standard SQL string literals: a backslash is an ordinary character. -#}
    {{ cx_metrics._raw_record_json(columns, '\\') }}
{%- endmacro %}

{#- Spark, Snowflake and BigQuery string literals: a backslash escapes, so it is written twice. -#}
{% macro spark__raw_record(columns) -%}
    {{ cx_metrics._raw_record_json(columns, '\\\\') }}
{%- endmacro %}

{% macro snowflake__raw_record(columns) -%}
    {{ cx_metrics.spark__raw_record(columns) }}
{%- endmacro %}

{% macro bigquery__raw_record(columns) -%}
    {{ cx_metrics.spark__raw_record(columns) }}
{%- endmacro %}

{#- Redshift (dispatched to postgres__ otherwise): a backslash escapes in its string literals (QUOTE_LITERAL doubles them). -#}
{% macro redshift__raw_record(columns) -%}
    {{ cx_metrics.spark__raw_record(columns) }}
{%- endmacro %}

{% macro _raw_record_json(columns, backslash) -%}
    {%- if not columns -%}
        {{ return('cast(null as ' ~ dbt.type_string() ~ ')') }}
    {%- endif -%}
    '{' ||
    {%- for column in columns %}
    '"{{ column }}": ' || coalesce(
        '"' || replace(replace(cast({{ column }} as {{ dbt.type_string() }}),
            '{{ backslash }}', '{{ backslash }}{{ backslash }}'), '"', '{{ backslash }}"') || '"',
        'null'
    ) || '{{ ", " if not loop.last }}' ||
    {%- endfor %}
    '}'
{%- endmacro %}
