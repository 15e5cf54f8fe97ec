{#-
    The alert ledger's audit export (cx-metrics alerts writes it after every round) as a
    relation: the Parquet file at var cx_alert_audit_path, relative to the dbt project. Before
    the first round there is no file: then no rows, with the same columns.
-#}
{% macro alert_audit() -%}
    {{ return(adapter.dispatch('alert_audit', 'cx_metrics')()) }}
{%- endmacro %}

{% macro default__alert_audit() -%}
    {#- Parsing renders disabled models too: fail only when the model really compiles. -#}
    {%- if execute -%}
    {{ exceptions.raise_compiler_error(
        "cx_metrics: cx__followup_alerts reads the alert audit (a Parquet file) on the duckdb "
        ~ "and spark targets only. Fix: load $CX_ALERTS_DIR/followup_alerts.parquet into a table "
        ~ "yourself, or leave cx_using_followup_alerts false on " ~ target.type ~ "."
    ) }}
    {%- endif -%}
    ({{ cx_metrics._alert_audit_empty() }})
{%- endmacro %}

{% macro duckdb__alert_audit() -%}
    {%- set path = var('cx_alert_audit_path') -%}
    {%- set found = true -%}
    {%- if execute -%}
        {%- set found = run_query("select count(*) from glob(" ~ dbt.string_literal(path) ~ ")").columns[0].values()[0] > 0 -%}
    {%- endif -%}
    {%- if found -%}
    read_parquet({{ dbt.string_literal(path) }})
    {%- else -%}
    ({{ cx_metrics._alert_audit_empty() }})
    {%- endif -%}
{%- endmacro %}

{% macro spark__alert_audit() -%}
    parquet.`{{ var('cx_alert_audit_path') }}`
{%- endmacro %}

{% macro _alert_audit_empty() -%}
    {%- set text = dbt.type_string() -%}
    {%- set ts = dbt.type_timestamp() -%}
    select
        {%- for name in ['alert_id', 'kind', 'response_id', 'customer_id', 'survey_type'] %}
        cast(null as {{ text }}) as {{ name }},
        {%- endfor %}
        cast(null as {{ cx_metrics.type_double() }}) as score,
        {%- for name in ['touchpoint', 'segment', 'program', 'owner', 'destination'] %}
        cast(null as {{ text }}) as {{ name }},
        {%- endfor %}
        {%- for name in ['responded_at', 'follow_up_due_at', 'created_at'] %}
        cast(null as {{ ts }}) as {{ name }},
        {%- endfor %}
        cast(null as {{ text }}) as status,
        cast(null as integer) as attempts,
        cast(null as {{ ts }}) as last_attempt_at,
        cast(null as {{ ts }}) as sent_at,
        cast(null as {{ text }}) as last_error
    where 1 = 0
{%- endmacro %}
