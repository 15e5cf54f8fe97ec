{#-
    Every survey answer, cleaned and parsed (base_cx__survey_responses), with the reason it is
    rejected (null when it is accepted): its own defect, or 'duplicate key' for a later copy of
    a key. A table, so that the text is parsed once and every later model reads typed rows.

    With a load column (cx_loads_column) it grows by load (delete+insert on response_id): a run
    parses only the loads after the latest loaded_at here, and ranks them with every row already
    here of their keys, so each row's reason is the one a full build gives:
    - a new row is a duplicate if a valid row of its key, new or built, comes first;
    - a built row that a new, earlier valid row displaces becomes a duplicate, and takes its raw
      values from its own load (a filter on that load time; the accepted row kept none).
    Rows without a load time belong to no load: the pre-hook deletes them and each run parses
    them again. Without a load column every run rebuilds it (the pre-hook empties it). Spark,
    whose Parquet tables cannot delete, builds a table.
-#}
{{ config(
    materialized='table' if target.type == 'spark' else 'incremental',
    unique_key='response_id',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    pre_hook="{% if is_incremental() %}delete from {{ this }}{% if cx_metrics.cx_loads_column('survey_responses') %} where loaded_at is null{% endif %}{% endif %}",
) }}
{%- set columns = ['response_id', 'customer_id', 'survey_type', 'program', 'touchpoint', 'channel',
                   'score', 'responded_at', 'responded_at_raw', 'comment', 'ticket_id', 'loaded_at',
                   'row_rejection_reason', 'row_fingerprint']
                   + cx_metrics.cx_optional_columns('survey_responses', 'names') -%}
{#- Called outside is_incremental() too, so that parsing records the input's upstream nodes. #}
{%- set loads_column = cx_metrics.cx_loads_column('survey_responses') %}
{%- set loads = loads_column if is_incremental() else none %}
{%- set built_through = cx_metrics.latest_loaded_at() if loads else none %}

with
{%- if built_through is none %}

ranked as (

    select
        {{ columns | join(', ') }},
        raw_record,
        {{ cx_metrics.rejection_reason('response_id', 'responded_at, loaded_at') }} as rejection_reason
    from {{ ref('cx_metrics', 'base_cx__survey_responses') }}

),

final as (

    select
        {{ columns | join(',\n        ') }},
        {{ cx_metrics.raw_record_if_rejected() }} as raw_record,
        rejection_reason
    from ranked

)
{%- else %}

{%- set ranked_ctes %}
{#- Read three times: materialized, so that the new loads are parsed once. -#}
new_rows as {{ cx_metrics.materialized_cte() }} (

    select {{ columns | join(', ') }}, raw_record
    from {{ ref('cx_metrics', 'base_cx__survey_responses') }}
    where loaded_at > cast('{{ built_through }}' as {{ dbt.type_timestamp() }})
    {%- if cx_metrics.survey_rows_without_load_time(loads) %}
        or loaded_at is null
    {%- endif %}

),

ranked as (

    select
        *,
        {{ cx_metrics.rejection_reason('response_id', 'responded_at, loaded_at') }} as rejection_reason
    from (
        select *, 0 as is_built from new_rows
        union all
        {#- Every built row of a new row's key: delete+insert replaces them all. #}
        select {{ columns | join(', ') }}, raw_record, 1 as is_built
        from {{ this }}
        where response_id in (select response_id from new_rows)
    ) as candidates

),

displaced as (

    {#- Built rows rejected only now: accepted until this run, so kept without raw values. -#}
    select response_id, loaded_at, row_fingerprint from ranked
    where is_built = 1 and rejection_reason is not null and raw_record is null

)
{%- endset %}

{#- The displaced rows' load times, found first, so that their raw values are read from those
    loads alone (a join would parse every load). -#}
{%- set displaced_loads = [] %}
{%- if execute %}
{%- set found = run_query('with ' ~ ranked_ctes ~ ' select distinct cast(loaded_at as ' ~ dbt.type_string() ~ ') from displaced') %}
{%- for row in found.rows %}{% do displaced_loads.append(row[0]) %}{% endfor %}
{%- endif %}

{{ ranked_ctes }},

displaced_raw as (

    select response_id, loaded_at, row_fingerprint, min(raw_record) as raw_record
    from {{ ref('cx_metrics', 'base_cx__survey_responses') }}
    where response_id in (select response_id from displaced)
    {%- if displaced_loads %}
        and loaded_at in (
            {%- for load in displaced_loads %}
            {{ ', ' if not loop.first }}cast('{{ load }}' as {{ dbt.type_timestamp() }})
            {%- endfor %})
    {%- else %}
        and 1 = 0
    {%- endif %}
    group by response_id, loaded_at, row_fingerprint

),

final as (

    select
        {%- for column in columns %}
        ranked.{{ column }},
        {%- endfor %}
        case
            when ranked.rejection_reason is not null
                then coalesce(ranked.raw_record, displaced_raw.raw_record)
        end as raw_record,
        ranked.rejection_reason
    from ranked
    left join displaced_raw
        on ranked.is_built = 1
        and ranked.response_id = displaced_raw.response_id
        and ranked.loaded_at = displaced_raw.loaded_at
        and ranked.row_fingerprint = displaced_raw.row_fingerprint

)
{%- endif %}

select * from final
