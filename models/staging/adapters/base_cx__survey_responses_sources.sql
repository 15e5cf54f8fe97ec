{#- The survey_responses input stacked from the sources _cx_input_sources names (docs/connectors.md). -#}
{{ config(materialized='view', enabled=cx_metrics._cx_input_is_adapted('survey_responses')) }}
{{ cx_metrics._cx_stacked_input('survey_responses') }}
