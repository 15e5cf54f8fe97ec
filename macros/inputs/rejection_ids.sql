{#-
    The `numbered` and `final` CTEs of a rejections model: each row of the CTE named `rejected`
    (source_table, record_id, reason, raw_record) gets rejection_id,
    `source_table:record_id:reason:occurrence`. Rows may repeat exactly (same table, key,
    reason and values): the occurrence keeps each one, numbered in raw-record order.
-#}
{% macro rejection_ids(rejected='rejected') -%}
    {{ return(adapter.dispatch('rejection_ids', 'cx_metrics')(rejected)) }}
{%- endmacro %}

{% macro default__rejection_ids(rejected) -%}
numbered as (

    select
        *,
        row_number() over (
            partition by source_table, record_id, reason order by raw_record
        ) as occurrence
    from {{ rejected }}

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
{%- endmacro %}
