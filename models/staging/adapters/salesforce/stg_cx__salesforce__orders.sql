{#- Salesforce orders as orders (docs/connectors.md). -#}
{{ config(materialized='view', enabled=cx_metrics._cx_connector_used('salesforce', 'orders') and var('cx_using_orders')) }}
{%- set orders = cx_metrics._cx_connector_table('salesforce', 'order') %}

with final as (

    select
        {{- cx_metrics._cx_adapter_columns('orders', {
            'order_id': 'id',
            'customer_id': 'account_id',
            'ordered_at': cx_metrics.connector_text('effective_date', orders['kinds'].get('effective_date')),
            'amount': 'total_amount',
            'status': 'status',
        }, 'salesforce', cx_metrics.connector_text('_fivetran_synced', orders['kinds'].get('_fivetran_synced'))) }}
    from {{ orders['relation'] }}
    where not coalesce(is_deleted, false)
        {{- cx_metrics._cx_active_version(orders) }}

)

select * from final
