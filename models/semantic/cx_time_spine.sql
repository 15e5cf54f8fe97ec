{{ config(
    materialized='table',
    enabled=var('cx_semantic_layer') and var('cx_time_spine'),
) }}
{#-
    The day-grain time spine MetricFlow needs (the `time_spine:` property in
    _semantic__models.yml): one row per calendar day from var cx_time_spine_start to var
    cx_time_spine_end, both included. Built from integer offsets and dbt.dateadd only, so the
    same SQL runs on every engine.
    Switch it off with cx_time_spine: false when your project has its own day-grain spine.
-#}
{%- set first_day = var('cx_time_spine_start') -%}
{%- set last_day = var('cx_time_spine_end') -%}
{%- set span = (modules.datetime.date.fromisoformat(last_day | string)
    - modules.datetime.date.fromisoformat(first_day | string)).days -%}
{%- if span < 0 -%}
    {{ exceptions.raise_compiler_error(
        "cx_time_spine_start (" ~ first_day ~ ") to cx_time_spine_end (" ~ last_day
        ~ ") end before they start. Fix: the start must be the earlier date.") }}
{%- endif -%}
{%- set first_date = "cast('" ~ first_day ~ "' as date)" %}

with final as (

    select cast({{ dbt.dateadd('day', 'offsets.n', first_date) }} as date) as date_day
    from ({{ cx_metrics.numbers(span + 1) }}) as offsets
    where offsets.n <= {{ span }}

)

select * from final
