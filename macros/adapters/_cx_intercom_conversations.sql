{#-
    The select of the active Intercom conversations both adapters read, with the contract's
    ticket_id, customer_id (the first contact's external_id), channel, priority and created_at
    as text, the state and the rating columns.
-#}
{% macro _cx_intercom_conversations() -%}
    {%- set conversation = cx_metrics._cx_connector_table('intercom', 'conversation_history') -%}
    {%- set kinds = conversation['kinds'] %}
    select
        conversation.id,
        conversation.state,
        cast(conversation.id as {{ dbt.type_string() }}) as ticket_id,
        contact.customer_id,
        conversation.source_type as channel,
        conversation.priority,
        {{ cx_metrics.connector_text('conversation.created_at', kinds.get('created_at')) }} as created_at,
        conversation.conversation_rating_value as rating,
        conversation.conversation_rating_remark as remark,
        {{ cx_metrics.connector_text('conversation.conversation_rating_created_at', kinds.get('conversation_rating_created_at')) }} as rated_at,
        {{ cx_metrics.connector_text('conversation._fivetran_synced', kinds.get('_fivetran_synced')) }} as synced_at
    from {{ conversation['relation'] }} as conversation
    left join (
        select
            links.conversation_id,
            min(cast(contacts.external_id as {{ dbt.type_string() }})) as customer_id
        from {{ cx_metrics._cx_connector_table('intercom', 'conversation_contact_history')['relation'] }} as links
        inner join {{ cx_metrics._cx_connector_table('intercom', 'contact_history')['relation'] }} as contacts
            on links.contact_id = contacts.id
            and coalesce(contacts._fivetran_active, true)
        where coalesce(links._fivetran_active, true)
        group by links.conversation_id
    ) as contact
        on conversation.id = contact.conversation_id
    where coalesce(conversation._fivetran_active, true)
{%- endmacro %}
