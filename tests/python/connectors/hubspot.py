"""HubSpot (Fivetran), `cx_customers_source: hubspot`: 16 `company` rows -> the customers input.

The story of each row (ids are HubSpot company ids, bigint):
- 5790939450 Acme Robotics: started 2025-01-06, never churned; COMPUTER_SOFTWARE, Enterprise,
  mrr 4200, annualrevenue 52 000 000 (firmographics; must not become monthly_revenue).
- 5791022317 Brightline Apps: started 2025-01-14, churned 2025-03-12 (March churn).
- 5792210045 Cobalt Bank: started 2025-01-22, never churned; FINANCIAL_SERVICES.
- 5794417782 Dunmore Outfitters: started 2025-01-29, churned at exactly 2025-04-01 00:00:00: at
  the start of April (churned_at >= ps) and churned in April, not in March.
- 5801136609 Ember Analytics: started 2025-02-03; country "Germany " (a trailing space, trimmed).
- 5803348821 Fairway Credit Union: started 2025-02-11, churned 2025-03-28 (March churn).
- 5810072254 Gable Home Goods: started 2025-02-19; plan ' Growth ' padded (trimmed, lower-cased).
- 5812290037 Harbor Freight Co-op: started 2025-02-26; property_industry null -> segment 'unknown'.
- 5820004418 Ionic Data: started 2025-03-04, churned 2025-04-25 (new in March, churned in April).
- 5822671190 Juniper Boutique: started 2025-03-17, churned 2025-03-31 23:30:00: starts and churns
  in March (new in March, neither churned nor at the end); property_country null -> 'unknown'.
- 5830119452 Keystone Insurance: started 2025-04-02; is_deleted and _fivetran_deleted both null
  (not deleted: coalesce(..., false)).
- 5831908876 Lumen Code: started 2025-04-21; property_plan and property_mrr null -> plan
  'unknown', monthly_revenue null.
- 5840027713 Marlow Retail (hostile): churn_date 2025-01-31 before createdate 2025-02-10 ->
  rejected 'churned before started'.
- 5841150029 Nimbus Labs (hostile): property_createdate null -> rejected 'missing timestamp'.
- 5842236604 Orbit Software: is_deleted true (deleted in HubSpot) -> nowhere, not even rejected.
- 5843317750 Pinnacle Capital: _fivetran_deleted true (gone from the source) -> nowhere.

Staged: 14 rows, 12 accepted, 2 rejected (14%).

CONTRACT_SURVEYS: eleven NPS answers in the contract's survey_responses shape (a plain contract
table, not a HubSpot table), by eight accepted customers, by the _fivetran_deleted company
5843317750 and by the rejected company 5840027713; both of those (and 5812290037, whose industry is
null) have segment 'unknown' in the survey marts.

Assumptions (for the adapter author):
- HubSpot industry values are the internal enum values (COMPUTER_SOFTWARE, ...) as Fivetran
  writes them; staging lower-cases them to 'computer_software'. The adapter passes the property
  value as it is (no label lookup).
- customer_id is the bigint id cast to text without decimals or separators ('5790939450').
- A company with is_deleted null or _fivetran_deleted null is kept (coalesce(..., false)).
- The build reads survey_responses from the contract table CONTRACT_SURVEYS; support_tickets and
  feedback_followups, which the documented VARS leave on, are empty contract tables.

Hand arithmetic, cx__customer_churn, month grain, dimension 'all' (S = customers_at_start,
N = new_customers, C = churned_customers, E = customers_at_end):
- Jan: S 0, N 4 (Acme, Brightline, Cobalt, Dunmore), C 0, E 4; both rates null (S = 0).
- Feb: S 4, N 4 (Ember, Fairway, Gable, Harbor), C 0, E 8; churn 0/4 = 0.0, retention
  100*(8-4)/4 = 100.0.
- Mar: S 8 (every Jan/Feb start), N 2 (Ionic, Juniper), C 2 (Brightline 03-12, Fairway 03-28;
  Juniper starts and churns in March so is new, not churned), E 7 (Acme, Cobalt, Dunmore
  [churned_at = Apr 1 >= pe], Ember, Gable, Harbor, Ionic) = 8 + 2 - 2 - 1;
  churn 100*2/8 = 25.0, retention 100*(7-2)/8 = 62.5 (not 100 - 25: Juniper).
- Apr: S 7, N 2 (Keystone, Lumen), C 2 (Dunmore at 04-01 00:00, Ionic 04-25), E 7;
  churn 100*2/7 = 28.571428..., retention 100*(7-2)/7 = 71.428571...
- segment 'computer_software', Mar: S 3 (Acme, Brightline, Ember), N 1 (Ionic), C 1
  (Brightline), E 3 (Acme, Ember, Ionic); churn 100*1/3 = 33.33..., retention 100*(3-1)/3 = 66.67.
- region 'unknown', Mar: only Juniper (null country): S 0, N 1, C 0, E 0; rates null.

cx__nps, month grain (promoter 9-10, passive 7-8, detractor 0-6):
- Mar 'all': 6 answers: Acme 10 P, Brightline 3 D, Cobalt 8 Pa, Ember 9 P, Ionic 6 D, Pinnacle
  (deleted company) 9 P -> P 3, Pa 1, D 2; nps 100*(3-2)/6 = 16.666...
- Mar segment 'computer_software': Acme 10 P, Brightline 3 D, Ember 9 P, Ionic 6 D -> 4 answers,
  P 2, D 2, nps 0.0.
- Mar segment 'unknown': Pinnacle 9 P (its company is _fivetran_deleted: no customer row) ->
  1 answer, nps 100.0.
- Apr 'all': Gable 7 Pa, Keystone 10 P, Acme 9 P, Harbor 4 D, Marlow 8 Pa -> 5 answers, P 2,
  Pa 2, D 1, nps 100*(2-1)/5 = 20.0.
- Apr segment 'unknown': Harbor 4 D (null industry), Marlow 8 Pa (rejected customer) -> 2
  answers, P 0, D 1, nps -50.0.

cx__revenue_by_nps (monthly_revenue summed; annualrevenue never counts), month grain, 'all':
- Mar, category as of 2025-03-01 is 'no answer' for all 8 customers at the start (no answer
  before March): revenue 4200 + 850 + 3900 + 290 + 1150 + 320 + 990 + 275 = 11975.0; churned
  Brightline 850 + Fairway 320 = 1170.0 (2 customers), churn 25.0, share 100.0.
- Apr, categories as of 2025-04-01 (latest answer before it; the April answers count from May):
  promoter: Acme 4200 + Ember 1150 = 5350.0 (2 customers, 0 churned);
  detractor: Ionic 4500.0 (1 customer, churned 04-25: churned_revenue 4500.0, churn 100.0);
  passive: Cobalt 3900.0; no answer: Dunmore 290 + Gable 990 + Harbor 275 = 1555.0 (3 customers,
  Dunmore churned: 290.0). Total 15305; promoter share 100*5350/15305 = 34.9559...
"""

