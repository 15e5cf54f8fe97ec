{#-
    A text column split into rows: (id, part_no (1-based), part) for each row of a relation,
    split at a one-character delimiter, or into its characters with delimiter ''. Null texts
    give no rows. Engines with a native split unnest an array; the default reads the parts
    off a spine of numbers (texts of at most max_length characters).
-#}
{% macro split_to_rows(relation, id_column, text_column, delimiter, max_length=10000) -%}
    {{ return(adapter.dispatch('split_to_rows', 'cx_metrics')(relation, id_column, text_column, delimiter, max_length)) }}
{%- endmacro %}

{% macro default__split_to_rows(relation, id_column, text_column, delimiter, max_length=10000) -%}
    {%- if delimiter == '' -%}
        {%- set parts = 'length(cx_split.' ~ text_column ~ ')' -%}
        {%- set part = 'substr(cx_split.' ~ text_column ~ ', spine.n + 1, 1)' -%}
    {%- else -%}
        {%- set parts = 'length(cx_split.' ~ text_column ~ ') - length(replace(cx_split.' ~ text_column ~ ', '
                        ~ cx_metrics.string_literal(delimiter) ~ ", '')) + 1" -%}
        {%- set part = cx_metrics.split_part('cx_split.' ~ text_column, delimiter, 'spine.n + 1') -%}
    {%- endif -%}
    select cx_split.{{ id_column }}, spine.n + 1 as part_no, {{ part }} as part
    from {{ relation }} as cx_split
    inner join ({{ cx_metrics.numbers(max_length + 1) }}) as spine
        on spine.n < {{ parts }}
{%- endmacro %}

{% macro duckdb__split_to_rows(relation, id_column, text_column, delimiter, max_length=10000) -%}
    select {{ id_column }}, unnest(range(1, len(parts) + 1)) as part_no, unnest(parts) as part
    from (
        select {{ id_column }}, string_split({{ text_column }}, {{ cx_metrics.string_literal(delimiter) }}) as parts
        from {{ relation }}
        where {{ text_column }} is not null
    ) as cx_split
{%- endmacro %}

{#- PostgreSQL: string_to_array with a null delimiter splits into characters. -#}
{% macro postgres__split_to_rows(relation, id_column, text_column, delimiter, max_length=10000) -%}
    select cx_split.{{ id_column }}, cast(parts.part_no as integer) as part_no, parts.part
    from {{ relation }} as cx_split
    cross join lateral unnest(string_to_array(cx_split.{{ text_column }},
        {{ 'null' if delimiter == '' else cx_metrics.string_literal(delimiter) }})) with ordinality as parts (part, part_no)
{%- endmacro %}

{#- Spark and Databricks: split takes a regular expression; '' splits into characters. -#}
{% macro spark__split_to_rows(relation, id_column, text_column, delimiter, max_length=10000) -%}
    {%- set pattern = '' if delimiter == '' else '[' ~ delimiter ~ ']' -%}
    select cx_split.{{ id_column }}, parts.part_no + 1 as part_no, parts.part
    from {{ relation }} as cx_split
    lateral view posexplode(split(cx_split.{{ text_column }}, {{ cx_metrics.string_literal(pattern) }}, -1)) parts as part_no, part
{%- endmacro %}

{#- BigQuery: SPLIT with an empty delimiter splits into characters. -#}
{% macro bigquery__split_to_rows(relation, id_column, text_column, delimiter, max_length=10000) -%}
    select cx_split.{{ id_column }}, part_no + 1 as part_no, part
    from {{ relation }} as cx_split
    cross join unnest(split(cx_split.{{ text_column }}, {{ cx_metrics.string_literal(delimiter) }})) as part with offset as part_no
{%- endmacro %}
