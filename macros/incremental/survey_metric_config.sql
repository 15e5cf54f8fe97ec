{#-
    The config of the survey metric tables (cx__nps, cx__csat, cx__ces): incremental on the
    period (delete+insert; a plain table on Spark), and, after an incremental run, every row's
    loaded_through set to the latest load counted, so that the table's own watermark is the
    same as a full build's (survey_metrics_since reads it).
-#}
{% macro survey_metric_config() -%}
    {{ return({
        'materialized': 'table' if target.type == 'spark' else 'incremental',
        'unique_key': ['period_grain', 'period_start'],
        'incremental_strategy': 'delete+insert',
        'on_schema_change': 'fail',
        'post_hook': "{% if is_incremental() %}update {{ this }} set loaded_through = "
            ~ "{{ cx_metrics.loaded_through(ref('cx_metrics', 'cx__survey_responses')) }}{% endif %}",
    }) }}
{%- endmacro %}
