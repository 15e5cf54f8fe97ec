-- VADER over any table of texts (text_id, text) named by --vars '{cx_test_texts: schema.table}':
-- the tests load a labelled corpus and compare each score with the reference package's.
{{ config(enabled=var('cx_test_texts', none) is not none, materialized='table') }}

with texts as (

    select * from {{ var('cx_test_texts', 'none') }}

),

tokens as (

    {{ cx_metrics.text_tokens('texts') }}

),

scores as (

    {{ cx_metrics.vader_scores('tokens') }}

)

select * from scores
