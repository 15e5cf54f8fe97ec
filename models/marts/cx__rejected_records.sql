{#- Every input row that was not accepted, with its reason and the raw values: nothing is lost. -#}
{%- set inputs = [] -%}
{%- for source_table, key in [
    ('survey_responses', 'response_id'),
    ('customers', 'customer_id'),
    ('support_tickets', 'ticket_id'),
    ('feedback_followups', 'response_id'),
    ('orders', 'order_id'),
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
    from {{ ref(model) }}
    where rejection_reason is not null
    {%- endfor %}

),

numbered as (

    {#- Rows may repeat exactly (same table, key, reason, values): number them to keep each. -#}
    select
        *,
        row_number() over (
            partition by source_table, record_id, reason
            order by raw_record
        ) as occurrence
    from rejected

),

final as (

    select
        source_table || ':' || coalesce(record_id, '') || ':' || reason || ':'
            || cast(occurrence as {{ dbt.type_string() }}) as rejection_id,
        source_table,
        record_id,
        reason,
        raw_record
    from numbered

)

select * from final
