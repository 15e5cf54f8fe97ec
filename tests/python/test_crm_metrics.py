"""The CRM marts, built from tests/fixtures/small, against figures worked out by hand.

Accepted customers: c1 (enterprise, from 2024-01-15), c2 (smb, from 2024-06-01), c3 (smb, from
2024-07-01, churned 2025-03-20); c4 is rejected (churned before started). Accepted tickets: t1
(c3, chat, high: created 08:00:00, first response 08:02:30, resolved 10:00:00, 1 reply); t2 is
rejected (response before creation). Follow-ups: a5 on 2025-03-12 10:00.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, load_raw_csvs, own_inputs, query, run_dbt


def churn(db, dimension: str, value: str, start: str) -> tuple:
    rows = query(
        db,
        "select customers_at_start, new_customers, churned_customers, customers_at_end,"
        " churn_rate_pct, retention_rate_pct from cx__customer_churn where period_grain = 'month'"
        " and period_start = ? and dimension = ? and dimension_value = ?",
        [start, dimension, value],
    )
    assert len(rows) == 1
    return rows[0]


def test_march_churn_and_retention(small_build):
    # S = {c1, c2, c3}, nobody new, c3 churns: churn 1/3, retention (2 - 0) / 3.
    assert churn(small_build, "all", "all", "2025-03-01") == (
        3,
        0,
        1,
        2,
        pytest.approx(100 / 3),
        pytest.approx(200 / 3),
    )
    # smb: S = {c2, c3}, c3 churns.
    assert churn(small_build, "segment", "smb", "2025-03-01") == (2, 0, 1, 1, 50.0, 50.0)


def test_churn_has_a_row_for_every_month_from_first_start_to_last_event(small_build):
    months = query(
        small_build,
        "select min(period_start), max(period_start), count(*) from cx__customer_churn"
        " where period_grain = 'month' and dimension = 'all'",
    )
    # c1 starts in January 2024; the last event is c3's churn in March 2025: 15 months.
    assert [(str(a), str(b), n) for a, b, n in months] == [("2024-01-01", "2025-03-01", 15)]


def test_cohort_of_july_2024(small_build):
    rows = dict(
        query(
            small_build,
            "select months_since_start, retained_customers from cx__cohort_retention"
            " where cohort_month = '2024-07-01'",
        )
    )
    # c3 starts in July 2024 and churns in March 2025, month 8 after start (the last month).
    assert rows == {k: 1 for k in range(8)} | {8: 0}


def test_march_service_levels(small_build):
    rows = query(
        small_build,
        "select dimension, dimension_value, tickets_created, tickets_resolved,"
        " median_first_response_minutes, avg_resolution_hours, fcr_pct from cx__service_levels"
        " where period_grain = 'month' and period_start = '2025-03-01' order by 1, 2",
    )
    t1 = (1, 1, 2.5, 2.0, 100.0)  # 150 s = 2.5 min; 2 h; 1 reply <= 1
    assert rows == [
        ("all", "all", *t1),
        ("channel", "chat", *t1),
        ("priority", "high", *t1),
        ("segment", "smb", *t1),
    ]


def test_march_cx_index(small_build):
    (row,) = query(
        small_build,
        "select nps_component, csat_component, ces_component, retention_component,"
        " fcr_component, cx_index from cx__cx_index where period_grain = 'month'"
        " and period_start = '2025-03-01' and dimension = 'all'",
    )
    # nps 100/6 -> (nps + 100) / 2; csat 2/3; ces 1/2; retention 2/3; fcr 1/1.
    components = [(100 / 6 + 100) / 2, 200 / 3, 50.0, 200 / 3, 100.0]
    weights = [0.30, 0.25, 0.20, 0.15, 0.10]
    expected = sum(w * c for w, c in zip(weights, components, strict=True)) / sum(weights)
    assert row == pytest.approx((*components, expected), rel=1e-12)


def test_close_the_loop_queue(small_build):
    rows = query(
        small_build,
        "select response_id, status, cast(follow_up_due_at as varchar), is_followed_up_late"
        " from cx__feedback_followups order by response_id",
    )
    assert rows == [
        ("a11", "overdue", "2025-03-18 09:00:00", None),  # CES 3
        ("a5", "closed", "2025-03-13 09:00:00", False),  # detractor, followed up after 25 h
        ("a6", "overdue", "2025-04-02 23:59:59", None),  # anonymous detractor
        ("a9", "overdue", "2025-03-16 09:00:00", None),  # CSAT 2
    ]


def test_build_without_the_optional_followups_input(tmp_path):
    db = tmp_path / "nofollowups.duckdb"
    load_raw_csvs(db, FIXTURES / "small")
    # The package's unit tests run in the demo's build; parsing still checks them here.
    run = run_dbt(
        ["build", "--exclude-resource-type", "unit_test"],
        db,
        own_inputs(cx_using_feedback_followups=False),
    )
    assert run.returncode == 0, run.output[-3000:]
    statuses = query(db, "select response_id, status from cx__feedback_followups order by 1")
    assert statuses == [("a11", "overdue"), ("a5", "overdue"), ("a6", "overdue"), ("a9", "overdue")]
    tables = {t for (t,) in query(db, "select distinct source_table from cx__rejected_records")}
    assert "feedback_followups" not in tables
