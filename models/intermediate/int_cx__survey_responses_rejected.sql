{#-
    The survey input's rejected rows (reason and raw values), one row per rejected row; rows
    without a load time are left to cx__rejected_records, which reads them in every build.
    With a load column (cx_loads_column) it is incremental, append only, and reads just the
    new loads of staging (those after cx__survey_responses' latest loaded_at; this model is
    built first), whose reasons are final (staging ranks them with every row of their keys):
    - a new row's rejection is new;
    - a key's row accepted until now that staging now finds a duplicate (a new, earlier valid
      row displaced it) is new, with the raw values staging read again from its load;
    - no earlier rejection ever changes: a defect stays, and a duplicate stays one, since a
      key's accepted row can only become earlier.
    So it equals a full build, as cx__survey_responses does, and a new-loads refresh never
    rescans the history (docs/benchmarks.md). Without a load column it rebuilds in full (the
    pre-hook empties it); Spark, whose Parquet tables do not append here, builds a table.
-#}
{{ config(
    materialized='table' if target.type == 'spark' else 'incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{% if is_incremental() and cx_metrics.survey_rejections_built_through() is none %}delete from {{ this }}{% endif %}",
) }}
{%- set loads = cx_metrics.cx_loads_column('survey_responses') %}
{%- set built_through = cx_metrics.survey_rejections_built_through() if is_incremental() else none %}
{#- The n-th rejection of a key for a reason in a load: with the load, a key for the row. #}
{%- set nth = 'row_number() over (partition by response_id, rejection_reason, loaded_at order by raw_record)' %}

with
{%- if built_through is none %}

rejected as (

    select response_id, rejection_reason, loaded_at, raw_record
    from {{ ref('cx_metrics', 'stg_cx__survey_responses') }}
    where rejection_reason is not null
    {%- if loads %}
        and loaded_at is not null
    {%- endif %}

),

numbered as (

    select *, {{ nth }} as rejection_number
    from rejected

)
{%- else %}

new_rows as {{ cx_metrics.materialized_cte() }} (

    select response_id, responded_at, loaded_at, raw_record, rejection_reason
    from {{ ref('cx_metrics', 'stg_cx__survey_responses') }}
    where loaded_at > cast('{{ built_through }}' as {{ dbt.type_timestamp() }})

),

built as (

    {#- Each new key's accepted row as built before this run. -#}
    select response_id, responded_at, loaded_at
    from {{ cx_metrics._cx_survey_responses_relation() }}
    where response_id in (select response_id from new_rows)

),

displaced_rows as (

    {#- A built row that staging now rejects: of its key's valid rows in its load at its time,
        the one the duplicate rule had kept (the lowest fingerprint). -#}
    select
        staged.response_id,
        staged.loaded_at,
        staged.raw_record,
        row_number() over (partition by staged.response_id order by staged.row_fingerprint) as kept
    from {{ ref('cx_metrics', 'stg_cx__survey_responses') }} as staged
    inner join built
        on staged.response_id = built.response_id
        and staged.loaded_at = built.loaded_at
        and staged.responded_at = built.responded_at
    where staged.row_rejection_reason is null
        and staged.rejection_reason is not null

),

earlier_duplicates as (

    {#- Its key's duplicates in its load, rejected before: a displaced row numbers after them. -#}
    select built.response_id, built.loaded_at, count(*) as rejections
    from {{ this }} as built
    inner join displaced_rows
        on built.response_id = displaced_rows.response_id
        and built.loaded_at = displaced_rows.loaded_at
        and displaced_rows.kept = 1
    where built.rejection_reason = 'duplicate key'
    group by built.response_id, built.loaded_at

),

numbered as (

    select response_id, rejection_reason, loaded_at, raw_record, {{ nth }} as rejection_number
    from new_rows
    where rejection_reason is not null
    union all
    select
        displaced_rows.response_id,
        'duplicate key' as rejection_reason,
        displaced_rows.loaded_at,
        displaced_rows.raw_record,
        1 + coalesce(earlier_duplicates.rejections, 0) as rejection_number
    from displaced_rows
    left join earlier_duplicates
        on displaced_rows.response_id = earlier_duplicates.response_id
        and displaced_rows.loaded_at = earlier_duplicates.loaded_at
    where displaced_rows.kept = 1

)
{%- endif %},

final as (

    select
        coalesce(response_id, '') || ':' || rejection_reason || ':'
            || coalesce(cast(loaded_at as {{ dbt.type_string() }}), '') || ':'
            || cast(rejection_number as {{ dbt.type_string() }}) as rejection_key,
        response_id,
        rejection_reason,
        loaded_at,
        raw_record,
        rejection_number
    from numbered

)

select * from final
