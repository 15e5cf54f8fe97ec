{#- The integers 0..9999 as a relation with one column n (a portable spine of offsets). -#}
{% macro numbers() -%}
    {{ return(adapter.dispatch('numbers', 'cx_metrics')()) }}
{%- endmacro %}

{% macro default__numbers() -%}
    {%- set digits -%}
        select 0 as d union all select 1 union all select 2 union all select 3 union all select 4
        union all select 5 union all select 6 union all select 7 union all select 8 union all select 9
    {%- endset -%}
    select ones.d + 10 * tens.d + 100 * hundreds.d + 1000 * thousands.d as n
    from ({{ digits }}) as ones
    cross join ({{ digits }}) as tens
    cross join ({{ digits }}) as hundreds
    cross join ({{ digits }}) as thousands
{%- endmacro %}
