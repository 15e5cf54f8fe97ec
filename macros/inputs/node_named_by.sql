{#-
    The node a var names, for tables a user may replace with their own seed or model (the score
    label map, the topic taxonomy). The package's own seed (the default) is pinned to the
    package: a bare ref reads a root project's node of the same name first.
-#}
{% macro node_named_by(var_name, package_node) -%}
    {%- set model = var(var_name, package_node) -%}
    {{ return(ref('cx_metrics', model) if model == package_node else ref(model)) }}
{%- endmacro %}
