{#-
    The weighted CX index per period and dimension value (all, segment): each family normalized
    to 0-100 (nps_component = (nps + 100) / 2; CSAT, CES easy share, retention rate and FCR as
    they are) and combined with the weights of cx_index_weights, renormalized over the
    components present in the row. The retention rate is the subscription one
    (cx__customer_churn) or, with cx_churn_basis: activity, the activity one (cx__activity_churn).
    Without customers (cx_using_customers false) or tickets (cx_using_support_tickets false) the
    retention or FCR component is null.
-#}
{%- set dimensions = ['all', 'segment'] -%}
{%- set families = [
    ('nps', ref('cx_metrics', 'cx__nps'), '(nps + 100) / 2'),
    ('csat', ref('cx_metrics', 'cx__csat'), 'csat_pct'),
    ('ces', ref('cx_metrics', 'cx__ces'), 'ces_easy_pct'),
] -%}
{#- A family whose input is switched off has a null component: the index renormalizes. -#}
{%- set absent = [] -%}
{#- cx_churn_basis: retention from subscriptions (customers) or from activity (orders). -#}
{%- set basis = var('cx_churn_basis') -%}
{%- if basis not in ('subscription', 'activity') -%}
    {{ exceptions.raise_compiler_error("cx_churn_basis: '" ~ basis ~ "' is not subscription or activity") }}
{%- endif -%}
{%- if basis == 'activity' and not cx_metrics.cx_using('orders') -%}
    {{ exceptions.raise_compiler_error("cx_churn_basis: activity needs the orders input: set cx_using_orders: true (docs/metrics.md, Churn without subscriptions)") }}
{%- endif -%}
{%- if basis == 'activity' -%}
    {%- do families.append(('retention', ref('cx_metrics', 'cx__activity_churn'), 'retention_rate_pct')) -%}
{%- elif var('cx_using_customers') -%}
    {%- do families.append(('retention', ref('cx_metrics', 'cx__customer_churn'), 'retention_rate_pct')) -%}
{%- else -%}
    {%- do absent.append('retention') -%}
{%- endif -%}
{%- if var('cx_using_support_tickets') -%}
    {%- do families.append(('fcr', ref('cx_metrics', 'cx__service_levels'), 'fcr_pct')) -%}
{%- else -%}
    {%- do absent.append('fcr') -%}
{%- endif -%}

with
{%- for name, relation, expression in families %}

{{ name }}_components as (

    select
        period_grain,
        period_start,
        dimension,
        dimension_value,
        {{ expression }} as {{ name }}_component
    from {{ relation }}
    where dimension in ('{{ dimensions | join("', '") }}')

),
{%- endfor %}

row_keys as (

    {%- for name, relation, expression in families %}
    {{ cx_metrics._cx_union_distinct() if not loop.first }}
    select period_grain, period_start, dimension, dimension_value from {{ name }}_components
    {%- endfor %}

),

joined as (

    select
        row_keys.period_grain,
        row_keys.period_start,
        row_keys.dimension,
        row_keys.dimension_value
        {%- for name, relation, expression in families %},
        {{ name }}_components.{{ name }}_component
        {%- endfor %}
        {%- for name in absent %},
        cast(null as {{ cx_metrics.type_double() }}) as {{ name }}_component
        {%- endfor %}
    from row_keys
    {%- for name, relation, expression in families %}
    left join {{ name }}_components
        on row_keys.period_grain = {{ name }}_components.period_grain
        and row_keys.period_start = {{ name }}_components.period_start
        and row_keys.dimension = {{ name }}_components.dimension
        and row_keys.dimension_value = {{ name }}_components.dimension_value
    {%- endfor %}

),

final as (

    select
        *,
        {{ cx_metrics.cx_index({
            'nps': 'nps_component',
            'csat': 'csat_component',
            'ces': 'ces_component',
            'retention': 'retention_component',
            'fcr': 'fcr_component',
        }) }} as cx_index
    from joined

)

select * from final
