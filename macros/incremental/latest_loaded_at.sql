{#-
    The latest loaded_at already in this model's table, as text for a literal ('YYYY-MM-DD
    HH:MM:SS[.ffffff]'), or none when it has none. A literal, not a subquery, so that the
    database can skip the files and row groups of the loads already built. A table built by
    an earlier version, without the column, fails at once with the fix.
    Run-time only: at parse time it returns none.
-#}
{% macro latest_loaded_at() -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set built = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
    {%- if 'loaded_at' not in built -%}
        {{ exceptions.raise_compiler_error(
            "cx_metrics: " ~ this ~ " was built without the column loaded_at (added with incremental "
            ~ "refreshes by load). Fix: rebuild it once with `dbt build --full-refresh --select "
            ~ this.identifier ~ "+`."
        ) }}
    {%- endif -%}
    {%- set query -%}
        select cast(max(loaded_at) as {{ dbt.type_string() }}) as latest from {{ this }}
    {%- endset -%}
    {{ return(run_query(query).columns[0].values()[0]) }}
{%- endmacro %}
