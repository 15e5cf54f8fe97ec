{#- The label map of text scores: the node the var cx_score_labels_model names (node_named_by). -#}
{% macro score_labels() -%}
    {{ return(cx_metrics.node_named_by('cx_score_labels_model', 'cx_score_labels')) }}
{%- endmacro %}
