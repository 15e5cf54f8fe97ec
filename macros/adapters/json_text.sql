{#- The text value of one top-level key of a JSON object column (null when absent or null). -#}
{% macro json_text(expression, key) -%}
    {{ return(adapter.dispatch('json_text', 'cx_metrics')(expression, key)) }}
{%- endmacro %}

{% macro default__json_text(expression, key) -%}
    json_extract_string(cast({{ expression }} as json), '$."{{ key }}"')
{%- endmacro %}

{% macro postgres__json_text(expression, key) -%}
    (cast({{ expression }} as jsonb) ->> '{{ key }}')
{%- endmacro %}

{% macro spark__json_text(expression, key) -%}
    get_json_object(cast({{ expression }} as string), '$[\'{{ key }}\']')
{%- endmacro %}

{% macro snowflake__json_text(expression, key) -%}
    json_extract_path_text(cast({{ expression }} as varchar), '"{{ key }}"')
{%- endmacro %}

{% macro bigquery__json_text(expression, key) -%}
    json_value(cast({{ expression }} as string), '$."{{ key }}"')
{%- endmacro %}

{#- Redshift (dispatched to postgres__ otherwise) has no jsonb. -#}
{% macro redshift__json_text(expression, key) -%}
    json_extract_path_text(cast({{ expression }} as varchar), '{{ key }}', true)
{%- endmacro %}
