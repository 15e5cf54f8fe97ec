{#-
    Period-over-period change of NPS, CSAT and CES, and of churn, retention and first-contact
    resolution where their inputs are on, per period and dimension value, with a two-sided
    z-test of the change (docs: cx_metric_changes).
-#}
{%- set min_responses = var('cx_min_responses_for_significance') -%}
{%- set using_customers = cx_metrics.cx_using('customers') -%}
{%- set using_tickets = cx_metrics.cx_using('support_tickets') -%}
{#- The rates tested as shares: (metric, import CTE, value column, n, x). A period with n = 0
    has no rate and no row. Churn and retention are shares of the customers at the period's
    start (churned, and retained E - N); FCR of the period's resolved tickets. -#}
{%- set shares = [] -%}
{%- if using_customers -%}
    {%- do shares.append(('churn', 'churn', 'churn_rate_pct', 'customers_at_start', 'churned_customers')) -%}
    {%- do shares.append(('retention', 'churn', 'retention_rate_pct', 'customers_at_start', 'customers_at_end - new_customers')) -%}
{%- endif -%}
{%- if using_tickets -%}
    {%- do shares.append(('fcr', 'service_levels', 'fcr_pct', 'tickets_resolved', 'first_contact_resolutions')) -%}
{%- endif %}

with nps as (

    select * from {{ ref('cx_metrics', 'cx__nps') }}

),

csat as (

    select * from {{ ref('cx_metrics', 'cx__csat') }}

),

ces as (

    select * from {{ ref('cx_metrics', 'cx__ces') }}

),
{%- if using_customers %}

churn as (

    select * from {{ ref('cx_metrics', 'cx__customer_churn') }}

),
{%- endif %}
{%- if using_tickets %}

service_levels as (

    select * from {{ ref('cx_metrics', 'cx__service_levels') }}

),
{%- endif %}

metric_rows as (

    select
        'nps' as metric,
        period_grain,
        period_start,
        dimension,
        dimension_value,
        cast(nps as {{ cx_metrics.type_double() }}) as value,
        responses,
        promoters,
        passives,
        detractors,
        cast(null as {{ dbt.type_bigint() }}) as favorable_responses
    from nps

    union all

    select
        'csat' as metric,
        period_grain,
        period_start,
        dimension,
        dimension_value,
        cast(csat_pct as {{ cx_metrics.type_double() }}) as value,
        responses,
        cast(null as {{ dbt.type_bigint() }}) as promoters,
        cast(null as {{ dbt.type_bigint() }}) as passives,
        cast(null as {{ dbt.type_bigint() }}) as detractors,
        satisfied_responses as favorable_responses
    from csat

    union all

    select
        'ces' as metric,
        period_grain,
        period_start,
        dimension,
        dimension_value,
        cast(ces_easy_pct as {{ cx_metrics.type_double() }}) as value,
        responses,
        cast(null as {{ dbt.type_bigint() }}) as promoters,
        cast(null as {{ dbt.type_bigint() }}) as passives,
        cast(null as {{ dbt.type_bigint() }}) as detractors,
        easy_responses as favorable_responses
    from ces
    {%- for metric, relation, value, total, part in shares %}

    union all

    select
        '{{ metric }}' as metric,
        period_grain,
        period_start,
        dimension,
        dimension_value,
        cast({{ value }} as {{ cx_metrics.type_double() }}) as value,
        cast({{ total }} as {{ dbt.type_bigint() }}) as responses,
        cast(null as {{ dbt.type_bigint() }}) as promoters,
        cast(null as {{ dbt.type_bigint() }}) as passives,
        cast(null as {{ dbt.type_bigint() }}) as detractors,
        cast({{ part }} as {{ dbt.type_bigint() }}) as favorable_responses
    from {{ relation }}
    where {{ total }} > 0
    {%- endfor %}

),

with_previous_start as (

    select
        *,
        case
            {%- for grain in cx_metrics.period_grains() %}
            {#- The previous period: one period_step back. #}
            {%- set unit, size = cx_metrics.period_step(grain) %}
            when period_grain = '{{ grain }}'
                then cast({{ dbt.dateadd(unit, -size, 'period_start') }} as date)
            {%- endfor %}
        end as previous_period_start
    from metric_rows

),

joined as (

    select
        current_period.metric,
        current_period.period_grain,
        current_period.period_start,
        current_period.dimension,
        current_period.dimension_value,
        current_period.value,
        current_period.responses,
        current_period.promoters,
        current_period.passives,
        current_period.detractors,
        current_period.favorable_responses,
        current_period.previous_period_start,
        previous_period.value as previous_value,
        previous_period.responses as previous_responses,
        previous_period.promoters as previous_promoters,
        previous_period.detractors as previous_detractors,
        previous_period.favorable_responses as previous_favorable_responses,
        current_period.value - previous_period.value as change,
        (
            current_period.responses >= {{ min_responses }}
            and previous_period.responses >= {{ min_responses }}
            {#- A share outside 0..n (retention's E - N can be) is not a proportion to test. #}
            and coalesce(
                current_period.favorable_responses between 0 and current_period.responses
                and previous_period.favorable_responses between 0 and previous_period.responses,
                true
            )
        ) as is_testable
    from with_previous_start as current_period
    left join metric_rows as previous_period
        on current_period.metric = previous_period.metric
        and current_period.period_grain = previous_period.period_grain
        and current_period.dimension = previous_period.dimension
        and current_period.dimension_value = previous_period.dimension_value
        and current_period.previous_period_start = previous_period.period_start

),

tested as (

    select
        *,
        case
            when is_testable and metric = 'nps' then {{ cx_metrics.z_test_nps_difference(
                'promoters', 'detractors', 'responses',
                'previous_promoters', 'previous_detractors', 'previous_responses') }}
            when is_testable then {{ cx_metrics.z_test_two_proportions(
                'favorable_responses', 'responses',
                'previous_favorable_responses', 'previous_responses') }}
        end as z_score
    from joined

),

with_p_value as (

    select
        *,
        {{ cx_metrics.two_sided_p_value('z_score') }} as p_value
    from tested

),

final as (

    select
        metric,
        period_grain,
        period_start,
        dimension,
        dimension_value,
        value,
        responses,
        promoters,
        passives,
        detractors,
        favorable_responses,
        previous_period_start,
        previous_value,
        previous_responses,
        change,
        z_score,
        p_value,
        p_value < {{ var('cx_significance_alpha') }} as is_significant
    from with_p_value

)

select * from final
