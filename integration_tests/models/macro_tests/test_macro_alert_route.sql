-- alert_route(field) with no routing rules: var cx_alert_routes is the package's, not seen by
-- this project's models, so here it is empty, as in a project that sets it to []: every answer
-- is unrouted (null owner, destination and escalation), never a failed query. Routing by rules
-- (first match wins, escalation defaulting to the destination) is tested by
-- tests/python/test_alerts.py on the alerts built with its own routes.
with answers as (
    select 'enterprise' as segment, 'support' as touchpoint, 'onboarding' as program
)

select 'owner' as name, {{ cx_metrics.alert_route('owner') }} as actual, cast(null as {{ dbt.type_string() }}) as expected
from answers
union all
select 'destination', {{ cx_metrics.alert_route('destination') }}, cast(null as {{ dbt.type_string() }})
from answers
union all
select 'escalation', {{ cx_metrics.alert_route('escalation') }}, cast(null as {{ dbt.type_string() }})
from answers
