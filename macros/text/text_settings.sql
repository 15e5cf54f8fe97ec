{#-
    The vars of the text models, with their defaults: read through this macro so that a
    project's own model calling text_tokens or sentiment_label (whose vars are the project's,
    not the package's) gets the same defaults as dbt_project.yml gives the package.
-#}
{% macro text_settings() -%}
    {{ return({
        'max_characters': var('cx_comment_max_characters', 10000) | int,
        'thresholds': var('cx_sentiment_thresholds', {'very_negative': -0.6, 'negative': -0.05, 'positive': 0.05,
                                                      'very_positive': 0.6, 'mixed_share': 0.25}),
    }) }}
{%- endmacro %}
