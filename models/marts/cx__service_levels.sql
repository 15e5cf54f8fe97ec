{{ config(enabled=var('cx_using_support_tickets')) }}
{#- Ticket service levels per period of created_at and dimension value; the medians are ranked
    apart (median_by_period), so that no aggregate holds every ticket's value in memory. -#}
{%- set dimensions = var('cx_ticket_dimensions') %}
{%- set grain_key = ['period_grain', 'period_start', 'dimension', 'dimension_value'] %}

with tickets as (

    select * from {{ ref('cx_metrics', 'int_cx__support_tickets_enriched') }}

),

counted as (

    {{ cx_metrics.aggregate_by_period(
        relation='tickets',
        event_time='created_at',
        dimensions=dimensions,
        measures={
            'tickets_created': 'cast(count(*) as ' ~ dbt.type_bigint() ~ ')',
            'tickets_responded': 'cast(count(first_response_at) as ' ~ dbt.type_bigint() ~ ')',
            'tickets_resolved': 'cast(count(resolved_at) as ' ~ dbt.type_bigint() ~ ')',
            'first_response_minutes_sum': 'sum(first_response_minutes)',
            'resolution_hours_sum': 'sum(resolution_hours)',
            'tickets_with_handle_time': 'cast(count(handle_time_minutes) as ' ~ dbt.type_bigint() ~ ')',
            'handle_minutes_sum': 'sum(handle_time_minutes)',
            'first_contact_resolutions': cx_metrics.count_where('is_first_contact_resolution'),
        }
    ) }}

),

first_response_medians as (

    {{ cx_metrics.median_by_period('tickets', 'created_at', 'first_response_minutes', dimensions) }}

),

resolution_medians as (

    {{ cx_metrics.median_by_period('tickets', 'created_at', 'resolution_hours', dimensions) }}

),

final as (

    select
        counted.period_grain,
        counted.period_start,
        counted.dimension,
        counted.dimension_value,
        counted.tickets_created,
        counted.tickets_responded,
        counted.tickets_resolved,
        {{ cx_metrics.safe_divide('first_response_minutes_sum', 'tickets_responded') }}
            as avg_first_response_minutes,
        cast(first_response_medians.median as {{ cx_metrics.type_double() }})
            as median_first_response_minutes,
        {{ cx_metrics.safe_divide('resolution_hours_sum', 'tickets_resolved') }} as avg_resolution_hours,
        cast(resolution_medians.median as {{ cx_metrics.type_double() }}) as median_resolution_hours,
        {{ cx_metrics.safe_divide('handle_minutes_sum', 'tickets_with_handle_time') }} as avg_handle_minutes,
        counted.first_contact_resolutions,
        {{ cx_metrics.ratio_pct('first_contact_resolutions', 'tickets_resolved') }} as fcr_pct,
        counted.first_response_minutes_sum,
        counted.resolution_hours_sum,
        counted.handle_minutes_sum,
        counted.tickets_with_handle_time
    from counted
    {%- for medians in ['first_response_medians', 'resolution_medians'] %}
    left join {{ medians }}
        on {% for column in grain_key %}{{ 'and ' if not loop.first }}{{ medians }}.{{ column }} = counted.{{ column }}
        {% endfor %}
    {%- endfor %}

)

select * from final
