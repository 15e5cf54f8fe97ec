{#-
    The contract's columns (cx_input_contract) that one input has, in the contract's order: every
    required column (a build without one stops at cx_source) and the optional ones it has. Inside
    a unit test, whose fixture has no warehouse types, the required ones.
-#}
{% macro cx_input_columns(table_name) -%}
    {%- set contract = cx_metrics.cx_input_contract(table_name)['columns'] -%}
    {#- The input's own columns are asked for only when the contract has an optional one. -#}
    {%- set optional = [] -%}
    {%- for meta in contract.values() if not meta.get('required', true) -%}
        {%- do optional.append(meta) -%}
    {%- endfor -%}
    {%- set present = cx_metrics._cx_checked_input(table_name)['types'] if optional else {} -%}
    {%- set columns = [] -%}
    {%- for name, meta in contract.items() -%}
        {%- if meta.get('required', true) or name in present -%}
            {%- do columns.append(name) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro %}
