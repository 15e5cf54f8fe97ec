{#-
    The latest loaded_at already in this model's table, as text for a literal ('YYYY-MM-DD
    HH:MM:SS[.ffffff]'), or none when it has none. A literal, not a subquery, so that the
    database can skip the files and row groups of the loads already built.
    Run-time only: at parse time it returns none.
-#}
{% macro latest_loaded_at() -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set query -%}
        select cast(max(loaded_at) as {{ dbt.type_string() }}) as latest from {{ this }}
    {%- endset -%}
    {{ return(run_query(query).columns[0].values()[0]) }}
{%- endmacro %}
