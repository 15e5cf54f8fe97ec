{#-
    Whether any survey row lacks a load time (loads: cx_loads_column('survey_responses')), asked
    of the load column alone, so that a filter for them is written only where there are some:
    `or loaded_at is null` would keep the database from skipping the loads already built.
    False without a load column, and at parse time.
-#}
{% macro survey_rows_without_load_time(loads) -%}
    {%- if not (loads and execute) -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set counted = run_query('select count(*) from ' ~ cx_metrics.cx_source('survey_responses') ~ ' where '
        ~ cx_metrics.parse_timestamp(loads['name'], loads['kind']) ~ ' is null') -%}
    {{ return(counted.columns[0].values()[0] > 0) }}
{%- endmacro %}
