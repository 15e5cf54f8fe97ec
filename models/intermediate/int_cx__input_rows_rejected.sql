{#-
    The rejected rows of the inputs other than survey_responses (customers, support tickets,
    follow-ups, orders, reviews, those switched on), with their reason and raw values. A table: a
    new-loads refresh changes only the survey input, and leaves these as built, as it leaves
    the accepted rows (int_cx__*_accepted) of these inputs.
-#}
{{ config(materialized='table') }}
{%- set inputs = [] -%}
{%- for source_table, key in [
    ('customers', 'customer_id'),
    ('support_tickets', 'ticket_id'),
    ('feedback_followups', 'response_id'),
    ('orders', 'order_id'),
    ('reviews', 'review_id'),
] if cx_metrics.cx_using(source_table) -%}
    {%- do inputs.append((source_table, 'stg_cx__' ~ source_table, key)) -%}
{%- endfor -%}

with rejected as (

    {%- for source_table, model, key in inputs %}
    {{ 'union all' if not loop.first }}
    select
        '{{ source_table }}' as source_table,
        {{ key }} as record_id,
        rejection_reason as reason,
        raw_record
    from {{ ref('cx_metrics', model) }}
    where rejection_reason is not null
    {%- else %}
    select
        cast(null as {{ dbt.type_string() }}) as source_table,
        cast(null as {{ dbt.type_string() }}) as record_id,
        cast(null as {{ dbt.type_string() }}) as reason,
        cast(null as {{ dbt.type_string() }}) as raw_record
    where 1 = 0
    {%- endfor %}

),

{{ cx_metrics.rejection_ids('rejected') }}

select * from final
