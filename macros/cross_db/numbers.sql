{#-
    The integers 0..N-1, for some N >= count, as a relation with one column n (a portable spine
    of offsets): a cross join of as many decimal digits as count needs.
-#}
{% macro numbers(count=10000) -%}
    {{ return(adapter.dispatch('numbers', 'cx_metrics')(count)) }}
{%- endmacro %}

{% macro default__numbers(count=10000) -%}
    {%- set places = [1] -%}
    {%- for _ in range(20) if places[-1] * 10 < count -%}
        {%- do places.append(places[-1] * 10) -%}
    {%- endfor -%}
    {%- set digits -%}
        select 0 as d union all select 1 union all select 2 union all select 3 union all select 4
        union all select 5 union all select 6 union all select 7 union all select 8 union all select 9
    {%- endset -%}
    select {% for place in places %}{{ ' + ' if not loop.first }}{{ place }} * digit_{{ place }}.d{% endfor %} as n
    from {% for place in places %}{{ '\n    cross join ' if not loop.first }}({{ digits }}) as digit_{{ place }}{% endfor %}
{%- endmacro %}
