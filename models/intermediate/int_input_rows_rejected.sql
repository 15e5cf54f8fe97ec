{#-
    The rejected rows of the inputs other than survey_responses (customers, support tickets,
    follow-ups, orders, those switched on), with their reason and raw values. A table: a
    new-loads refresh changes only the survey input, and leaves these as built, as it leaves
    the accepted rows (int_*_accepted) of these inputs.
-#}
{%- set inputs = [] -%}
{%- for source_table, key in [
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
    {%- else %}
    select
        cast(null as {{ dbt.type_string() }}) as source_table,
        cast(null as {{ dbt.type_string() }}) as record_id,
        cast(null as {{ dbt.type_string() }}) as reason,
        cast(null as {{ dbt.type_string() }}) as raw_record
    where 1 = 0
    {%- endfor %}

),

numbered as (

    select
        *,
        row_number() over (
            partition by source_table, record_id, reason order by raw_record
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
