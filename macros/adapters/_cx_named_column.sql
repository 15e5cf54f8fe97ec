{#-
    A column of a connector table (_cx_connector_table's) that a var names, as text (a typed
    timestamp as its UTC instant); a column the table lacks stops the build, naming the var.
-#}
{% macro _cx_named_column(table, column, var_name) -%}
    {%- set column = column | lower -%}
    {%- if execute and model.resource_type == 'model' and column not in table['kinds'] -%}
        {{ exceptions.raise_compiler_error(
            "cx_metrics: " ~ var_name ~ " names the column '" ~ column ~ "', which " ~ table['relation']
            ~ " does not have. Fix: name one of its columns, or leave the entry out (the column is then null). Columns found: "
            ~ table['kinds'] | list | join(', ') ~ "."
        ) }}
    {%- endif -%}
    {{ return(cx_metrics.connector_text(column, table['kinds'].get(column))) }}
{%- endmacro %}

{#- `and` the active version of a history-mode table that has _fivetran_active (nothing otherwise). -#}
{% macro _cx_active_version(table) -%}
    {%- if '_fivetran_active' in table['kinds'] %}
        and coalesce(_fivetran_active, true)
    {%- endif -%}
{%- endmacro %}
