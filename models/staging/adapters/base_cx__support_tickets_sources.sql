{#- The support_tickets input stacked from the sources _cx_input_sources names (docs/connectors.md). -#}
{{ config(materialized='view', enabled=cx_metrics._cx_input_is_adapted('support_tickets') and var('cx_using_support_tickets')) }}
{{ cx_metrics._cx_stacked_input('support_tickets') }}
