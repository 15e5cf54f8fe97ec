{#-
    {column: kind} for the contract's columns of one input (cx_input_contract), from the types
    its columns have in the warehouse: 'timestamptz' (a time zone or offset is stored),
    'timestamp' (none: taken as UTC; Spark's TIMESTAMP is an instant shown in the session's
    UTC), 'date', 'number', or 'text' for anything else (text, booleans, unknown types), which
    staging parses. Outside a model's run (parsing, unit tests) every column is 'text'.
-#}
{% macro cx_input_kinds(table_name) -%}
    {%- set types = cx_metrics._cx_checked_input(table_name)['types'] -%}
    {%- set kinds = {} -%}
    {%- for column in cx_metrics.cx_input_contract(table_name)['columns'] -%}
        {%- do kinds.update({column: cx_metrics._cx_kind_of_type(types.get(column))}) -%}
    {%- endfor -%}
    {{ return(kinds) }}
{%- endmacro %}

{#- The kind of one warehouse data type: 'timestamptz', 'timestamp', 'date', 'number' or 'text'. -#}
{% macro _cx_kind_of_type(data_type) -%}
    {%- set data_type = (data_type or '') | lower -%}
    {%- set base = data_type.split('(')[0] | trim -%}
    {%- if 'with time zone' in data_type or base in ['timestamptz', 'timestamp_tz', 'timestamp_ltz'] -%}
        {%- set kind = 'timestamptz' -%}
    {%- elif base in ['timestamp', 'datetime', 'timestamp without time zone', 'timestamp_ntz',
                      'timestamp_s', 'timestamp_ms', 'timestamp_ns'] -%}
        {%- set kind = 'timestamp' -%}
    {%- elif base == 'date' -%}
        {%- set kind = 'date' -%}
    {%- elif base in ['double', 'double precision', 'float', 'float4', 'float8', 'real',
                      'decimal', 'numeric', 'number', 'tinyint', 'smallint', 'integer', 'int',
                      'int2', 'int4', 'int8', 'bigint', 'hugeint', 'utinyint', 'usmallint',
                      'uinteger', 'ubigint', 'uhugeint', 'float64', 'int64', 'bignumeric'] -%}
        {%- set kind = 'number' -%}
    {%- else -%}
        {%- set kind = 'text' -%}
    {%- endif -%}
    {{ return(kind) }}
{%- endmacro %}
