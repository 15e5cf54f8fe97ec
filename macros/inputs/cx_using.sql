{#-
    Whether an input is switched on: survey_responses always is; the others follow their
    cx_using_<table> var (default true), as the models that need them do.
-#}
{% macro cx_using(table_name) -%}
    {{ return(table_name == 'survey_responses' or var('cx_using_' ~ table_name, true)) }}
{%- endmacro %}
