{#-
    The optional columns of one input's contract (meta required: false), which staging carries
    without a line of its own for each: a column the input lacks is null.
    part 'names': their names (a list); part 'select': the names, each ending in a comma, to
    select them again in a later CTE.
    part 'values': the staging expressions, each ending in a comma, for the CTE that cleans the
    source: text trimmed, a number or timestamp parsed by its kind (kinds: cx_input_kinds), with
    its trimmed text as <column>__text beside it for the checks.
    part 'checks': the `when ... then reason` lines a row's rejection case adds: an unparseable
    number or timestamp, or a timestamp out of range, rejects the row.
-#}
{% macro cx_optional_columns(table_name, part, kinds=none) -%}
    {%- set optional = [] -%}
    {%- for name, meta in cx_metrics.cx_input_contract(table_name)['columns'].items() -%}
        {%- if not meta.get('required', true) -%}
            {%- do optional.append((name, meta.get('kind', 'text'))) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if part == 'names' -%}
        {{ return(optional | map(attribute=0) | list) }}
    {%- elif part == 'select' -%}
        {%- for name, kind in optional %}
        {{ name }},
        {%- endfor -%}
    {%- endif -%}
    {%- set present = cx_metrics.cx_input_columns(table_name) if optional and part != 'select' else [] -%}
    {%- for name, kind in optional -%}
        {%- set parsed = 'timestamp' if kind == 'timestamp' else ('number' if kind in ['number', 'integer'] else none) -%}
        {%- if part == 'values' and name not in present %}
        cast(null as {{ dbt.type_timestamp() if parsed == 'timestamp' else (cx_metrics.type_double() if parsed else dbt.type_string()) }}) as {{ name }},
        {%- elif part == 'values' %}
        {{ cx_metrics.clean_text(name) }} as {{ name }}__text,
        {%- if parsed == 'timestamp' %}
        {{ cx_metrics.parse_timestamp(name, kinds[name]) }} as {{ name }},
        {%- elif parsed %}
        {{ cx_metrics.parse_number(name, kinds[name]) }} as {{ name }},
        {%- else %}
        {{ cx_metrics.clean_text(name) }} as {{ name }},
        {%- endif %}
        {%- elif part == 'checks' and parsed and name in present %}
            when {{ name }}__text is not null and {{ name }} is null then 'unparseable {{ parsed }}'
            {%- if parsed == 'timestamp' %}
            when {{ cx_metrics.timestamp_out_of_range(name) }} then 'timestamp out of range'
            {%- endif %}
        {%- endif -%}
    {%- endfor -%}
{%- endmacro %}
