{#-
    Every input row that was not accepted, with its reason and the raw values: nothing is lost.
    Gathered from the rejections kept by input (the survey input's by load), which a
    new-loads refresh updates without rescanning every input; the survey rows without a load
    time, which staging parses again in every build, are read from staging.
-#}
{#- Read only with a load column (below). -#}
-- depends_on: {{ ref('cx_metrics', 'stg_cx__survey_responses') }}
{%- set loads = cx_metrics.cx_loads_column('survey_responses') %}

with rejected as (

    select
        'survey_responses' as source_table,
        response_id as record_id,
        rejection_reason as reason,
        raw_record
    from {{ ref('cx_metrics', 'int_cx__survey_responses_rejected') }}
    {#- Without a load column every row's loaded_at is null, and the rows are all above. #}
    {%- if loads %}
    union all
    select
        'survey_responses' as source_table,
        response_id as record_id,
        rejection_reason as reason,
        raw_record
    from {{ ref('cx_metrics', 'stg_cx__survey_responses') }}
    where loaded_at is null
    {%- endif %}
    union all
    select source_table, record_id, reason, raw_record
    from {{ ref('cx_metrics', 'int_cx__input_rows_rejected') }}

),

{{ cx_metrics.rejection_ids('rejected') }}

select * from final
