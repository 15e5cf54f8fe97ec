"""The survey marts, built from tests/fixtures/small, against figures worked out by hand.

The fixture's accepted answers in March 2025:
  NPS   a1 10 (c1 enterprise, relationship)   a2 9 (c1, relationship)   a3 8 (c2 smb, transactional)
        a4 '9.0' (c2, transactional, type ' NPS ')   a5 6 (c3 smb, transactional)
        a6 0 (anonymous -> segment unknown, relationship, 2025-03-31 23:59:59)
  CSAT  a7 'Very satisfied' = 5 (satisfied)   a8 4 (satisfied)   a9 2
  CES   a10 'Agree' = 6 (easy)   a11 3
April: a12 9 (NPS). Rejected: a13 (11, outside scale), the second a1 (duplicate key), a CSAT row
with no key. So March NPS = 3 promoters (a1, a2, a4), 1 passive (a3), 2 detractors (a5, a6).
"""

from __future__ import annotations

import math

import pytest
from conftest import query

Z = 1.96


def nps_row(db, grain: str, start: str, dimension: str, value: str) -> dict:
    columns = [
        "responses",
        "promoters",
        "passives",
        "detractors",
        "nps",
        "nps_margin_of_error",
        "nps_ci_lower",
        "nps_ci_upper",
    ]
    rows = query(
        db,
        f"select {', '.join(columns)} from cx__nps where period_grain = ? and period_start = ?"
        " and dimension = ? and dimension_value = ?",
        [grain, start, dimension, value],
    )
    assert len(rows) == 1, (grain, start, dimension, value, rows)
    return dict(zip(columns, rows[0], strict=True))


def test_march_nps_matches_the_contract_formulas(small_build):
    row = nps_row(small_build, "month", "2025-03-01", "all", "all")
    assert (row["responses"], row["promoters"], row["passives"], row["detractors"]) == (6, 3, 1, 2)
    # nps = 100 * (3 - 2) / 6
    assert row["nps"] == pytest.approx(100 / 6, rel=1e-12)
    # pP = 3/6, pD = 2/6: margin = 100 * z * sqrt((pP + pD - (pP - pD)^2) / n)
    p_p, p_d = 0.5, 2 / 6
    margin = 100 * Z * math.sqrt((p_p + p_d - (p_p - p_d) ** 2) / 6)
    assert row["nps_margin_of_error"] == pytest.approx(margin, rel=1e-12)
    assert row["nps_ci_lower"] == pytest.approx(100 / 6 - margin, rel=1e-12)
    assert row["nps_ci_upper"] == pytest.approx(100 / 6 + margin, rel=1e-12)


@pytest.mark.parametrize(
    ("dimension", "value", "responses", "nps"),
    [
        ("program", "relationship", 3, 100 * (2 - 1) / 3),  # a1 P, a2 P, a6 D
        ("program", "transactional", 3, 0.0),  # a3 passive, a4 P, a5 D
        ("segment", "enterprise", 2, 100.0),  # c1: a1, a2
        ("segment", "smb", 3, 0.0),  # c2: a3, a4; c3: a5
        ("segment", "unknown", 1, -100.0),  # anonymous a6
        ("touchpoint", "unknown", 3, 100 / 3),  # no touchpoint given: a1, a2, a6
        ("channel", "web", 2, 50.0),  # a3 passive, a4 promoter
    ],
)
def test_march_nps_by_dimension(small_build, dimension, value, responses, nps):
    row = nps_row(small_build, "month", "2025-03-01", dimension, value)
    assert row["responses"] == responses
    assert row["nps"] == pytest.approx(nps, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize(
    ("grain", "start", "responses", "nps"),
    [
        ("week", "2025-03-03", 3, 100 * (2 - 0) / 3),  # Mon 3rd: a1, a2, a3
        ("week", "2025-03-10", 2, 0.0),  # Mon 10th: a4 P, a5 D
        # Week from Monday 31 March: a6 D (23:59:59 on the 31st) and a12 P (Tuesday 1 April).
        ("week", "2025-03-31", 2, 0.0),
        ("quarter", "2025-01-01", 6, 100 / 6),
        ("quarter", "2025-04-01", 1, 100.0),  # a12 at midnight on 1 April
        ("month", "2025-04-01", 1, 100.0),
    ],
)
def test_nps_periods(small_build, grain, start, responses, nps):
    row = nps_row(small_build, grain, start, "all", "all")
    assert row["responses"] == responses
    assert row["nps"] == pytest.approx(nps, rel=1e-12, abs=1e-12)


def wilson(successes: int, n: int) -> tuple[float, float]:
    """The textbook Wilson score interval, times 100."""
    p = successes / n
    centre = p + Z * Z / (2 * n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return 100 * (centre - half) / (1 + Z * Z / n), 100 * (centre + half) / (1 + Z * Z / n)


def test_march_csat_and_ces(small_build):
    csat = query(
        small_build,
        "select responses, satisfied_responses, csat_pct, avg_score, csat_ci_lower, csat_ci_upper"
        " from cx__csat where period_grain = 'month' and period_start = '2025-03-01'"
        " and dimension = 'all'",
    )
    lower, upper = wilson(2, 3)
    assert csat == [
        (
            3,
            2,
            pytest.approx(200 / 3),
            pytest.approx(11 / 3),
            pytest.approx(lower),
            pytest.approx(upper),
        )
    ]
    ces = query(
        small_build,
        "select responses, easy_responses, ces_easy_pct, avg_score, ces_ci_lower, ces_ci_upper"
        " from cx__ces where period_grain = 'month' and period_start = '2025-03-01'"
        " and dimension = 'all'",
    )
    lower, upper = wilson(1, 2)
    assert ces == [(2, 1, 50.0, 4.5, pytest.approx(lower), pytest.approx(upper))]


def test_response_rows_classified(small_build):
    rows = dict(
        (r[0], r[1:])
        for r in query(
            small_build,
            "select response_id, survey_type, score, segment, nps_category, is_satisfied, is_easy"
            " from cx__survey_responses",
        )
    )
    assert len(rows) == 12  # 15 input rows - 3 rejected
    assert rows["a4"] == ("nps", 9.0, "smb", "promoter", None, None)
    assert rows["a6"] == ("nps", 0.0, "unknown", "detractor", None, None)
    assert rows["a7"] == ("csat", 5.0, "enterprise", None, True, None)
    assert rows["a10"] == ("ces", 6.0, "smb", None, None, True)
    assert rows["a1"][1] == 10.0  # the first a1 is kept, the later 0 is the duplicate


def test_rejected_records_keep_reason_and_raw_values(small_build):
    rejected = query(
        small_build,
        "select source_table, record_id, reason, raw_record from cx__rejected_records"
        " order by source_table, reason",
    )
    assert [(t, r, why) for t, r, why, _ in rejected] == [
        ("customers", "c4", "churned before started"),
        ("feedback_followups", None, "missing key"),
        ("support_tickets", "t2", "response before creation"),
        ("survey_responses", "a1", "duplicate key"),
        ("survey_responses", None, "missing key"),
        ("survey_responses", "a13", "score outside scale"),
    ]
    raw = {r: raw for _, r, _, raw in rejected}
    assert '"score": "11"' in raw["a13"]
    assert '"customer_id": "c1"' in raw["a1"]