from connector_fixtures import customer, month

SCHEMA = "hubspot"

TABLES: dict[str, list[tuple[str, str]]] = {
    "company": [
        ("id", "bigint"),
        ("is_deleted", "boolean"),
        ("_fivetran_deleted", "boolean"),
        ("_fivetran_synced", "timestamp"),
        ("property_name", "text"),
        ("property_createdate", "timestamp"),
        ("property_industry", "text"),
        ("property_country", "text"),
        ("property_annualrevenue", "double"),
        ("property_churn_date", "timestamp"),
        ("property_plan", "text"),
        ("property_mrr", "double"),
    ],
}

_SYNC = "2025-05-02 03:14:07"

ROWS: dict[str, list[tuple[str | None, ...]]] = {
    # id, is_deleted, _fivetran_deleted, _fivetran_synced, name, createdate, industry, country,
    # annualrevenue, churn_date, plan, mrr
    "company": [
        (
            "5790939450",
            "false",
            "false",
            _SYNC,
            "Acme Robotics",
            "2025-01-06 09:15:00",
            "COMPUTER_SOFTWARE",
            "United States",
            "52000000",
            None,
            "Enterprise",
            "4200",
        ),
        (
            "5791022317",
            "false",
            "false",
            _SYNC,
            "Brightline Apps",
            "2025-01-14 11:02:00",
            "COMPUTER_SOFTWARE",
            "United States",
            "8400000",
            "2025-03-12 17:45:00",
            "Growth",
            "850",
        ),
        (
            "5792210045",
            "false",
            "false",
            _SYNC,
            "Cobalt Bank",
            "2025-01-22 08:30:00",
            "FINANCIAL_SERVICES",
            "United Kingdom",
            "1250000000",
            None,
            "Enterprise",
            "3900",
        ),
        # Churned exactly at the April boundary.
        (
            "5794417782",
            "false",
            "false",
            _SYNC,
            "Dunmore Outfitters",
            "2025-01-29 14:20:00",
            "RETAIL",
            "Germany",
            "3100000",
            "2025-04-01 00:00:00",
            "Starter",
            "290",
        ),
        # Trailing space in the country.
        (
            "5801136609",
            "false",
            "false",
            _SYNC,
            "Ember Analytics",
            "2025-02-03 10:00:00",
            "COMPUTER_SOFTWARE",
            "Germany ",
            "12500000",
            None,
            "Growth",
            "1150",
        ),
        (
            "5803348821",
            "false",
            "false",
            _SYNC,
            "Fairway Credit Union",
            "2025-02-11 16:40:00",
            "FINANCIAL_SERVICES",
            "United States",
            "46000000",
            "2025-03-28 09:00:00",
            "Starter",
            "320",
        ),
        # Padded plan value.
        (
            "5810072254",
            "false",
            "false",
            _SYNC,
            "Gable Home Goods",
            "2025-02-19 12:05:00",
            "RETAIL",
            "France",
            "7700000",
            None,
            " Growth ",
            "990",
        ),
        # No industry: segment 'unknown'.
        (
            "5812290037",
            "false",
            "false",
            _SYNC,
            "Harbor Freight Co-op",
            "2025-02-26 07:55:00",
            None,
            "United States",
            "2900000",
            None,
            "Starter",
            "275",
        ),
        (
            "5820004418",
            "false",
            "false",
            _SYNC,
            "Ionic Data",
            "2025-03-04 13:30:00",
            "COMPUTER_SOFTWARE",
            "United Kingdom",
            "98000000",
            "2025-04-25 10:15:00",
            "Enterprise",
            "4500",
        ),
        # Starts and churns in March; no country: region 'unknown'.
        (
            "5822671190",
            "false",
            "false",
            _SYNC,
            "Juniper Boutique",
            "2025-03-17 15:10:00",
            "RETAIL",
            None,
            "1800000",
            "2025-03-31 23:30:00",
            "Starter",
            "310",
        ),
        # Deletion flags null: kept.
        (
            "5830119452",
            None,
            None,
            _SYNC,
            "Keystone Insurance",
            "2025-04-02 09:45:00",
            "FINANCIAL_SERVICES",
            "Germany",
            "310000000",
            None,
            "Growth",
            "1200",
        ),
        # No plan, no mrr: plan 'unknown', monthly_revenue null (annualrevenue is not a fallback).
        (
            "5831908876",
            "false",
            "false",
            _SYNC,
            "Lumen Code",
            "2025-04-21 18:25:00",
            "COMPUTER_SOFTWARE",
            "United States",
            "5600000",
            None,
            None,
            None,
        ),
        # Hostile: churn date before the start -> 'churned before started'.
        (
            "5840027713",
            "false",
            "false",
            _SYNC,
            "Marlow Retail",
            "2025-02-10 10:30:00",
            "RETAIL",
            "United States",
            "4300000",
            "2025-01-31 12:00:00",
            "Starter",
            "260",
        ),
        # Hostile: no create date -> 'missing timestamp'.
        (
            "5841150029",
            "false",
            "false",
            _SYNC,
            "Nimbus Labs",
            None,
            "COMPUTER_SOFTWARE",
            "France",
            "2200000",
            None,
            "Growth",
            "700",
        ),
        # Deleted in HubSpot: left out.
        (
            "5842236604",
            "true",
            "false",
            _SYNC,
            "Orbit Software",
            "2025-02-07 09:00:00",
            "COMPUTER_SOFTWARE",
            "United States",
            "15000000",
            None,
            "Growth",
            "1100",
        ),
        # Deleted at the source per Fivetran: left out.
        (
            "5843317750",
            "false",
            "true",
            _SYNC,
            "Pinnacle Capital",
            "2025-01-17 11:00:00",
            "FINANCIAL_SERVICES",
            "United Kingdom",
            "640000000",
            None,
            "Enterprise",
            "5000",
        ),
    ],
}

