{#- The customers input stacked from the sources _cx_input_sources names (docs/connectors.md). -#}
{{ config(materialized='view', enabled=cx_metrics._cx_input_is_adapted('customers') and var('cx_using_customers')) }}
{{ cx_metrics._cx_stacked_input('customers') }}
