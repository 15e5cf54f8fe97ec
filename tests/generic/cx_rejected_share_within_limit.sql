{#-
    A green build means usable metrics: fails when more than cx_validation_max_rejected_pct of
    an input's rows were rejected (the rule `cx-metrics validate` blocks on), a sign of a broken
    export or a wrong mapping rather than a few bad answers. Applied to cx__rejected_records,
    once per input. Returns the input, its rows, the rejected rows and share, and the most
    common reason; the same line is printed to dbt's log, so the failure says what went wrong.
-#}
{% test cx_rejected_share_within_limit(model, input_table) %}
{%- set max_pct = var('cx_validation_max_rejected_pct') -%}
{%- set check -%}
with reasons as (

    select reason, count(*) as rejected_rows
    from {{ model }}
    where source_table = '{{ input_table }}'
    group by reason

),

totals as (

    select
        (select count(*) from {{ cx_metrics.cx_source(input_table) }}) as input_rows,
        (select coalesce(sum(rejected_rows), 0) from reasons) as rejected_rows

),

top_reason as (

    select reason, rejected_rows from reasons
    order by rejected_rows desc, reason
    limit 1

)

select
    '{{ input_table }}' as input_table,
    totals.input_rows,
    totals.rejected_rows,
    100 * cast(totals.rejected_rows as {{ cx_metrics.type_double() }})
        / nullif(totals.input_rows, 0) as rejected_pct,
    top_reason.reason as top_reason,
    top_reason.rejected_rows as top_reason_rows
from totals
cross join top_reason
where 100 * cast(totals.rejected_rows as {{ cx_metrics.type_double() }})
    > {{ max_pct }} * cast(totals.input_rows as {{ cx_metrics.type_double() }})
{%- endset -%}
{%- if execute -%}
    {%- for row in run_query(check).rows -%}
        {%- do log(
            "cx_metrics: input '" ~ input_table ~ "': " ~ row['rejected_rows'] ~ " of "
            ~ row['input_rows'] ~ " rows rejected (" ~ '%.1f' | format(row['rejected_pct'])
            ~ "%), more than cx_validation_max_rejected_pct = " ~ max_pct ~ "%. Most common reason: '"
            ~ row['top_reason'] ~ "' (" ~ row['top_reason_rows'] ~ " rows). See cx__rejected_records.",
            info=True
        ) -%}
    {%- endfor -%}
{%- endif %}
{{ check }}
{% endtest %}
