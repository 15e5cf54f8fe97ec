{#-
    The owner, destination or escalation destination (field) of a negative answer, from the
    routing rules in var cx_alert_routes: an ordered list of rules, each matching on any of
    segment, touchpoint and program (a rule without them matches every answer); the first rule
    that matches wins. A rule's escalation defaults to its destination. No match: null (the
    alert is recorded as unrouted, never dropped).
-#}
{% macro alert_route(field) -%}
    {{ return(adapter.dispatch('alert_route', 'cx_metrics')(field)) }}
{%- endmacro %}

{% macro default__alert_route(field) -%}
    {#- The default is dbt_project.yml's (docs/vars.md), written again here for a call
        from a model of your own project, which does not see the package's vars. -#}
    {%- set rules = var('cx_alert_routes', [{'owner': 'cx-team', 'destination': 'webhook:default'}]) -%}
    {%- set matched = [] -%}
    {#- No rules: every answer is unrouted (a case with no when would be a syntax error). -#}
    {%- if not rules -%}
    cast(null as {{ dbt.type_string() }})
    {%- else -%}
    case
    {%- for rule in rules %}
        {%- set conditions = [] -%}
        {%- for column in ['segment', 'touchpoint', 'program'] if rule.get(column) is not none -%}
            {%- do conditions.append(column ~ ' = ' ~ dbt.string_literal(rule[column])) -%}
        {%- endfor -%}
        {%- set value = rule.get(field) if field != 'escalation' else (rule.get('escalation') or rule.get('destination')) %}
        when {{ conditions | join(' and ') if conditions else '1 = 1' }} then {{ dbt.string_literal(value) if value is not none else 'null' }}
    {%- endfor %}
        else cast(null as {{ dbt.type_string() }})
    end
    {%- endif -%}
{%- endmacro %}
