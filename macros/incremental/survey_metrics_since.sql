{#-
    The first day an incremental survey metric model (cx__nps, cx__csat, cx__ces) recomputes:
    the day incremental_cutoff_date('period_start') gives, or, when the responses carry load
    times, the earliest answer loaded after the table's own watermark (its loaded_through) if
    that is earlier: a late row of any age, in every load the table has not counted, however
    many runs ago it arrived. A row a load replaced in cx__survey_responses was answered after
    the row that replaced it, so its periods are recomputed too.
    Returns 'YYYY-MM-DD' or none (recompute everything). Run-time only.
-#}
{% macro survey_metrics_since(responses) -%}
    {%- set by_period = cx_metrics.incremental_cutoff_date('period_start') -%}
    {%- if not execute or by_period is none -%}
        {{ return(by_period) }}
    {%- endif -%}
    {%- set counted_through = cx_metrics.latest_loaded_at(this, 'loaded_through') -%}
    {%- if counted_through is none -%}
        {{ return(by_period) }}
    {%- endif -%}
    {%- set query -%}
        select cast(cast(min(responded_at) as date) as {{ dbt.type_string() }}) as since
        from {{ responses }}
        where loaded_at > cast('{{ counted_through }}' as {{ dbt.type_timestamp() }})
    {%- endset -%}
    {%- set by_load = run_query(query).columns[0].values()[0] -%}
    {{ return(by_load if by_load is not none and by_load < by_period else by_period) }}
{%- endmacro %}