VARS: dict = {
    "cx_customers_source": "hubspot",
    "cx_hubspot_schema": "hubspot",
    "cx_hubspot_properties": {
        "started_at": "createdate",
        "churned_at": "churn_date",
        "segment": "industry",
        "plan": "plan",
        "region": "country",
        "monthly_revenue": "mrr",
    },
    "cx_using_support_tickets": False,
    "cx_using_feedback_followups": False,
}

# survey_responses in the contract's column order: response_id, customer_id, survey_type, program,
# touchpoint, channel, score, responded_at, comment, ticket_id.
CONTRACT_SURVEYS: list[tuple] = [
    (
        "hs-nps-0001",
        "5790939450",
        "nps",
        "relationship",
        "account",
        "email",
        "10",
        "2025-03-05 10:00:00",
        "Support is quick and knows the product",
        None,
    ),
    (
        "hs-nps-0002",
        "5791022317",
        "nps",
        "relationship",
        "account",
        "email",
        "3",
        "2025-03-06 14:30:00",
        "Too expensive for what we use",
        None,
    ),
    (
        "hs-nps-0003",
        "5792210045",
        "nps",
        "relationship",
        "account",
        "email",
        "8",
        "2025-03-10 09:15:00",
        None,
        None,
    ),
    (
        "hs-nps-0004",
        "5801136609",
        "nps",
        "transactional",
        "onboarding",
        "in-app",
        "9",
        "2025-03-18 16:45:00",
        "Onboarding was smooth",
        None,
    ),
    (
        "hs-nps-0005",
        "5820004418",
        "nps",
        "transactional",
        "onboarding",
        "in-app",
        "6",
        "2025-03-20 11:20:00",
        "Setup took longer than promised",
        None,
    ),
    # The _fivetran_deleted company: no customer row, segment 'unknown'.
    (
        "hs-nps-0006",
        "5843317750",
        "nps",
        "relationship",
        "account",
        "email",
        "9",
        "2025-03-22 08:05:00",
        None,
        None,
    ),
    (
        "hs-nps-0007",
        "5810072254",
        "nps",
        "relationship",
        "account",
        "web",
        "7",
        "2025-04-08 13:00:00",
        None,
        None,
    ),
    (
        "hs-nps-0008",
        "5830119452",
        "nps",
        "transactional",
        "onboarding",
        "in-app",
        "10",
        "2025-04-15 10:40:00",
        "Everything worked first time",
        None,
    ),
    (
        "hs-nps-0009",
        "5790939450",
        "nps",
        "relationship",
        "account",
        "email",
        "9",
        "2025-04-16 09:30:00",
        None,
        None,
    ),
    # Null industry: segment 'unknown'.
    (
        "hs-nps-0010",
        "5812290037",
        "nps",
        "relationship",
        "account",
        "web",
        "4",
        "2025-04-22 15:50:00",
        "Reports are hard to find",
        None,
    ),
    # The rejected company (churned before started): segment 'unknown'.
    (
        "hs-nps-0011",
        "5840027713",
        "nps",
        "relationship",
        "account",
        "email",
        "8",
        "2025-04-24 12:10:00",
        None,
        None,
    ),
]


