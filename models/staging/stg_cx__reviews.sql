{{ config(enabled=var('cx_using_reviews')) }}
{#-
    Every online or social review (optional input), cleaned and parsed, with the reason it is
    rejected (null when accepted). The source is trimmed and lower-cased (ASCII letters), unknown
    when missing; the rating must be a whole number of stars from 1 to 5.
-#}

{%- set kinds = cx_metrics.cx_input_kinds('reviews') %}

{#- The import CTE is not named source: the input has a column of that name. #}
with reviews as (

    select * from {{ cx_metrics.cx_source('reviews') }}

),

cleaned as (

    select
        {{ cx_metrics.clean_text('review_id') }} as review_id,
        {#- source and text are the contract's names (keywords to sqlfluff, not to the engines). #}
        coalesce({{ cx_metrics.clean_code('source') }}, 'unknown') as source,  -- noqa: RF04
        {{ cx_metrics.clean_text('posted_at') }} as posted_at_text,
        {{ cx_metrics.parse_timestamp('posted_at', kinds['posted_at']) }} as posted_at,
        {{ cx_metrics.clean_text('rating') }} as rating_text,
        {{ cx_metrics.parse_number('rating', kinds['rating']) }} as rating,
        {{ cx_metrics.clean_text('text') }} as text,  -- noqa: RF04
        {{- cx_metrics.cx_optional_columns('reviews', 'values', kinds) }}
        {{ cx_metrics.raw_record(cx_metrics.cx_input_columns('reviews')) }} as raw_record,
        {{ cx_metrics.row_fingerprint(cx_metrics.cx_input_columns('reviews')) }} as row_fingerprint
    from reviews

),

checked as (

    select
        *,
        case
            when review_id is null then 'missing key'
            when posted_at_text is null then 'missing timestamp'
            when posted_at is null then 'unparseable timestamp'
            when {{ cx_metrics.timestamp_out_of_range('posted_at') }} then 'timestamp out of range'
            when rating_text is null then 'missing rating'
            when rating is null then 'unparseable rating'
            when rating <> floor(rating) then 'rating not an integer'
            when rating < 1 or rating > 5 then 'rating outside scale'
            {{- cx_metrics.cx_optional_columns('reviews', 'checks') }}
        end as row_rejection_reason
    from cleaned

),

ranked as (

    select
        *,
        {{ cx_metrics.rejection_reason('review_id', 'posted_at') }} as rejection_reason
    from checked

),

final as (

    select
        review_id,
        source,
        posted_at,
        {#- As parsed (validation counts the ratings off the scale); int_cx__reviews_accepted
            casts the whole stars. -#}
        rating,
        text,
        {{- cx_metrics.cx_optional_columns('reviews', 'select') }}
        {{ cx_metrics.raw_record_if_rejected() }} as raw_record,
        rejection_reason
    from ranked

)

select * from final
