{#-
    The keyword that makes a CTE be computed once and read from there ('materialized' on
    DuckDB and PostgreSQL), or nothing where the engine has no such keyword (its optimizer
    decides). For a CTE read several times that must not be recomputed each time.
-#}
{% macro materialized_cte() -%}
    {{ return(adapter.dispatch('materialized_cte', 'cx_metrics')()) }}
{%- endmacro %}

{% macro default__materialized_cte() -%}
{%- endmacro %}

{% macro duckdb__materialized_cte() -%}
    materialized
{%- endmacro %}

{% macro postgres__materialized_cte() -%}
    materialized
{%- endmacro %}

{#- Redshift (dispatched to postgres__ otherwise): its WITH clause has no MATERIALIZED keyword. -#}
{% macro redshift__materialized_cte() -%}
{%- endmacro %}
