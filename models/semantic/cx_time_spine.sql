{{ config(
    materialized='table',
    enabled=var('cx_semantic_layer', true) and var('cx_time_spine', true),
) }}
{#-
    The day-grain time spine MetricFlow needs (the `time_spine:` property in
    _semantic__models.yml): one row per calendar day from var cx_time_spine_start to var
    cx_time_spine_end, both included. Built from integer offsets and dbt.dateadd only, so the
    same SQL runs on every engine. At most 100,000 days (about 273 years).
    Switch it off with cx_time_spine: false when your project has its own day-grain spine.
-#}
{%- set first_day = var('cx_time_spine_start', '2000-01-01') -%}
{%- set last_day = var('cx_time_spine_end', '2040-12-31') -%}
{%- set span = (modules.datetime.date.fromisoformat(last_day | string)
    - modules.datetime.date.fromisoformat(first_day | string)).days -%}
{%- if span < 0 or span >= 100000 -%}
    {{ exceptions.raise_compiler_error(
        "cx_time_spine_start (" ~ first_day ~ ") to cx_time_spine_end (" ~ last_day
        ~ ") must be 0 to 99,999 days apart") }}
{%- endif -%}
{%- set first_date = "cast('" ~ first_day ~ "' as date)" %}

with offsets as (

    {#- 0..99,999: the package's 0..9,999 numbers times ten blocks. -#}
    select numbers.n + 10000 * blocks.n as day_offset
    from ({{ cx_metrics.numbers() }}) as numbers
    cross join (
        select 0 as n union all select 1 union all select 2 union all select 3 union all select 4
        union all select 5 union all select 6 union all select 7 union all select 8 union all select 9
    ) as blocks

),

final as (

    select cast({{ dbt.dateadd('day', 'day_offset', first_date) }} as date) as date_day
    from offsets
    where day_offset <= {{ span }}

)

select * from final
