{#-
    Every input row that was not accepted, with its reason and the raw values: nothing is lost.
    Gathered from the rejections kept by input (the survey input's by load), which a
    new-loads refresh updates without rescanning every input; only the survey rows without a
    load time are read here, in every build (no load filter can find the new ones).
-#}
-- depends_on: {{ ref('base_cx__survey_responses') }}
{%- set loads = cx_metrics.cx_loads_column('survey_responses') %}
{#- Whether any survey row lacks a load time, asked of the load column alone: staging's parse of
    every column, which names their defects, would scan the whole input in every build. #}
{%- set without_load_time = [] %}
{%- if loads and execute %}
{%- set counted = run_query('select count(*) from ' ~ cx_metrics.cx_source('survey_responses') ~ ' where '
    ~ cx_metrics.parse_timestamp(loads['name'], loads['kind']) ~ ' is null') %}
{%- do without_load_time.append(counted.columns[0].values()[0] > 0) %}
{%- endif %}

with rejected as (

    select
        'survey_responses' as source_table,
        response_id as record_id,
        rejection_reason as reason,
        raw_record
    from {{ ref('int_survey_responses_rejected') }}
    {#- Without a load column every row's loaded_at is null, and the rows are all above. Left
        out of the SQL when the load column has no nulls (the depends_on above keeps the ref). #}
    {%- if without_load_time | first %}
    union all
    select
        'survey_responses' as source_table,
        response_id as record_id,
        row_rejection_reason as reason,
        raw_record
    from {{ ref('base_cx__survey_responses') }}
    where loaded_at is null
    {%- endif %}
    union all
    select source_table, record_id, reason, raw_record
    from {{ ref('int_input_rows_rejected') }}

),

{{ cx_metrics.rejection_ids('rejected') }}

select * from final
