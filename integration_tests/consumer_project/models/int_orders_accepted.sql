-- The shop's accepted orders. Named like a node the package had before its nodes carried the
-- cx__ prefix: the two live side by side in one schema.
select order_id, customer_id, ordered_on, amount
from {{ ref('orders') }}
where amount > 0
