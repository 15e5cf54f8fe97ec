{#-
    The source relation of one input, after checking that it exists and has every column of
    the contract. A structural problem fails the build at once with a message naming the
    table, the column and the fix, instead of a database error deep inside a model.
-#}
{% macro cx_source(table_name) -%}
    {%- set relation = source('cx_metrics', table_name) -%}
    {%- if var('cx_demo_data', true) and model.resource_type != 'unit_test' -%}
        {#- The demo seeds land where the source points by default: build them first. -#}
        {%- set demo_seed = ref('cx_demo__' ~ table_name) -%}
    {%- endif -%}
    {%- if execute and model.resource_type == 'model' -%}
        {%- set found = adapter.get_relation(relation.database, relation.schema, relation.identifier) -%}
        {%- set identifier_var = 'cx_' ~ table_name ~ '_identifier' -%}
        {%- if found is none -%}
            {{ exceptions.raise_compiler_error(
                "cx_metrics: input table '" ~ table_name ~ "' was not found at " ~ relation ~ ". "
                ~ "Fix: point the package at it with vars cx_source_database, cx_source_schema and "
                ~ identifier_var ~ " (for example --vars '{cx_source_schema: raw, " ~ identifier_var
                ~ ": my_table}')" ~ (", or set cx_using_feedback_followups: false to build without it" if table_name == 'feedback_followups' else "") ~ "."
            ) }}
        {%- endif -%}
        {%- set present = adapter.get_columns_in_relation(found) | map(attribute='name') | map('lower') | list -%}
        {%- for column in cx_metrics.cx_input_columns(table_name) -%}
            {%- if column not in present -%}
                {{ exceptions.raise_compiler_error(
                    "cx_metrics: input table '" ~ table_name ~ "' (" ~ found ~ ") has no column '"
                    ~ column ~ "'. Fix: expose your column under that name, e.g. with a view that "
                    ~ "selects '<your column> as " ~ column ~ "', and point " ~ identifier_var
                    ~ " at the view. Columns found: " ~ present | join(', ') ~ "."
                ) }}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(relation) }}
{%- endmacro %}
