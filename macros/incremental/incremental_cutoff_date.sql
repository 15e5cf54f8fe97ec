{#-
    The first day an incremental run recomputes: the day of the latest value of event_time
    already in this model's table, less cx_incremental_lookback_days (for rows that arrive
    late). Returns 'YYYY-MM-DD', or none when the table is empty (recompute everything).
    Run-time only: at parse time it returns none.
-#}
{% macro incremental_cutoff_date(event_time) -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set lookback = var('cx_incremental_lookback_days') | int -%}
    {%- set query -%}
        select cast(cast({{ dbt.dateadd('day', -lookback, 'max(' ~ event_time ~ ')') }} as date) as {{ dbt.type_string() }}) as cutoff
        from {{ this }}
    {%- endset -%}
    {{ return(run_query(query).columns[0].values()[0]) }}
{%- endmacro %}
