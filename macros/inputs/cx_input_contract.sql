{#-
    The input contract of one table, as models/staging/_cx_metrics__sources.yml declares it:
    {'key': [its key columns], 'columns': {column: its meta (kind, required, ...)}}, in the yml's
    order. The one list of input columns that staging, the structural check, the raw record of
    rejected rows and validation read. Run-time only: while dbt parses the project, and inside
    a unit test, dbt's graph is empty, and so is the contract (the SQL rendered while parsing is
    never run; a unit test's fixture brings its own columns, all text, and its rejected rows'
    raw_record is empty).
-#}
{% macro cx_input_contract(table_name) -%}
    {%- set node = graph.get('sources', {}).get('source.cx_metrics.cx_metrics.' ~ table_name) -%}
    {%- if node is none and (not execute or model.resource_type == 'unit_test') -%}
        {{ return({'key': [], 'columns': {}}) }}
    {%- elif node is none -%}
        {{ exceptions.raise_compiler_error(
            "cx_metrics: input '" ~ table_name ~ "' is not an enabled source of the package. Fix: "
            ~ "switch it on with cx_using_" ~ table_name ~ ": true, or leave out what reads it."
        ) }}
    {%- endif -%}
    {%- set columns = {} -%}
    {%- for name, column in node.columns.items() -%}
        {%- do columns.update({name: column.meta}) -%}
    {%- endfor -%}
    {{ return({'key': node.meta.get('key', []), 'columns': columns}) }}
{%- endmacro %}
