{#- The validation settings as JSON; compiled (never run) by `cx-metrics validate`. -#}
{{ tojson(cx_metrics.cx_validation_settings()) }}