EXPECTED_ROWS: dict[str, list[dict]] = {
    "customers": [
        customer(
            "5790939450",
            "2025-01-06 09:15:00",
            None,
            "computer_software",
            "enterprise",
            "united states",
            4200.0,
        ),
        customer(
            "5791022317",
            "2025-01-14 11:02:00",
            "2025-03-12 17:45:00",
            "computer_software",
            "growth",
            "united states",
            850.0,
        ),
        customer(
            "5792210045",
            "2025-01-22 08:30:00",
            None,
            "financial_services",
            "enterprise",
            "united kingdom",
            3900.0,
        ),
        customer(
            "5794417782",
            "2025-01-29 14:20:00",
            "2025-04-01 00:00:00",
            "retail",
            "starter",
            "germany",
            290.0,
        ),
        customer(
            "5801136609",
            "2025-02-03 10:00:00",
            None,
            "computer_software",
            "growth",
            "germany",
            1150.0,
        ),
        customer(
            "5803348821",
            "2025-02-11 16:40:00",
            "2025-03-28 09:00:00",
            "financial_services",
            "starter",
            "united states",
            320.0,
        ),
        customer("5810072254", "2025-02-19 12:05:00", None, "retail", "growth", "france", 990.0),
        customer(
            "5812290037", "2025-02-26 07:55:00", None, "unknown", "starter", "united states", 275.0
        ),
        customer(
            "5820004418",
            "2025-03-04 13:30:00",
            "2025-04-25 10:15:00",
            "computer_software",
            "enterprise",
            "united kingdom",
            4500.0,
        ),
        customer(
            "5822671190",
            "2025-03-17 15:10:00",
            "2025-03-31 23:30:00",
            "retail",
            "starter",
            "unknown",
            310.0,
        ),
        customer(
            "5830119452",
            "2025-04-02 09:45:00",
            None,
            "financial_services",
            "growth",
            "germany",
            1200.0,
        ),
        customer(
            "5831908876",
            "2025-04-21 18:25:00",
            None,
            "computer_software",
            "unknown",
            "united states",
            None,
        ),
        {"customer_id": "5840027713", "rejection_reason": "churned before started"},
        {"customer_id": "5841150029", "rejection_reason": "missing timestamp"},
    ],
}


