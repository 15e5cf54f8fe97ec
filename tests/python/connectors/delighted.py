"""Delighted (Airbyte, Destinations V2): the `survey_responses` stream, 20 responses in 2025-03
and 2025-04 (created_at in Unix epoch seconds, UTC).

The story of each row (UTC time of created_at; person_properties; -> what the contract gets):
- 94125301  03-02 10:00:00  nps 10  C-1001, Delighted Source 'Email' -> channel 'email'; comment
- 94125302  03-06 15:30:00  nps 9   C-1002, 'email'
- 94125303  03-10 08:45:12  'NPS' 4 (upper case) -> survey_type 'nps'; C-1003, 'web'; comment
- 94125304  03-14 19:20:00  nps 7   person_properties null -> customer null, channel 'unknown'
- 94125305  03-18 11:11:11  csat 5  C-1004, 'SMS' -> 'sms'
- 94125306  03-22 13:05:00  csat 3  C-1005, 'Link' -> 'link'; comment
- 94125307  03-26 09:00:30  ces 6   C-1006, 'email'
- 94125308  03-31 23:59:59  ces 3   C-1007, 'web' (last second of March in UTC)
- 94125309  03-28 16:00:00  enps 9  an employee survey -> rejected 'unknown survey type'
- 94125310  04-01 00:00:00  nps 10  C-1008, 'email' (first second of April in UTC)
- 94125311  04-05 07:25:00  nps 6   C-1001, 'sms'; comment
- 94125312  04-09 12:34:56  nps 8   C-1009, 'web'
- 94125313  04-12 18:00:00  nps 12  -> rejected 'score outside scale'
- 94125314  04-15 10:10:10  csat 4  C-1011, 'email'
- 94125315  04-19 14:45:00  csat 2  C-1012, 'web'; comment
- 94125316  04-23 20:00:00  csat 5  C-1013, 'email'
- 94125317  04-26 08:30:00  ces 7   C-1014, 'email'
- 94125318  04-28 17:17:17  ces 5   C-1015, 'link'
- 94125319  04-30 22:00:00  ces 2   C-1016, 'email'; comment
- 94125320  04-21 09:09:09  nps 3   {"customer_id": "C-1010"} only: no Delighted Source ->
                                    channel 'unknown'

20 contract rows: 18 accepted, 2 rejected (10%). Delighted has no deletions.

Hand-worked figures (month, dimension 'all'):
- cx__nps 2025-03: 10, 9, 4 ('NPS'), 7 -> n 4, promoters 2, passives 1, detractors 1;
  nps = 100 * (2 - 1) / 4 = 25.0; promoter_pct 50.0, detractor_pct 25.0.
- cx__nps 2025-04: 10 (04-01 00:00:00), 6, 8, 3 -> n 4, promoters 1, passives 1, detractors 2;
  nps = 100 * (1 - 2) / 4 = -25.0; promoter_pct 25.0, detractor_pct 50.0. (The enps 9 and the
  nps 12 are rejected. A conversion off by a time zone would move 94125310 into March:
  March 40.0, April -66.7.)
- cx__csat 2025-03: 5, 3 -> n 2, satisfied (>= 4) 1 -> csat_pct 50.0; score_sum 8, avg 4.0.
- cx__csat 2025-04: 4, 2, 5 -> n 3, satisfied 2 -> csat_pct = 100 * 2 / 3 = 66.667;
  score_sum 11, avg_score 11/3 = 3.667.
- cx__ces 2025-03: 6, 3 (03-31 23:59:59) -> n 2, easy (>= 5) 1 -> ces_easy_pct 50.0;
  score_sum 9, avg_score 4.5.
- cx__ces 2025-04: 7, 5, 2 -> n 3, easy 2 -> ces_easy_pct = 100 * 2 / 3 = 66.667; score_sum 14,
  avg_score 14/3 = 4.667.

Assumptions (the adapter author should align):
- created_at is epoch seconds in UTC; responded_at is that instant as a UTC timestamp.
- Airbyte's integer fields (score, created_at, updated_at) are bigint columns.
- survey_type is passed lower-cased; anything but nps/csat/ces reaches staging and is rejected
  there as 'unknown survey type' (the adapter does not drop it).
- A missing person_properties, or a missing key in it, gives null (customer_id null, channel
  'unknown' after staging); program, touchpoint and ticket_id are null without a mapping
  (-> 'transactional', 'unknown', null). Properties not in cx_delighted_properties
  ("Delighted Device Type", "department", ...) are ignored.
- feedback_source is 'delighted' on every row (docs/connectors.md); drop that key from the
  comparison if staging does not carry it yet.
- The load time is _airbyte_extracted_at (two syncs: 2025-04-01 06:00 and 2025-05-01 06:00).
"""

import json

from connector_fixtures import month

SCHEMA = "delighted"

