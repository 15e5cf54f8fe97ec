{#-
    A connector column as the text an adapter hands to staging: a typed timestamp as its UTC
    instant ('YYYY-MM-DD HH:MM:SS...', whatever zone it was stored with), anything else cast to
    text as it is, so that staging parses it and rejects what it cannot read, with the reason.
    kinds: _cx_connector_table's.
-#}
{% macro connector_text(expression, kind='text') -%}
    {%- if kind in ('timestamptz', 'timestamp', 'date') -%}
        cast({{ cx_metrics.parse_timestamp(expression, kind) }} as {{ dbt.type_string() }})
    {%- else -%}
        cast({{ expression }} as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}
