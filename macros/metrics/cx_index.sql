{#-
    Weighted CX index: sum(weight * component) / sum(weight) over the components that are not
    null in the row, so the weights renormalize when a component is missing; null when all are.
    components: dict of weight name -> SQL expression on 0-100; weights default to the var
    cx_index_weights (nps .30, csat .25, ces .20, retention .15, fcr .10).
-#}
{% macro cx_index(components, weights=none) -%}
    {{ return(adapter.dispatch('cx_index', 'cx_metrics')(components, weights)) }}
{%- endmacro %}

{% macro default__cx_index(components, weights=none) -%}
    {#- With its default: a project's own model calling this does not see the package's vars. #}
    {%- set weights = weights if weights is not none else var('cx_index_weights', {'nps': 0.30, 'csat': 0.25, 'ces': 0.20, 'retention': 0.15, 'fcr': 0.10}) -%}
    {%- for name in components if name not in weights -%}
        {{ exceptions.raise_compiler_error("cx_index: no weight for component '" ~ name ~ "' in cx_index_weights") }}
    {%- endfor -%}
    (
        ({%- for name, expression in components.items() %}
            coalesce({{ weights[name] }} * ({{ expression }}), 0){{ ' +' if not loop.last }}
        {%- endfor %})
        / nullif(
            {%- for name, expression in components.items() %}
            case when ({{ expression }}) is not null then {{ weights[name] }} else 0 end{{ ' +' if not loop.last }}
            {%- endfor %}, 0)
    )
{%- endmacro %}
