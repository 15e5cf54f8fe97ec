{#-
    The survey input's rejected rows (reason and raw values), one row per rejected row; rows
    without a load time are left to cx__rejected_records, which reads them in every build.
    With a load column (cx_loads_column) it is incremental, append only, and reads just the
    new loads (those after cx__survey_responses' latest loaded_at; this model is built first):
    - a new row's own defect, and a new valid row that is not its key's earliest, are new;
    - a key's built row that a new, earlier valid row displaces becomes a duplicate: its raw
      values are read again from its own load (a filter on that load time);
    - no earlier rejection ever changes: a defect stays, and a duplicate stays one, since a
      key's accepted row can only become earlier.
    So it equals a full build, as cx__survey_responses does, and a new-loads refresh never
    rescans the history (BENCHMARKS.md). Without a load column it rebuilds in full (the
    pre-hook empties it); Spark, whose Parquet tables do not append here, builds a table.
-#}
{#- Read only by an incremental build (below). -#}
-- depends_on: {{ ref('base_cx__survey_responses') }}
-- depends_on: {{ ref('int_survey_responses_classified') }}
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
    from {{ ref('stg_cx__survey_responses') }}
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
{%- set survey_responses = cx_metrics._cx_survey_responses_relation() %}

{#- The new rows, ranked with the built row of their key: run once at compile time to find the
    displaced built rows, whose load times then filter the input (a join would scan it all). #}
{#- Twice: for the query, over the view int_survey_responses_classified (an ephemeral model
    cannot be queried alone), and for the model, over base_, which has the raw values. #}
{%- set rendered = [] %}
{%- for new_rows_from, raw_record in [
    (ref('int_survey_responses_classified'), 'cast(null as ' ~ dbt.type_string() ~ ')'),
    (ref('base_cx__survey_responses'), 'raw_record'),
] %}
{%- set ranked_ctes %}
{#- Read three times: materialized, so that the input is scanned once. #}
new_rows as {{ cx_metrics.materialized_cte() }} (

    select response_id, responded_at, loaded_at, {{ raw_record }} as raw_record, row_rejection_reason, row_fingerprint
    from {{ new_rows_from }}
    where loaded_at > cast('{{ built_through }}' as {{ dbt.type_timestamp() }})

),

built as (

    {#- Each new key's accepted row as built before this run (never tied with a new row:
        its load is earlier). -#}
    select response_id, responded_at, loaded_at
    from {{ survey_responses }}
    where response_id in (select response_id from new_rows)

),

ranked as (

    select
        *,
        {{ cx_metrics.rejection_reason('response_id', 'responded_at, loaded_at') }} as rejection_reason
    from (
        select *, 0 as is_built from new_rows
        union all
        select response_id, responded_at, loaded_at, null, null, null, 1 from built
    ) as candidates

),

displaced as (

    select response_id, responded_at, loaded_at from ranked
    where is_built = 1 and rejection_reason is not null

)
{%- endset %}
{%- do rendered.append(ranked_ctes) %}
{%- endfor %}
{%- set displaced_keys = [] %}
{%- if execute %}
{%- set found = run_query('with ' ~ rendered[0] ~ ' select response_id, cast(loaded_at as ' ~ dbt.type_string() ~ ') from displaced') %}
{%- for row in found.rows %}{% do displaced_keys.append((row[0], row[1])) %}{% endfor %}
{%- endif %}

{{ rendered[1] }},

displaced_rows as (

    {#- The displaced row's raw values: of its key's valid rows in its load at its time, the
        one the duplicate rule kept (the lowest fingerprint). -#}
    select
        base.response_id,
        base.loaded_at,
        base.raw_record,
        row_number() over (partition by base.response_id order by base.row_fingerprint) as kept
    from {{ ref('base_cx__survey_responses') }} as base
    inner join displaced
        on base.response_id = displaced.response_id
        and base.loaded_at = displaced.loaded_at
        and base.responded_at = displaced.responded_at
    where base.row_rejection_reason is null
    {%- if displaced_keys %}
        and base.loaded_at in (
            {%- for load in displaced_keys | map(attribute=1) | unique %}
            {{ ', ' if not loop.first }}cast('{{ load }}' as {{ dbt.type_timestamp() }})
            {%- endfor %})
    {%- else %}
        and 1 = 0
    {%- endif %}

),

earlier_duplicates as (

    {#- Its key's duplicates in its load, rejected before: a displaced row numbers after them. -#}
    select built.response_id, built.loaded_at, count(*) as rejections
    from {{ this }} as built
    inner join displaced
        on built.response_id = displaced.response_id
        and built.loaded_at = displaced.loaded_at
    where built.rejection_reason = 'duplicate key'
    group by built.response_id, built.loaded_at

),

numbered as (

    select response_id, rejection_reason, loaded_at, raw_record, {{ nth }} as rejection_number
    from ranked
    where is_built = 0 and rejection_reason is not null
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