TABLES: dict[str, list[tuple[str, str]]] = {
    "survey_responses": [
        ("_airbyte_raw_id", "text"),
        ("_airbyte_extracted_at", "timestamp"),
        ("_airbyte_meta", "json"),
        ("_airbyte_generation_id", "bigint"),
        ("id", "text"),
        ("person", "text"),
        ("survey_type", "text"),
        ("score", "bigint"),
        ("comment", "text"),
        ("permalink", "text"),
        ("created_at", "bigint"),
        ("updated_at", "bigint"),
        ("person_properties", "json"),
        ("notes", "json"),
        ("tags", "json"),
        ("additional_answers", "json"),
    ],
}

_SYNC_1 = "2025-04-01 06:00:00"
_SYNC_2 = "2025-05-01 06:00:00"
_META_1 = '{"changes": [], "sync_id": 4101}'
_META_2 = '{"changes": [], "sync_id": 4102}'


def _props(customer: str | None, source: str | None, **extra: str) -> str:
    pairs = (
        ([("customer_id", customer)] if customer else [])
        + ([("Delighted Source", source)] if source else [])
        + list(extra.items())
    )
    return "{" + ", ".join(f'"{k}": "{v}"' for k, v in pairs) + "}"


# (id, person, survey_type, score, comment, created_at epoch, UTC for the reader,
#  person_properties, sync)
_RESPONSES: list[tuple[str, str, str, str, str | None, str, str, str | None, str]] = [
    (
        "94125301",
        "288315001",
        "nps",
        "10",
        "Super helpful team",
        "1740909600",
        "2025-03-02 10:00:00",
        _props("C-1001", "Email", **{"Delighted Device Type": "desktop"}),
        _SYNC_1,
    ),
    (
        "94125302",
        "288315002",
        "nps",
        "9",
        None,
        "1741275000",
        "2025-03-06 15:30:00",
        _props("C-1002", "email"),
        _SYNC_1,
    ),
    (
        "94125303",
        "288315003",
        "NPS",
        "4",
        "Too expensive for what it does",
        "1741596312",
        "2025-03-10 08:45:12",
        _props("C-1003", "web"),
        _SYNC_1,
    ),
    ("94125304", "288315004", "nps", "7", None, "1741980000", "2025-03-14 19:20:00", None, _SYNC_1),
    (
        "94125305",
        "288315005",
        "csat",
        "5",
        None,
        "1742296271",
        "2025-03-18 11:11:11",
        _props("C-1004", "SMS"),
        _SYNC_1,
    ),
    (
        "94125306",
        "288315006",
        "csat",
        "3",
        "Delivery was slow",
        "1742648700",
        "2025-03-22 13:05:00",
        _props("C-1005", "Link"),
        _SYNC_1,
    ),
    (
        "94125307",
        "288315007",
        "ces",
        "6",
        None,
        "1742979630",
        "2025-03-26 09:00:30",
        _props("C-1006", "email"),
        _SYNC_1,
    ),
    (
        "94125308",
        "288315008",
        "ces",
        "3",
        None,
        "1743465599",
        "2025-03-31 23:59:59",
        _props("C-1007", "web"),
        _SYNC_1,
    ),
    (
        "94125309",
        "288315009",
        "enps",
        "9",
        "Great place to work",
        "1743177600",
        "2025-03-28 16:00:00",
        _props(None, "email", department="Support"),
        _SYNC_1,
    ),
    (
        "94125310",
        "288315010",
        "nps",
        "10",
        None,
        "1743465600",
        "2025-04-01 00:00:00",
        _props("C-1008", "email"),
        _SYNC_1,
    ),
    (
        "94125311",
        "288315001",
        "nps",
        "6",
        "App keeps crashing",
        "1743837900",
        "2025-04-05 07:25:00",
        _props("C-1001", "sms"),
        _SYNC_2,
    ),
    (
        "94125312",
        "288315011",
        "nps",
        "8",
        None,
        "1744202096",
        "2025-04-09 12:34:56",
        _props("C-1009", "web"),
        _SYNC_2,
    ),
    (
        "94125313",
        "288315012",
        "nps",
        "12",
        None,
        "1744480800",
        "2025-04-12 18:00:00",
        _props("C-1017", "email"),
        _SYNC_2,
    ),
    (
        "94125314",
        "288315013",
        "csat",
        "4",
        None,
        "1744711810",
        "2025-04-15 10:10:10",
        _props("C-1011", "email"),
        _SYNC_2,
    ),
    (
        "94125315",
        "288315014",
        "csat",
        "2",
        "Wrong item shipped",
        "1745073900",
        "2025-04-19 14:45:00",
        _props("C-1012", "web"),
        _SYNC_2,
    ),
    (
        "94125316",
        "288315015",
        "csat",
        "5",
        None,
        "1745438400",
        "2025-04-23 20:00:00",
        _props("C-1013", "email"),
        _SYNC_2,
    ),
    (
        "94125317",
        "288315016",
        "ces",
        "7",
        None,
        "1745656200",
        "2025-04-26 08:30:00",
        _props("C-1014", "email"),
        _SYNC_2,
    ),
    (
        "94125318",
        "288315017",
        "ces",
        "5",
        None,
        "1745860637",
        "2025-04-28 17:17:17",
        _props("C-1015", "link"),
        _SYNC_2,
    ),
    (
        "94125319",
        "288315018",
        "ces",
        "2",
        "Too many steps to return an item",
        "1746050400",
        "2025-04-30 22:00:00",
        _props("C-1016", "email"),
        _SYNC_2,
    ),
    (
        "94125320",
        "288315019",
        "nps",
        "3",
        None,
        "1745226549",
        "2025-04-21 09:09:09",
        _props("C-1010", None),
        _SYNC_2,
    ),
]

