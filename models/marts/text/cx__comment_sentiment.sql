{#-
    One row per accepted survey answer with a comment: its VADER sentiment and label
    (text_sentiments over text_tokens), beside the answer's score and dimensions.
-#}
{{ config(enabled=var('cx_using_comments')) }}

with responses as (

    select * from {{ ref('cx_metrics', 'cx__survey_responses') }}
    where comment is not null

),

sentiments as (

    {{ cx_metrics.text_sentiments('responses', ref('cx_metrics', 'int_cx__comment_tokens'), 'response_id') }}

),

final as (

    select
        responses.response_id,
        {%- for column in cx_metrics._cx_comment_columns() %}
        responses.{{ column }},
        {%- endfor %}
        {%- for column in cx_metrics._cx_sentiment_columns() %}
        sentiments.{{ column }},
        {%- endfor %}
        responses.loaded_at
    from responses
    inner join sentiments
        on responses.response_id = sentiments.text_id

)

select * from final
