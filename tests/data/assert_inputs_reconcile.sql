{#-
    Nothing is lost: for every input table, input rows = accepted rows + rejected rows.
    Accepted rows are counted where the marts read them (follow-ups are summarized per response,
    so their count is summed), rejected rows in cx__rejected_records.
    Returns one row per input that does not reconcile.
-#}
{%- set inputs = [
    ('survey_responses', 'cx__survey_responses', 'count(*)'),
    ('customers', 'int_cx__customers_accepted', 'count(*)'),
    ('support_tickets', 'int_cx__support_tickets_accepted', 'count(*)'),
    ('feedback_followups', 'int_cx__feedback_followups_summarized', 'coalesce(sum(followups), 0)'),
    ('orders', 'int_cx__orders_accepted', 'count(*)'),
    ('reviews', 'int_cx__reviews_accepted', 'count(*)'),
] -%}

with counts as (

    {%- for table_name, accepted_model, accepted_count in inputs if cx_metrics.cx_using(table_name) %}
    {{ 'union all' if not loop.first }}
    select
        '{{ table_name }}' as source_table,
        (select count(*) from {{ cx_metrics.cx_source(table_name) }}) as input_rows,
        (select {{ accepted_count }} from {{ ref('cx_metrics', accepted_model) }}) as accepted_rows,
        (
            select count(*) from {{ ref('cx_metrics', 'cx__rejected_records') }}
            where source_table = '{{ table_name }}'
        ) as rejected_rows
    {%- endfor %}

)

select * from counts
where input_rows <> accepted_rows + rejected_rows
