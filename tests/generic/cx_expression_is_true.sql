{#- Every row satisfies a boolean SQL expression (rows where it is null are ignored). -#}
{% test cx_expression_is_true(model, expression) %}

select *
from {{ model }}
where not ({{ expression }})

{% endtest %}