ROWS: dict[str, list[tuple[str | None, ...]]] = {
    "survey_responses": [
        (
            f"0195e3a1-7c2d-7b4e-9f10-0000{rid[-4:]}0000",
            sync,
            _META_1 if sync == _SYNC_1 else _META_2,
            "1",
            rid,
            person,
            survey_type,
            score,
            comment,
            f"https://delighted.com/r/{person}{rid[-4:]}",
            created,
            str(int(created) + 60),
            props,
            "[]",
            "[]",
            None,
        )
        for rid, person, survey_type, score, comment, created, _utc, props, sync in _RESPONSES
    ],
}

VARS: dict = {
    "cx_survey_source": "delighted",
    "cx_delighted_schema": "delighted",
    "cx_using_customers": False,
    "cx_using_support_tickets": False,
    "cx_using_feedback_followups": False,
}

_SURVEY_TYPE = {"nps": "nps", "NPS": "nps", "csat": "csat", "ces": "ces"}
_CHANNEL = {
    "Email": "email",
    "email": "email",
    "web": "web",
    "SMS": "sms",
    "sms": "sms",
    "Link": "link",
    "link": "link",
}
_REJECTED = {"94125309": "unknown survey type", "94125313": "score outside scale"}


def _expected(row: tuple) -> dict:
    rid, _person, survey_type, score, comment, _created, utc, props, _sync = row
    if rid in _REJECTED:
        return {"response_id": f"delighted:{rid}", "rejection_reason": _REJECTED[rid]}
    customer = channel = None
    if props:
        parsed = json.loads(props)
        customer = parsed.get("customer_id")
        channel = _CHANNEL[parsed["Delighted Source"]] if "Delighted Source" in parsed else None
    return {
        "response_id": f"delighted:{rid}",
        "customer_id": customer,
        "survey_type": _SURVEY_TYPE[survey_type],
        "program": "transactional",
        "touchpoint": "unknown",
        "channel": channel or "unknown",
        "score": float(score),
        "responded_at": utc,
        "comment": comment,
        "ticket_id": None,
        "feedback_source": "delighted",
        "rejection_reason": None,
    }


EXPECTED_ROWS: dict[str, list[dict]] = {
    "survey_responses": [_expected(row) for row in _RESPONSES],
}


EXPECTED_FIGURES: list[tuple[str, dict, dict]] = [
    # March: 10, 9 | 7 | 4 -> 100 * (2 - 1) / 4
    (
        "cx__nps",
        month("2025-03-01"),
        {
            "responses": 4,
            "promoters": 2,
            "passives": 1,
            "detractors": 1,
            "promoter_pct": 50.0,
            "detractor_pct": 25.0,
            "nps": 25.0,
        },
    ),
    # April: 10 | 8 | 6, 3 -> 100 * (1 - 2) / 4
    (
        "cx__nps",
        month("2025-04-01"),
        {
            "responses": 4,
            "promoters": 1,
            "passives": 1,
            "detractors": 2,
            "promoter_pct": 25.0,
            "detractor_pct": 50.0,
            "nps": -25.0,
        },
    ),
    # March: 5, 3 -> 1 of 2 satisfied
    (
        "cx__csat",
        month("2025-03-01"),
        {
            "responses": 2,
            "satisfied_responses": 1,
            "csat_pct": 50.0,
            "score_sum": 8.0,
            "avg_score": 4.0,
        },
    ),
    # April: 4, 2, 5 -> 2 of 3 satisfied
    (
        "cx__csat",
        month("2025-04-01"),
        {
            "responses": 3,
            "satisfied_responses": 2,
            "csat_pct": 100 * 2 / 3,
            "score_sum": 11.0,
            "avg_score": 11 / 3,
        },
    ),
    # March: 6, 3 -> 1 of 2 easy (>= 5)
    (
        "cx__ces",
        month("2025-03-01"),
        {
            "responses": 2,
            "easy_responses": 1,
            "ces_easy_pct": 50.0,
            "score_sum": 9.0,
            "avg_score": 4.5,
        },
    ),
    # April: 7, 5, 2 -> 2 of 3 easy
    (
        "cx__ces",
        month("2025-04-01"),
        {
            "responses": 3,
            "easy_responses": 2,
            "ces_easy_pct": 100 * 2 / 3,
            "score_sum": 14.0,
            "avg_score": 14 / 3,
        },
    ),
]
