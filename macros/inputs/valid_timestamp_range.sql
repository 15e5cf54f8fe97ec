{#-
    The range of plausible timestamps, [cx_valid_timestamps_from, cx_valid_timestamps_before),
    as two dates. A parsed input timestamp outside it is rejected ('timestamp out of range'):
    placeholders such as 0001-01-01 or 9999-12-31 would otherwise stretch every period spine
    over thousands of years. The spines and cohort grids are sized from this range, so an
    accepted row can never fall past their end.
-#}
{% macro valid_timestamp_range() -%}
    {{ return(adapter.dispatch('valid_timestamp_range', 'cx_metrics')()) }}
{%- endmacro %}

{% macro default__valid_timestamp_range() -%}
    {%- set bounds = [] -%}
    {#- The defaults of dbt_project.yml, for nodes of a project that installs the package. -#}
    {%- set defaults = {'cx_valid_timestamps_from': '1900-01-01',
                        'cx_valid_timestamps_before': '2100-01-01'} -%}
    {%- for name, default in defaults.items() -%}
        {%- set value = var(name, default) | string -%}
        {%- if not modules.re.fullmatch('[0-9]{4}-[0-9]{2}-[0-9]{2}', value) -%}
            {{ exceptions.raise_compiler_error(
                "var " ~ name ~ " is '" ~ value ~ "'. Fix: a date written YYYY-MM-DD.") }}
        {%- endif -%}
        {%- do bounds.append(modules.datetime.date.fromisoformat(value)) -%}
    {%- endfor -%}
    {%- if bounds[0] >= bounds[1] -%}
        {{ exceptions.raise_compiler_error(
            "vars cx_valid_timestamps_from (" ~ bounds[0] ~ ") and cx_valid_timestamps_before ("
            ~ bounds[1] ~ ") leave no valid timestamp. Fix: the first must be the earlier date.") }}
    {%- endif -%}
    {{ return(bounds) }}
{%- endmacro %}
