{#-
    Each customer's spells of one NPS category, as a select of (customer_id, segment,
    monthly_revenue, started_at, churned_at, nps_category, held_after, held_until) over two
    relations of the calling model: accepted customers and accepted survey responses.
    A customer is at the start of a period [ps, pe) in a category when held_after < ps and
    (held_until is null or ps <= held_until): at the start when started_at < ps <= churned_at,
    and in the category of their latest NPS answer before ps ('no answer' before the first).
    Each answer holds until the customer's next one (of two at the same instant, the larger
    response_id is the later), so spells never overlap, and a customer without answers has one.
    Spells are events (customers + answers), never customers x periods.
-#}
{% macro nps_category_spells(customers, responses) -%}
    {{ return(adapter.dispatch('nps_category_spells', 'cx_metrics')(customers, responses)) }}
{%- endmacro %}

{% macro default__nps_category_spells(customers, responses) -%}
    with cx_nps_answers as (
        select
            customer_id,
            nps_category,
            responded_at,
            lead(responded_at) over (
                partition by customer_id
                order by responded_at, response_id
            ) as next_responded_at,
            row_number() over (
                partition by customer_id
                order by responded_at, response_id
            ) as answer_number
        from {{ responses }}
        where survey_type = 'nps'
            and customer_id is not null
    ),

    cx_nps_held as (
        {#- 'no answer' until the first answer (held_from null: since ever), then each answer. #}
        select
            customer_id,
            'no answer' as nps_category,
            cast(null as {{ dbt.type_timestamp() }}) as held_from,
            responded_at as held_to
        from cx_nps_answers
        where answer_number = 1

        union all

        select
            customer_id,
            nps_category,
            responded_at as held_from,
            next_responded_at as held_to
        from cx_nps_answers
    ),

    cx_spells as (
        select
            accepted.customer_id,
            accepted.segment,
            accepted.monthly_revenue,
            accepted.started_at,
            accepted.churned_at,
            coalesce(held.nps_category, 'no answer') as nps_category,
            case
                when held.held_from > accepted.started_at then held.held_from
                else accepted.started_at
            end as held_after,
            case
                when held.held_to is null then accepted.churned_at
                when accepted.churned_at is null or held.held_to < accepted.churned_at
                    then held.held_to
                else accepted.churned_at
            end as held_until
        from {{ customers }} as accepted
        left join cx_nps_held as held
            on accepted.customer_id = held.customer_id
    )

    select *
    from cx_spells
    where held_until is null
        or held_after < held_until
{%- endmacro %}
