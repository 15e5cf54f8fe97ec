{#-
    Everything input validation needs, from the same vars and sources a build with the same
    --target and --vars uses: the inputs' relations and contracts, scales and thresholds.
    Rendered as JSON by analyses/cx_validation_settings.sql for `cx-metrics validate`.
-#}
{% macro cx_validation_settings() -%}
    {%- set tables = {} -%}
    {#- The inputs switched on (cx_using_<table>): the package's enabled sources. -#}
    {%- for input in graph.get('sources', {}).values() if input.package_name == 'cx_metrics' -%}
        {%- set name = input.name -%}
        {%- set contract = cx_metrics.cx_input_contract(name) -%}
        {%- set relation = source('cx_metrics', name) -%}
        {#- The relation is read_parquet(...) when the input is read in place from Parquet. -#}
        {%- do tables.update({name: {
            'relation': cx_metrics.cx_source(name) | string,
            'database': relation.database,
            'schema': relation.schema,
            'identifier': relation.identifier,
            'staging_model': 'stg_cx__' ~ name,
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
