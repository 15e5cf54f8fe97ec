{#-
    The latest load time already in a model's table (this model's, or `relation`'s): the
    maximum of `column` (loaded_at, or the metric tables' loaded_through), as text for a literal
    ('YYYY-MM-DD HH:MM:SS[.ffffff]'), or none when it has none. A literal, not a subquery, so
    that the database can skip the files and row groups of the loads already built. A table
    built by an earlier version, without the column, fails at once with the fix.
    Run-time only: at parse time it returns none, and none for a relation not built yet.
-#}
{% macro latest_loaded_at(relation=none, column='loaded_at') -%}
    {%- set relation = relation if relation is not none else this -%}
    {%- if not execute or adapter.get_relation(relation.database, relation.schema, relation.identifier) is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set built = adapter.get_columns_in_relation(relation) | map(attribute='name') | map('lower') | list -%}
    {%- if column not in built -%}
        {{ exceptions.raise_compiler_error(
            "cx_metrics: " ~ relation ~ " was built without the column " ~ column ~ " (added with "
            ~ "incremental refreshes by load). Fix: rebuild it once with `dbt build --full-refresh "
            ~ "--select " ~ relation.identifier ~ "+`."
        ) }}
    {%- endif -%}
    {%- set query -%}
        select cast(max({{ column }}) as {{ dbt.type_string() }}) as latest from {{ relation }}
    {%- endset -%}
    {{ return(run_query(query).columns[0].values()[0]) }}
{%- endmacro %}
