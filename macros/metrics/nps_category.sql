{#- 'promoter' (9-10), 'passive' (7-8) or 'detractor' (0-6) for a 0-10 score; null otherwise. -#}
{% macro nps_category(score) -%}
    {{ return(adapter.dispatch('nps_category', 'cx_metrics')(score)) }}
{%- endmacro %}

{% macro default__nps_category(score) -%}
    case
        when {{ score }} >= 9 and {{ score }} <= 10 then 'promoter'
        when {{ score }} >= 7 and {{ score }} < 9 then 'passive'
        when {{ score }} >= 0 and {{ score }} < 7 then 'detractor'
    end
{%- endmacro %}
