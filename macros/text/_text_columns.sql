{#- The columns the text models carry beside each text, listed once for the sentiment and the topic models. -#}

{#- An answer's: what cx__topic_impact and cx__sentiment group by (the survey dimensions) and read. -#}
{% macro _cx_comment_columns() -%}
    {%- set columns = ['customer_id', 'survey_type'] -%}
    {%- for dimension in var('cx_survey_dimensions') if dimension not in columns -%}
        {%- do columns.append(dimension) -%}
    {%- endfor -%}
    {{ return(columns + ['responded_at', 'score', 'nps_category']) }}
{%- endmacro %}

{#- text_sentiments' columns, beside text_id: what cx__comment_sentiment and cx__review_sentiment carry. -#}
{% macro _cx_sentiment_columns() -%}
    {{ return(['words', 'sentiment_score', 'sentiment_label', 'positive_share', 'neutral_share', 'negative_share', 'is_truncated']) }}
{%- endmacro %}

{#- A review's. -#}
{% macro _cx_review_columns() -%}
    {{ return(['source', 'posted_at', 'rating', 'customer_id']) }}
{%- endmacro %}
