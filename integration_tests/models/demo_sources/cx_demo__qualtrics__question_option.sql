{{ config(materialized='table', alias='question_option', schema='qualtrics', enabled='qualtrics' in var('cx_demo_source', [])) }}
select
    cast(null as varchar) as key,
    cast(null as varchar) as question_id,
    cast(null as varchar) as survey_id,
    cast(null as varchar) as recode_value
where false
