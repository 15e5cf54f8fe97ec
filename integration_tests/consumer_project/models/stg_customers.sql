-- The shop's own customer staging: a common name in any project that installs the package.
select customer_id, order_count
from {{ ref('customers') }}
