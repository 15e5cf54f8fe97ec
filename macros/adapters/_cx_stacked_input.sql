{#-
    The body of base_cx__<input>_sources: input table_name as one relation, stacked from each
    source its var names (_cx_input_sources): the contract table and/or the adapters'
    stg_cx__<connector>__<input>. Every column is text (a typed timestamp as its UTC instant),
    so the sources stack on every engine and staging parses them all alike. The load column
    (cx_loaded_at_column) is the adapters' sync time; it is left out when the contract table,
    stacked with them, has none, since a row without a load time would be rejected.
-#}
{% macro _cx_stacked_input(table_name) -%}
    {%- set sources = cx_metrics._cx_input_sources(table_name) -%}
    {%- set columns = cx_metrics._cx_adapted_columns(table_name) -%}
    {%- set optional = cx_metrics.cx_optional_columns(table_name, 'names') -%}
    {%- set loads = var('cx_loaded_at_column') -%}
    {%- set contract = cx_metrics._cx_checked_input(table_name, contract=true) if 'contract' in sources else none -%}
    {%- set contract_types = contract['types'] if contract else {} -%}
    {%- set with_loads = loads and (contract is none or (loads | lower) in contract_types) -%}
    {%- for source in sources %}
    {%- if source == 'contract' %}
    select
        {%- for column in columns + optional %}
        {%- set kind = cx_metrics._cx_kind_of_type(contract_types.get(column)) %}
        {{ cx_metrics.connector_text(column, kind) if column in contract_types or column in columns else 'cast(null as ' ~ dbt.type_string() ~ ')' }} as {{ column }},
        {%- endfor %}
        {%- if with_loads %}
        {{ cx_metrics.connector_text(loads, cx_metrics._cx_kind_of_type(contract_types.get(loads | lower))) }} as {{ loads }},
        {%- endif %}
        cast('contract' as {{ dbt.type_string() }}) as _cx_source
    from {{ contract['location'] }}
    {%- else %}
    select
        {%- for column in columns + optional %}
        {{ column if column in columns or column == 'feedback_source' else 'cast(null as ' ~ dbt.type_string() ~ ')' }} as {{ column }},
        {%- endfor %}
        {%- if with_loads %}
        _cx_loaded_at as {{ loads }},
        {%- endif %}
        cast('{{ source }}' as {{ dbt.type_string() }}) as _cx_source
    from {{ ref('cx_metrics', 'stg_cx__' ~ source ~ '__' ~ table_name) }}
    {%- endif %}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
