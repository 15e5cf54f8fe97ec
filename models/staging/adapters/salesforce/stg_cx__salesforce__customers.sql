{#- Salesforce accounts as customers, the other columns from the fields cx_salesforce_account_fields names (docs/connectors.md). -#}
{{ config(materialized='view', enabled=cx_metrics._cx_connector_used('salesforce', 'customers') and var('cx_using_customers')) }}
{%- set account = cx_metrics._cx_connector_table('salesforce', 'account') %}
{%- set values = {'customer_id': 'id'} %}
{%- for column, name in var('cx_salesforce_account_fields').items() %}
{%- do values.update({column: cx_metrics._cx_named_column(account, name, 'cx_salesforce_account_fields')}) %}
{%- endfor %}

with final as (

    select
        {{- cx_metrics._cx_adapter_columns('customers', values, 'salesforce',
            cx_metrics.connector_text('_fivetran_synced', account['kinds'].get('_fivetran_synced'))) }}
    from {{ account['relation'] }}
    where not coalesce(is_deleted, false)
        {{- cx_metrics._cx_active_version(account) }}

)

select * from final
