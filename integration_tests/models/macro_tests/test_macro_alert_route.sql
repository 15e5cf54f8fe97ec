-- alert_route(field) in a project's own model, which does not see the package's vars: the
-- macro's default routing, the same as dbt_project.yml's cx_alert_routes (one rule for every
-- answer: owner cx-team, destination webhook:default; the escalation defaults to the
-- destination). Routing by the package's rules (first match wins) is tested by
-- tests/python/test_alerts.py on the alerts built with its own routes.
with answers as (
    select 'enterprise' as segment, 'support' as touchpoint, 'onboarding' as program
)

select 'owner' as name, {{ cx_metrics.alert_route('owner') }} as actual, cast('cx-team' as {{ dbt.type_string() }}) as expected
from answers
union all
select 'destination', {{ cx_metrics.alert_route('destination') }}, cast('webhook:default' as {{ dbt.type_string() }})
from answers
union all
select 'escalation', {{ cx_metrics.alert_route('escalation') }}, cast('webhook:default' as {{ dbt.type_string() }})
from answers
