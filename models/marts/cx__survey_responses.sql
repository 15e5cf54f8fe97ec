{#-
    One row per accepted survey response: the classified answers with the customer's segment
    ('unknown' without one, and always with cx_using_customers false), as the public contract.

    Duplicates are decided in staging (stg_cx__survey_responses ranks every row of a key, the
    built ones too), so this model keeps the rows staging accepts. Incremental on response_id
    (delete+insert; a plain table on Spark, whose Parquet tables cannot delete), in one of two
    ways:
    - by load, when the input has a load column (cx_loads_column), so the built rows have a
      loaded_at: a run reads only the loads after the latest loaded_at already built (the
      database skips the other row groups). A new row is accepted only if it is its key's
      earliest valid row, and then replaces the built one; at equal times the earlier load
      wins, as in a full build. Late rows of any age are exact.
    - by answer time, without one: a run reads the accepted answers on or after the cutoff (the
      day of the latest response already built, less cx_incremental_lookback_days). A key's
      built row older than the cutoff stays (an earlier valid row would be older still). This
      equals a full rebuild as long as rows arrive within the lookback.
    Either way, changed customer segments, or a load column added to an input already built
    without one, need --full-refresh.
-#}
{#- Built after the survey rejections, which read this table's rows as they were before the
    new loads (int_cx__survey_responses_rejected). -#}
-- depends_on: {{ ref('cx_metrics', 'int_cx__survey_responses_rejected') }}
{{ config(
    materialized='table' if target.type == 'spark' else 'incremental',
    unique_key='response_id',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
) }}
{%- set columns = ['response_id', 'customer_id', 'survey_type', 'program', 'touchpoint', 'channel',
                   'responded_at', 'score', 'nps_category', 'is_satisfied', 'is_easy', 'comment',
                   'ticket_id', 'feedback_source', 'loaded_at'] -%}
{#- By load when the built rows carry load times: the input has a load column (it was built with one). #}
{%- set built_through = cx_metrics.latest_loaded_at() if is_incremental() else none %}
{%- set by_load = built_through is not none %}
{%- set cutoff = cx_metrics.incremental_cutoff_date('responded_at') if is_incremental() and not by_load else none %}

with

responses as (

    {#- Staging ranked every row of a key (rejection_reason), so its accepted rows are final. -#}
    select {{ columns | join(', ') }}
    from {{ ref('cx_metrics', 'int_cx__survey_responses_classified') }}
    where rejection_reason is null
    {%- if built_through is not none %}
        and loaded_at > cast('{{ built_through }}' as {{ dbt.type_timestamp() }})
    {%- elif is_incremental() %}
        and {{ cx_metrics.timestamp_on_or_after('responded_at', 'responded_at_raw', cutoff) }}
    {%- endif %}

),

{%- if var('cx_using_customers') %}

customers as (

    select customer_id, segment from {{ ref('cx_metrics', 'int_cx__customers_accepted') }}
    {%- if is_incremental() %}
    where customer_id in (select customer_id from responses)
    {%- endif %}

),
{%- endif %}

final as (

    select
        responses.response_id,
        responses.customer_id,
        responses.survey_type,
        responses.program,
        responses.touchpoint,
        responses.channel,
        {{ "coalesce(customers.segment, 'unknown')" if var('cx_using_customers') else "'unknown'" }} as segment,
        responses.responded_at,
        responses.score,
        responses.nps_category,
        responses.is_satisfied,
        responses.is_easy,
        responses.comment,
        responses.ticket_id,
        responses.feedback_source,
        responses.loaded_at
    from responses
    {%- if var('cx_using_customers') %}
    left join customers
        on responses.customer_id = customers.customer_id
    {%- endif %}

)

select * from final
