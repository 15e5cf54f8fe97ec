-- sentiment_label(score, positive_share, negative_share) at the default thresholds
-- (cx_sentiment_thresholds): very at +-0.6 (inclusive), mixed when both shares reach 0.25,
-- then positive / negative at +-0.05 (inclusive), else neutral.
with cases as (
    select 0.6 as score, 0.5 as positive_share, 0.0 as negative_share, 'very positive' as expected
    union all select -0.6, 0.0, 0.5, 'very negative'
    union all select 0.3, 0.3, 0.25, 'mixed'
    union all select 0.3, 0.3, 0.2, 'positive'
    union all select 0.05, 0.1, 0.0, 'positive'
    union all select -0.05, 0.0, 0.1, 'negative'
    union all select 0.0499, 0.1, 0.1, 'neutral'
)

select
    cast(score as {{ dbt.type_string() }}) as name,
    {{ cx_metrics.sentiment_label('score', 'positive_share', 'negative_share') }} as actual,
    expected
from cases
