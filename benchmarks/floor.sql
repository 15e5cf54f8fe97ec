-- The floor: one hand-written DuckDB query for the monthly NPS / CSAT / CES cube (dimensions all,
-- program, touchpoint, channel, segment), straight from the Parquet inputs, with the contract's
-- rules (docs/inputs.md, docs/outputs.md): trimmed codes, numeric or label scores, scales, parseable timestamps,
-- the earliest valid copy of each key, and the segment of the customer's accepted CRM row.
-- Written for speed on DuckDB alone (qualify, grouping sets, hash tie-breaks), with no raw
-- records, no rejected rows, no intermediate tables. {survey_responses} and {customers} are
-- read_parquet(...) expressions.
with labels(survey_type, label, score) as (
    values
        ('csat', 'very dissatisfied', 1.0), ('csat', 'dissatisfied', 2.0),
        ('csat', 'neutral', 3.0), ('csat', 'satisfied', 4.0), ('csat', 'very satisfied', 5.0),
        ('ces', 'strongly disagree', 1.0), ('ces', 'disagree', 2.0),
        ('ces', 'somewhat disagree', 3.0), ('ces', 'neither agree nor disagree', 4.0),
        ('ces', 'somewhat agree', 5.0), ('ces', 'agree', 6.0), ('ces', 'strongly agree', 7.0)
),

raw_responses as (
    select
        nullif(trim(response_id), '') as response_id,
        nullif(trim(customer_id), '') as customer_id,
        lower(nullif(trim(survey_type), '')) as survey_type,
        coalesce(lower(nullif(trim(program), '')), 'transactional') as program,
        coalesce(lower(nullif(trim(touchpoint), '')), 'unknown') as touchpoint,
        coalesce(lower(nullif(trim(channel), '')), 'unknown') as channel,
        nullif(trim(score), '') as score_text,
        nullif(trim(responded_at), '') as responded_at_text,
        hash(response_id, customer_id, survey_type, program, touchpoint, channel, score,
             responded_at, comment, ticket_id) as fingerprint
    from {survey_responses}
),

responses as (
    select
        r.response_id, r.customer_id, r.survey_type, r.program, r.touchpoint, r.channel,
        coalesce(
            case when regexp_full_match(r.score_text, '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)$')
                then cast(r.score_text as double) end,
            l.score
        ) as score,
        case when regexp_full_match(r.responded_at_text,
                '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}([ T][0-9]{{2}}:[0-9]{{2}}(:[0-9]{{2}}([.][0-9]{{1,6}})?)?)?$')
            then try_cast(r.responded_at_text as timestamp) end as responded_at,
        r.fingerprint
    from raw_responses as r
    left join labels as l
        on l.survey_type = r.survey_type and l.label = lower(r.score_text)
),

valid_responses as (
    select * from responses
    where response_id is not null
        and responded_at is not null
        and (
            (survey_type = 'nps' and score = floor(score) and score between 0 and 10)
            or (survey_type = 'csat' and score between 1 and 5)
            or (survey_type = 'ces' and score between 1 and 7)
        )
    qualify row_number() over (
        partition by response_id order by responded_at, fingerprint
    ) = 1
),

raw_customers as (
    select
        nullif(trim(customer_id), '') as customer_id,
        coalesce(lower(nullif(trim(segment), '')), 'unknown') as segment,
        nullif(trim(started_at), '') as started_text,
        nullif(trim(churned_at), '') as churned_text,
        nullif(trim(monthly_revenue), '') as revenue_text,
        hash(customer_id, started_at, churned_at, segment, plan, region, monthly_revenue)
            as fingerprint
    from {customers}
),

parsed_customers as (
    select
        *,
        case when regexp_full_match(started_text,
                '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}([ T][0-9]{{2}}:[0-9]{{2}}(:[0-9]{{2}}([.][0-9]{{1,6}})?)?)?$')
            then try_cast(started_text as timestamp) end as started_at,
        case when regexp_full_match(churned_text,
                '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}([ T][0-9]{{2}}:[0-9]{{2}}(:[0-9]{{2}}([.][0-9]{{1,6}})?)?)?$')
            then try_cast(churned_text as timestamp) end as churned_at
    from raw_customers
),

customers as (
    select customer_id, segment from parsed_customers
    where customer_id is not null
        and started_at is not null
        and (churned_text is null or churned_at is not null)
        and (churned_at is null or churned_at >= started_at)
        and (revenue_text is null
            or regexp_full_match(revenue_text, '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)$'))
    qualify row_number() over (
        partition by customer_id order by started_at, fingerprint
    ) = 1
),

classified as (
    select
        v.survey_type, v.program, v.touchpoint, v.channel,
        coalesce(c.segment, 'unknown') as segment,
        cast(date_trunc('month', v.responded_at) as date) as period_start,
        v.score,
        case v.survey_type
            when 'nps' then v.score >= 9
            when 'csat' then v.score >= 4
            else v.score >= 5
        end as is_top,
        v.survey_type = 'nps' and v.score <= 6 as is_detractor
    from valid_responses as v
    left join customers as c on c.customer_id = v.customer_id
)

select
    survey_type,
    period_start,
    case
        when grouping(program) = 0 then 'program'
        when grouping(touchpoint) = 0 then 'touchpoint'
        when grouping(channel) = 0 then 'channel'
        when grouping(segment) = 0 then 'segment'
        else 'all'
    end as dimension,
    coalesce(program, touchpoint, channel, segment, 'all') as dimension_value,
    count(*) as responses,
    sum(case when is_top then 1 else 0 end) as top_responses,
    sum(case when is_detractor then 1 else 0 end) as detractors,
    sum(score) as score_sum
from classified
group by grouping sets (
    (survey_type, period_start),
    (survey_type, period_start, program),
    (survey_type, period_start, touchpoint),
    (survey_type, period_start, channel),
    (survey_type, period_start, segment)
)
