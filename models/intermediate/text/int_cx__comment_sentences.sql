{#- VADER sentiment of each sentence of each survey comment: a topic's sentiment is its sentence's. -#}
{{ config(enabled=var('cx_using_comments')) }}

with sentences as (

    {{ cx_metrics.vader_scores(ref('cx_metrics', 'int_cx__comment_tokens'), ['text_id', 'sentence_no']) }}

)

select * from sentences
