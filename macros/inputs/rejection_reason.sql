{#-
    The final rejection reason of a staged row: its own defect (row_rejection_reason) if it has
    one, else 'duplicate key' when an earlier valid row has the same key. Within a key, valid rows
    come first, then the earliest by order_by, then the raw values, so the kept row is
    deterministic on every engine.
-#}
{% macro rejection_reason(key, order_by) -%}
    {{ return(adapter.dispatch('rejection_reason', 'cx_metrics')(key, order_by)) }}
{%- endmacro %}

{% macro default__rejection_reason(key, order_by) -%}
    case
        when row_rejection_reason is not null then row_rejection_reason
        when row_number() over (
            partition by {{ key }}
            order by
                case when row_rejection_reason is null then 0 else 1 end,
                {{ order_by }} nulls last,
                raw_record
        ) > 1 then 'duplicate key'
    end
{%- endmacro %}
