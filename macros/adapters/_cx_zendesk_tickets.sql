{#-
    The select of the Zendesk tickets both adapters read: not deleted, with the contract's
    ticket_id, customer_id (cx_zendesk_customer_id), channel, priority and created_at as text.
-#}
{% macro _cx_zendesk_tickets() -%}
    {%- set ticket = cx_metrics._cx_connector_table('zendesk', 'ticket') -%}
    {%- set customer = var('cx_zendesk_customer_id') -%}
    {%- set customers = {
        'requester_external_id': 'requesters.external_id',
        'requester_id': 'ticket.requester_id',
        'organization_id': 'ticket.organization_id',
    } -%}
    {%- if customer not in customers -%}
        {{ exceptions.raise_compiler_error(
            "cx_metrics: cx_zendesk_customer_id is '" ~ customer ~ "'. Fix: set it to one of "
            ~ customers | list | join(', ') ~ "."
        ) }}
    {%- endif %}
    select
        ticket.id,
        ticket.status,
        cast(ticket.id as {{ dbt.type_string() }}) as ticket_id,
        cast({{ customers[customer] }} as {{ dbt.type_string() }}) as customer_id,
        ticket.via_channel as channel,
        ticket.priority,
        {{ cx_metrics.connector_text('ticket.created_at', ticket['kinds'].get('created_at')) }} as created_at,
        {{ cx_metrics.connector_text('ticket._fivetran_synced', ticket['kinds'].get('_fivetran_synced')) }} as synced_at
    from {{ ticket['relation'] }} as ticket
    {%- if customer == 'requester_external_id' %}
    left join {{ cx_metrics._cx_connector_table('zendesk', 'user')['relation'] }} as requesters
        on ticket.requester_id = requesters.id
    {%- endif %}
    where not coalesce(ticket._fivetran_deleted, false)
        and coalesce(ticket.status, '') <> 'deleted'
{%- endmacro %}
