-- json_text(object, key): a top-level key's value as text: "C-1", a key with a space, a number
-- as its digits; a missing key, a JSON null and a null object give null.
{%- set person = "'{\"customer_id\": \"C-1\", \"Delighted Source\": \"email\", \"visits\": 3, \"plan\": null}'" %}
select 'a key' as name, {{ cx_metrics.json_text(person, 'customer_id') }} as actual, 'C-1' as expected
union all
select 'a key with a space', {{ cx_metrics.json_text(person, 'Delighted Source') }}, 'email'
union all
select 'a number', {{ cx_metrics.json_text(person, 'visits') }}, '3'
union all
select 'a missing key', {{ cx_metrics.json_text(person, 'segment') }}, cast(null as {{ dbt.type_string() }})
union all
select 'a JSON null', {{ cx_metrics.json_text(person, 'plan') }}, cast(null as {{ dbt.type_string() }})
union all
select 'a null object', {{ cx_metrics.json_text('cast(null as ' ~ dbt.type_string() ~ ')', 'customer_id') }}, cast(null as {{ dbt.type_string() }})
