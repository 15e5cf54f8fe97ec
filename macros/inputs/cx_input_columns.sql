{#-
    The columns each input table must have (README, "Inputs: the contract"). The single list that staging,
    the structural check, the raw record of rejected rows and validation all read.
-#}
{% macro cx_input_columns(table_name=none) -%}
    {%- set columns = {
        'survey_responses': ['response_id', 'customer_id', 'survey_type', 'program', 'touchpoint',
                             'channel', 'score', 'responded_at', 'comment', 'ticket_id'],
        'customers': ['customer_id', 'started_at', 'churned_at', 'segment', 'plan', 'region',
                      'monthly_revenue'],
        'support_tickets': ['ticket_id', 'customer_id', 'channel', 'priority', 'created_at',
                            'first_response_at', 'resolved_at', 'handle_time_minutes',
                            'agent_replies'],
        'feedback_followups': ['response_id', 'followed_up_at'],
        'orders': ['order_id', 'customer_id', 'ordered_at', 'amount', 'status'],
    } -%}
    {{ return(columns if table_name is none else columns[table_name]) }}
{%- endmacro %}
