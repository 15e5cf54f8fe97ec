{#-
    The latest load time of the survey answers (null without a load column): the watermark of
    the survey metric tables, written on each of their rows as loaded_through.
-#}
{% macro loaded_through(responses) -%}
    (select max(loaded_at) from {{ responses }})
{%- endmacro %}
