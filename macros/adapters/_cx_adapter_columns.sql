{#-
    The select list of an adapter (models/staging/adapters/): every column of input table_name's
    contract as text, from values ({contract column: SQL expression}; a column left out is null),
    then feedback_source (the connector's name) and _cx_loaded_at (the sync time, loaded_at).
    The stacked input (base_cx__<input>_sources) reads these names from every adapter.
-#}
{% macro _cx_adapter_columns(table_name, values, connector, loaded_at) -%}
    {%- for column in cx_metrics._cx_adapted_columns(table_name) %}
        cast({{ values.get(column, 'null') }} as {{ dbt.type_string() }}) as {{ column }},
    {%- endfor %}
        cast('{{ connector }}' as {{ dbt.type_string() }}) as feedback_source,
        cast({{ loaded_at }} as {{ dbt.type_string() }}) as _cx_loaded_at
{%- endmacro %}

{#- The contract columns an adapter yields: the input's required ones (its optional ones are carried from the contract table only). -#}
{% macro _cx_adapted_columns(table_name) -%}
    {%- set columns = [] -%}
    {%- for name, meta in cx_metrics.cx_input_contract(table_name)['columns'].items() if meta.get('required', true) -%}
        {%- do columns.append(name) -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro %}
