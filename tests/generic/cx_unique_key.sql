{#- The combination of columns is unique and never null: a primary key test for any grain. -#}
{% test cx_unique_key(model, columns) %}

with keys as (

    select
        {{ columns | join(', ') }},
        count(*) as occurrences
    from {{ model }}
    group by {{ columns | join(', ') }}

)

select * from keys
where occurrences > 1
    {%- for column in columns %}
    or {{ column }} is null
    {%- endfor %}

{% endtest %}
