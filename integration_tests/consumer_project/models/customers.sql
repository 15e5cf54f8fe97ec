-- The shop's customers, from its orders. Named like the package's input on purpose: the
-- package reads its input from the schema raw (var cx_source_schema), never this model.
select
    customer_id,
    count(*) as order_count,
    sum(amount) as revenue
from {{ ref('orders') }}
group by customer_id
