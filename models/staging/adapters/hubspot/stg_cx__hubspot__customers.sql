{#- HubSpot companies as customers, the other columns from the properties cx_hubspot_properties names (docs/connectors.md). -#}
{{ config(materialized='view', enabled=cx_metrics._cx_connector_used('hubspot', 'customers') and var('cx_using_customers')) }}
{%- set company = cx_metrics._cx_connector_table('hubspot', 'company') %}
{%- set values = {'customer_id': 'id'} %}
{%- for column, name in var('cx_hubspot_properties').items() %}
{%- do values.update({column: cx_metrics._cx_named_column(company, 'property_' ~ name, 'cx_hubspot_properties')}) %}
{%- endfor %}

with final as (

    select
        {{- cx_metrics._cx_adapter_columns('customers', values, 'hubspot',
            cx_metrics.connector_text('_fivetran_synced', company['kinds'].get('_fivetran_synced'))) }}
    from {{ company['relation'] }}
    where not coalesce(is_deleted, false)
        and not coalesce(_fivetran_deleted, false)

)

select * from final
