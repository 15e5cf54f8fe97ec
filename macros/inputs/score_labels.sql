{#-
    The label map of text scores: the node the var cx_score_labels_model names. The package's
    own seed (the default) is pinned to the package: a bare ref reads a root project's node of
    the same name first.
-#}
{% macro score_labels() -%}
    {%- set model = var('cx_score_labels_model') -%}
    {{ return(ref('cx_metrics', model) if model == 'cx_score_labels' else ref(model)) }}
{%- endmacro %}
