{#- True when a text expression matches a POSIX regular expression (null for null). -#}
{% macro matches_pattern(expression, pattern) -%}
    {{ return(adapter.dispatch('matches_pattern', 'cx_metrics')(expression, pattern)) }}
{%- endmacro %}

{% macro default__matches_pattern(expression, pattern) -%}
    ({{ expression }} ~ '{{ pattern }}')
{%- endmacro %}

{% macro duckdb__matches_pattern(expression, pattern) -%}
    regexp_full_match({{ expression }}, '{{ pattern }}')
{%- endmacro %}

{#-
    Spark (Java regular expressions): $ also matches before a final line break, so '9' followed
    by a newline would match '^[0-9]+$'. A final $ becomes (?!.) under (?s): the very end of the
    text, as $ is on the other engines.
-#}
{% macro spark__matches_pattern(expression, pattern) -%}
    {%- if pattern.endswith('$') -%}
        {%- set pattern = '(?s)' ~ pattern[:-1] ~ '(?!.)' -%}
    {%- endif -%}
    ({{ expression }} rlike '{{ pattern }}')
{%- endmacro %}

{#-
    Snowflake: regexp_like matches the whole text (as if the pattern were anchored), which every
    pattern here is; the ~ operator does not exist there.
-#}
{% macro snowflake__matches_pattern(expression, pattern) -%}
    regexp_like({{ expression }}, '{{ pattern }}')
{%- endmacro %}

{#- BigQuery has no ~ operator: REGEXP_CONTAINS (RE2, where $ is the very end of the text), and every pattern here is anchored. -#}
{% macro bigquery__matches_pattern(expression, pattern) -%}
    regexp_contains({{ expression }}, '{{ pattern }}')
{%- endmacro %}
