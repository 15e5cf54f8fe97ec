{#-
    Everything input validation needs, from the same vars and sources a build with the same
    --target and --vars uses: the inputs' relations and contracts, scales and thresholds.
    Rendered as JSON by analyses/cx_validation_settings.sql for `cx-metrics validate`.
-#}
{% macro cx_validation_settings() -%}
    {%- set tables = {} -%}
    {#- The inputs switched on (cx_using_<table>): the package's enabled sources. -#}
    {%- for input in graph.get('sources', {}).values() if input.package_name == 'cx_metrics' and input.source_name == 'cx_metrics' -%}
        {%- set name = input.name -%}
        {%- set contract = cx_metrics.cx_input_contract(name) -%}
        {%- set relation = source('cx_metrics', name) -%}
        {#- An input read from connectors: the view stacking its sources (built before validation). -#}
        {%- set stacked = 'base_cx__' ~ name ~ '_sources' if cx_metrics._cx_input_is_adapted(name) else none -%}
        {#- The relation is read_parquet(...) when the input is read in place from Parquet. -#}
        {%- do tables.update({name: {
            'relation': (cx_metrics._cx_model_relation(stacked) if stacked else cx_metrics.cx_source(name)) | string,
            'database': relation.database,
            'schema': relation.schema,
            'identifier': relation.identifier,
            'staging_model': 'stg_cx__' ~ name,
            'stacked_model': stacked,
            'key': contract['key'],
            'contract': contract['columns'],
        }}) -%}
    {%- endfor -%}
    {{ return({
        'target_type': target.type,
        'duckdb_path': target.path if target.type == 'duckdb' else none,
        'tables': tables,
        'labels_relation': cx_metrics.score_labels() | string,
        'labels_model': var('cx_score_labels_model'),
        'loads_column': var('cx_loaded_at_column'),
        'built_survey_responses': ref('cx_metrics', 'cx__survey_responses') | string,
        'csat_scale': var('cx_csat_scale'),
        'ces_scale': var('cx_ces_scale'),
        'max_rejected_pct': var('cx_validation_max_rejected_pct'),
        'min_key_present_pct': var('cx_validation_min_key_present_pct'),
    }) }}
{%- endmacro %}

{#- The relation a package model builds, from dbt's graph (a ref() here would be a dependency the analysis cannot declare). -#}
{% macro _cx_model_relation(model_name) -%}
    {%- set node = graph.nodes['model.cx_metrics.' ~ model_name] -%}
    {{ return(api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias)) }}
{%- endmacro %}
