{#-
    One raw table of a connector, checked: {'relation': the table, 'kinds': {column: kind}}
    (kinds as cx_input_kinds gives them). The table must exist and have every column its
    source declares (models/staging/adapters/<connector>/_<connector>__sources.yml) unless the
    column's meta says required: false; otherwise the build stops, naming the table, the column
    and the var that relocates the connector's tables. Outside a model's run, kinds is empty.
-#}
{% macro _cx_connector_table(connector, table_name) -%}
    {%- set relation = source('cx_' ~ connector, table_name) -%}
    {%- do cx_metrics.cx_input_upstream(connector ~ '.' ~ table_name) -%}
    {%- set kinds = {} -%}
    {%- if execute and model.resource_type == 'model' -%}
        {%- set found = adapter.get_relation(relation.database, relation.schema, relation.identifier) -%}
        {%- set fix = "Fix: point the package at " ~ connector ~ "'s tables with vars cx_" ~ connector
            ~ "_database and cx_" ~ connector ~ "_schema (docs/connectors.md)" -%}
        {%- if found is none -%}
            {{ exceptions.raise_compiler_error(
                "cx_metrics: " ~ connector ~ " table '" ~ table_name ~ "' was not found at " ~ relation
                ~ ". " ~ fix ~ ", or read the input from elsewhere (cx_survey_source, cx_tickets_source, "
                ~ "cx_customers_source, cx_orders_source)."
            ) }}
        {%- endif -%}
        {%- for name, data_type in cx_metrics._cx_column_types(found, none).items() -%}
            {%- do kinds.update({name: cx_metrics._cx_kind_of_type(data_type)}) -%}
        {%- endfor -%}
        {%- set node = graph.sources['source.cx_metrics.cx_' ~ connector ~ '.' ~ table_name] -%}
        {%- for name, column in node.columns.items() -%}
            {%- if column.meta.get('required', true) and name not in kinds -%}
                {{ exceptions.raise_compiler_error(
                    "cx_metrics: " ~ connector ~ " table '" ~ table_name ~ "' (" ~ found ~ ") has no column '"
                    ~ name ~ "', which the adapter reads. " ~ fix ~ ". Columns found: " ~ kinds | list | join(', ') ~ "."
                ) }}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return({'relation': relation, 'kinds': kinds}) }}
{%- endmacro %}
