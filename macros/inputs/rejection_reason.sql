{#-
    The final rejection reason of a staged row: its own defect (row_rejection_reason) if it has
    one, else 'duplicate key' when an earlier valid row has the same key. Within a key, valid rows
    come first, then the earliest by order_by, then the row's fingerprint (column
    row_fingerprint, see row_fingerprint), so the kept row is deterministic. Exact copies are
    interchangeable; only different valid rows with the same key and time may keep a different
    one of them on different engines (DuckDB's fingerprint is a hash, others' the raw record).
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
                row_fingerprint
        ) > 1 then 'duplicate key'
    end
{%- endmacro %}
