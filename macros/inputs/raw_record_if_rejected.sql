{#-
    A staged row's raw_record where the row is rejected (its rejection_reason set), else null:
    a staging table keeps the raw values only where cx__rejected_records reads them (an accepted
    row's values are its typed columns), so the JSON is not built and written for every row.
-#}
{% macro raw_record_if_rejected(raw_record='raw_record', rejection_reason='rejection_reason') -%}
    {{ return(adapter.dispatch('raw_record_if_rejected', 'cx_metrics')(raw_record, rejection_reason)) }}
{%- endmacro %}

{% macro default__raw_record_if_rejected(raw_record, rejection_reason) -%}
    case when {{ rejection_reason }} is not null then {{ raw_record }} end
{%- endmacro %}
