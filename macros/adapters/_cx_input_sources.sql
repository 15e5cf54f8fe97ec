{#-
    The sources one input is read from, as its var names them (docs/connectors.md): a list of
    'contract' and/or connectors. The connectors each input may come from are listed here once;
    any other name stops the build, naming the var and the names it takes.
-#}
{% macro _cx_input_sources(table_name) -%}
    {%- set var_name, allowed = cx_metrics._cx_source_vars()[table_name] if table_name in cx_metrics._cx_source_vars() else (none, ['contract']) -%}
    {%- set chosen = var(var_name, 'contract') if var_name else 'contract' -%}
    {%- set chosen = [chosen] if chosen is string else (chosen | list) -%}
    {%- for name in chosen if name not in allowed -%}
        {{ exceptions.raise_compiler_error(
            "cx_metrics: " ~ var_name ~ " names '" ~ name ~ "', which is not a source of "
            ~ table_name ~ ". Fix: set it to one or a list of " ~ allowed | join(', ') ~ "."
        ) }}
    {%- endfor -%}
    {{ return(chosen) }}
{%- endmacro %}

{#- {input: (its source var, the sources it may name)}. -#}
{% macro _cx_source_vars() -%}
    {{ return({
        'survey_responses': ('cx_survey_source', ['contract', 'qualtrics', 'delighted', 'zendesk', 'intercom']),
        'support_tickets': ('cx_tickets_source', ['contract', 'zendesk', 'intercom']),
        'customers': ('cx_customers_source', ['contract', 'hubspot', 'salesforce']),
        'orders': ('cx_orders_source', ['contract', 'salesforce']),
    }) }}
{%- endmacro %}

{#- Whether the package reads input table_name from a connector (an adapter), not only from the contract table. -#}
{% macro _cx_input_is_adapted(table_name) -%}
    {{ return(cx_metrics._cx_input_sources(table_name) != ['contract']) }}
{%- endmacro %}

{#- Whether any input is read from connector (which enables its adapter models). -#}
{% macro _cx_connector_used(connector, table_name=none) -%}
    {%- for name in ([table_name] if table_name else cx_metrics._cx_source_vars() | list) -%}
        {%- if connector in cx_metrics._cx_input_sources(name) -%}
            {{ return(true) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(false) }}
{%- endmacro %}