EXPECTED_FIGURES: list[tuple[str, dict, dict]] = [
    # cx__customer_churn
    (
        "cx__customer_churn",
        month("2025-01-01"),
        {
            "customers_at_start": 0,
            "new_customers": 4,
            "churned_customers": 0,
            "customers_at_end": 4,
            "churn_rate_pct": None,
            "retention_rate_pct": None,
        },
    ),
    (
        "cx__customer_churn",
        month("2025-02-01"),
        {
            "customers_at_start": 4,
            "new_customers": 4,
            "churned_customers": 0,
            "customers_at_end": 8,
            "churn_rate_pct": 0.0,
            "retention_rate_pct": 100.0,
        },
    ),
    (
        "cx__customer_churn",
        month("2025-03-01"),
        {
            "customers_at_start": 8,
            "new_customers": 2,
            "churned_customers": 2,
            "customers_at_end": 7,
            "churn_rate_pct": 25.0,
            "retention_rate_pct": 62.5,
        },
    ),
    (
        "cx__customer_churn",
        month("2025-04-01"),
        {
            "customers_at_start": 7,
            "new_customers": 2,
            "churned_customers": 2,
            "customers_at_end": 7,
            "churn_rate_pct": 100 * 2 / 7,
            "retention_rate_pct": 100 * 5 / 7,
        },
    ),
    (
        "cx__customer_churn",
        month("2025-03-01", "segment", "computer_software"),
        {
            "customers_at_start": 3,
            "new_customers": 1,
            "churned_customers": 1,
            "customers_at_end": 3,
            "churn_rate_pct": 100 / 3,
            "retention_rate_pct": 200 / 3,
        },
    ),
    (
        "cx__customer_churn",
        month("2025-03-01", "region", "unknown"),
        {
            "customers_at_start": 0,
            "new_customers": 1,
            "churned_customers": 0,
            "customers_at_end": 0,
            "churn_rate_pct": None,
            "retention_rate_pct": None,
        },
    ),
    # cx__nps: the survey answers joined to the HubSpot customers' segment
    (
        "cx__nps",
        month("2025-03-01"),
        {"responses": 6, "promoters": 3, "passives": 1, "detractors": 2, "nps": 100 / 6},
    ),
    (
        "cx__nps",
        month("2025-03-01", "segment", "computer_software"),
        {"responses": 4, "promoters": 2, "passives": 0, "detractors": 2, "nps": 0.0},
    ),
    (
        "cx__nps",
        month("2025-03-01", "segment", "unknown"),
        {"responses": 1, "promoters": 1, "passives": 0, "detractors": 0, "nps": 100.0},
    ),
    (
        "cx__nps",
        month("2025-04-01"),
        {"responses": 5, "promoters": 2, "passives": 2, "detractors": 1, "nps": 20.0},
    ),
    (
        "cx__nps",
        month("2025-04-01", "segment", "unknown"),
        {"responses": 2, "promoters": 0, "passives": 1, "detractors": 1, "nps": -50.0},
    ),
    # cx__revenue_by_nps: monthly_revenue is property_mrr, never property_annualrevenue
    (
        "cx__revenue_by_nps",
        {**month("2025-03-01"), "nps_category_as_of_start": "no answer"},
        {
            "customers_at_start": 8,
            "monthly_revenue_at_start": 11975.0,
            "churned_customers": 2,
            "churned_revenue": 1170.0,
            "churn_rate_pct": 25.0,
            "share_of_revenue_pct": 100.0,
        },
    ),
    (
        "cx__revenue_by_nps",
        {**month("2025-04-01"), "nps_category_as_of_start": "promoter"},
        {
            "customers_at_start": 2,
            "monthly_revenue_at_start": 5350.0,
            "churned_customers": 0,
            "churned_revenue": 0.0,
            "churn_rate_pct": 0.0,
            "share_of_revenue_pct": 100 * 5350 / 15305,
        },
    ),
    (
        "cx__revenue_by_nps",
        {**month("2025-04-01"), "nps_category_as_of_start": "detractor"},
        {
            "customers_at_start": 1,
            "monthly_revenue_at_start": 4500.0,
            "churned_customers": 1,
            "churned_revenue": 4500.0,
            "churn_rate_pct": 100.0,
        },
    ),
    (
        "cx__revenue_by_nps",
        {**month("2025-04-01"), "nps_category_as_of_start": "no answer"},
        {
            "customers_at_start": 3,
            "monthly_revenue_at_start": 1555.0,
            "churned_customers": 1,
            "churned_revenue": 290.0,
        },
    ),
]
