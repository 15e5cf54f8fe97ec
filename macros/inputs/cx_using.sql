{#-
    Whether an input is switched on: survey_responses always is; the others follow their
    cx_using_<table> var (dbt_project.yml: true, but orders, an input added later, which a project
    switches on once it has one).
-#}
{% macro cx_using(table_name) -%}
    {{ return(table_name == 'survey_responses' or var('cx_using_' ~ table_name)) }}
{%- endmacro %}
