{#- The orders input stacked from the sources _cx_input_sources names (docs/connectors.md). -#}
{{ config(materialized='view', enabled=cx_metrics._cx_input_is_adapted('orders') and var('cx_using_orders')) }}
{{ cx_metrics._cx_stacked_input('orders') }}
