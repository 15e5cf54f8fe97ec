{#- A table, as int_cx__orders_accepted: the reconcile test counts it in every refresh, new loads' too. -#}
{{ config(materialized='table', enabled=var('cx_using_reviews')) }}
{#- Reviews that passed staging's checks, one row per review: what cx__reviews and your own
    models (sentiment, topics) read. -#}

with reviews as (

    select * from {{ ref('cx_metrics', 'stg_cx__reviews') }}
    where rejection_reason is null

),

final as (

    select
        review_id,
        source,
        posted_at,
        {#- Whole stars from 1 to 5 (staging rejects the others). -#}
        cast(rating as {{ dbt.type_int() }}) as rating,
        text,
        customer_id
    from reviews

)

select * from final
