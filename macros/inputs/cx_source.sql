{#-
    The relation of one input, after checking that it exists and has every column of the
    contract. A structural problem fails the build at once with a message naming the table,
    the column and the fix, instead of a database error deep inside a model.

    With the var cx_source_parquet_path (DuckDB only), the input is read in place from Parquet
    files instead of a table: <path>/<identifier>.parquet and/or every Parquet file under the
    folder <path>/<identifier>/ (for example one file per load: new files are read on the next
    run). The path may be anything DuckDB can glob (a local folder, s3://... with httpfs).
-#}
{% macro cx_source(table_name) -%}
    {{ return(cx_metrics._cx_checked_input(table_name)['location']) }}
{%- endmacro %}

{#- {'location': what to select from, 'types': {column: warehouse data type}} of one input: the
    contract table, or the stack of its sources when it is read from a connector (contract=true:
    the contract table itself, which the stack reads). -#}
{% macro _cx_checked_input(table_name, contract=false) -%}
    {%- if not contract and cx_metrics._cx_input_is_adapted(table_name) -%}
        {{ return(cx_metrics._cx_stacked_location(table_name)) }}
    {%- endif -%}
    {%- set types = {} -%}
    {%- set relation = source('cx_metrics', table_name) -%}
    {#- With its default: also called from the freshness check's inline query (dbt show), which
        runs in the project's own context, where the package's vars are not seen. #}
    {%- set parquet_path = var('cx_source_parquet_path', none) -%}
    {%- if not parquet_path and model.resource_type == 'model' -%}
        {%- do cx_metrics.cx_input_upstream(table_name) -%}
    {%- endif -%}
    {%- set identifier_var = 'cx_' ~ table_name ~ '_identifier' -%}
    {%- set location = relation -%}
    {%- if parquet_path and target.type != 'duckdb' -%}
        {{ exceptions.raise_compiler_error(
            "cx_metrics: cx_source_parquet_path reads Parquet files in place, which only the duckdb "
            ~ "target does. Fix: load the files into " ~ target.type ~ " tables and point "
            ~ "cx_source_schema at them, or build with --target duckdb."
        ) }}
    {%- endif -%}
    {%- if execute and parquet_path and model.resource_type != 'unit_test' -%}
        {%- set location = cx_metrics._cx_parquet_location(table_name, relation.identifier, parquet_path) -%}
    {%- endif -%}
    {%- if execute and model.resource_type == 'model' -%}
        {%- set found = location if parquet_path else adapter.get_relation(relation.database, relation.schema, relation.identifier) -%}
        {%- if found is none -%}
            {{ exceptions.raise_compiler_error(
                "cx_metrics: input table '" ~ table_name ~ "' was not found at " ~ relation ~ ". "
                ~ "Fix: point the package at it with vars cx_source_database, cx_source_schema and "
                ~ identifier_var ~ " (for example --vars '{cx_source_schema: raw, " ~ identifier_var
                ~ ": my_table}')" ~ cx_metrics._cx_optional_input_fix(table_name) ~ "."
            ) }}
        {%- endif -%}
        {%- do types.update(cx_metrics._cx_column_types(found, parquet_path)) -%}
        {%- set present = types | list -%}
        {%- for column, meta in cx_metrics.cx_input_contract(table_name)['columns'].items() -%}
            {%- if meta.get('required', true) and column not in present -%}
                {{ exceptions.raise_compiler_error(
                    "cx_metrics: input table '" ~ table_name ~ "' (" ~ found ~ ") has no column '"
                    ~ column ~ "'. Fix: expose your column under that name, e.g. with a view that "
                    ~ "selects '<your column> as " ~ column ~ "', and point " ~ identifier_var
                    ~ " at the view. Columns found: " ~ present | join(', ') ~ "."
                ) }}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return({'location': location, 'types': types}) }}
{%- endmacro %}

{#- read_parquet() over the file and/or folder of one input that exist, or a build error. -#}
{% macro _cx_parquet_location(table_name, identifier, parquet_path) -%}
    {%- set base = parquet_path.rstrip('/') ~ '/' ~ identifier -%}
    {%- set patterns = [] -%}
    {%- for pattern in [base ~ '.parquet', base ~ '/**/*.parquet'] -%}
        {%- set matched = run_query("select count(*) as files from glob('" ~ pattern ~ "')") -%}
        {%- if matched.columns[0].values()[0] > 0 -%}
            {%- do patterns.append("'" ~ pattern ~ "'") -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not patterns -%}
        {{ exceptions.raise_compiler_error(
            "cx_metrics: input table '" ~ table_name ~ "' has no Parquet file at " ~ base
            ~ ".parquet nor under " ~ base ~ "/. Fix: write it there, point cx_source_parquet_path "
            ~ "at the folder that holds it, or set cx_" ~ table_name ~ "_identifier to its file name"
            ~ cx_metrics._cx_optional_input_fix(table_name) ~ "."
        ) }}
    {%- endif -%}
    {{ return("read_parquet([" ~ patterns | join(', ') ~ "], union_by_name = true)") }}
{%- endmacro %}

{#- {lower-cased column name: its data type as the warehouse names it} of a found input. -#}
{% macro _cx_column_types(found, parquet_path) -%}
    {%- set types = {} -%}
    {%- if parquet_path -%}
        {%- set described = run_query('describe select * from ' ~ found) -%}
        {%- for row in described.rows -%}
            {%- do types.update({row['column_name'] | lower: row['column_type']}) -%}
        {%- endfor -%}
    {%- else -%}
        {%- for column in adapter.get_columns_in_relation(found) -%}
            {%- do types.update({column.name | lower: column.data_type}) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(types) }}
{%- endmacro %}

{#- The last words of a fix for a missing input: an optional input can be switched off. -#}
{% macro _cx_optional_input_fix(table_name) -%}
    {{ return("" if table_name == 'survey_responses' else ", or set cx_using_" ~ table_name ~ ": false to build without it") }}
{%- endmacro %}

{#- The stacked input (base_cx__<input>_sources) of an input read from connectors, with its column types once built. -#}
{% macro _cx_stacked_location(table_name) -%}
    {%- set relation = ref('cx_metrics', 'base_cx__' ~ table_name ~ '_sources') -%}
    {%- set types = {} -%}
    {%- if execute and model.resource_type == 'model' -%}
        {%- set found = adapter.get_relation(relation.database, relation.schema, relation.identifier) -%}
        {%- do types.update(cx_metrics._cx_column_types(found, none) if found is not none else {}) -%}
    {%- endif -%}
    {{ return({'location': relation, 'types': types}) }}
{%- endmacro %}
