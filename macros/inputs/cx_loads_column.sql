{#-
    The optional load column of an input (var cx_loaded_at_column, default '_loaded_at'):
    {'name': column, 'kind': its kind (cx_input_kinds)} when the input has it, else none.
    Each load (a file, a partition, a batch of rows) carries the time it was loaded, and every
    later load has later values than every earlier one. An incremental build then reads only
    the loads it has not seen. Run-time only: at parse time it returns none.
-#}
{% macro cx_loads_column(table_name) -%}
    {%- set name = var('cx_loaded_at_column') -%}
    {%- if not name -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set types = cx_metrics._cx_checked_input(table_name)['types'] -%}
    {%- set data_type = types.get(name | lower) -%}
    {%- if data_type is none -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return({'name': name, 'kind': cx_metrics._cx_kind_of_type(data_type)}) }}
{%- endmacro %}
