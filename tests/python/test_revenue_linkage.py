"""cx__revenue_by_nps on the demo, recomputed independently with pandas (issue 16, part 2).

The accepted rows come from the built int_cx__customers_accepted and cx__survey_responses (staging's
acceptance rules are tested elsewhere; the customer keys are checked here against test_demo's
own reading of the raw CSV). Everything after that, the periods, the category as of each
period's start, who is at the start, who churns and the revenue, is computed again here.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import relation
from feedback_to_revenue import MONTHS, by_month_and_category
from test_demo import _accepted_customers

CATEGORIES = ["promoter", "passive", "detractor", "no answer"]
COUNTS = ["customers_at_start", "churned_customers"]
FLOATS = ["monthly_revenue_at_start", "churned_revenue", "churn_rate_pct", "share_of_revenue_pct"]


def _read(db, sql: str) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).df()
    finally:
        con.close()


def _expected(customers: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    """Month grain, dimension 'all': one row per month and category with customers at the start."""
    first = customers["started_at"].min().to_period("M")
    last = customers[["started_at", "churned_at"]].max(axis=1).max().to_period("M")
    nps = answers[(answers["survey_type"] == "nps") & answers["customer_id"].notna()]
    nps = nps.sort_values(["responded_at", "response_id"], kind="stable")
    rows = []
    for month in pd.period_range(first, last, freq="M"):
        start, end = month.start_time, (month + 1).start_time
        churned_at = customers["churned_at"]
        active = customers[
            (customers["started_at"] < start) & (churned_at.isna() | (churned_at >= start))
        ]
        if active.empty:
            continue
        latest = nps[nps["responded_at"] < start].groupby("customer_id")["nps_category"].last()
        category = active["customer_id"].map(latest).astype(object).fillna("no answer")
        churned = (active["churned_at"] >= start) & (active["churned_at"] < end)
        frame = pd.DataFrame(
            {
                "category": category,
                "revenue": active["monthly_revenue"].fillna(0.0),
                "churned": churned.astype(int),
            }
        )
        frame["churned_revenue"] = frame["revenue"].where(churned, 0.0)
        total = frame["revenue"].sum()
        for name, group in frame.groupby("category"):
            rows.append(
                {
                    "period_start": start,
                    "nps_category_as_of_start": name,
                    "customers_at_start": len(group),
                    "churned_customers": int(group["churned"].sum()),
                    "monthly_revenue_at_start": group["revenue"].sum(),
                    "churned_revenue": group["churned_revenue"].sum(),
                    "churn_rate_pct": 100 * group["churned"].sum() / len(group),
                    "share_of_revenue_pct": 100 * group["revenue"].sum() / total if total else None,
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def linkage(demo):
    db, _ = demo
    customers = _read(
        db,
        "select customer_id, started_at, churned_at, monthly_revenue"
        f" from {relation('int_cx__customers_accepted')}",
    )
    answers = _read(
        db,
        "select response_id, customer_id, survey_type, nps_category, responded_at"
        " from cx__survey_responses",
    )
    built = _read(
        db,
        "select * from cx__revenue_by_nps where period_grain = 'month' and dimension = 'all'",
    )
    built["period_start"] = pd.to_datetime(built["period_start"])
    return customers, answers, built


def test_accepted_customers_are_those_of_the_raw_csv(linkage):
    customers, _, _ = linkage
    assert set(customers["customer_id"]) == set(_accepted_customers()["customer_id"])


def test_revenue_by_nps_equals_an_independent_pandas_computation(linkage):
    customers, answers, built = linkage
    expected = _expected(customers, answers)
    key = ["period_start", "nps_category_as_of_start"]
    got = built.sort_values(key).reset_index(drop=True)
    expected = expected.sort_values(key).reset_index(drop=True)
    assert len(got) > 0
    assert set(got["nps_category_as_of_start"]) <= set(CATEGORIES)
    assert list(zip(got["period_start"], got["nps_category_as_of_start"], strict=True)) == list(
        zip(expected["period_start"], expected["nps_category_as_of_start"], strict=True)
    )
    for column in COUNTS:
        assert got[column].astype(int).tolist() == expected[column].tolist(), column
    for column in FLOATS:
        # Sums of thousands of revenues in another order: equal to 1e-9, relatively.
        assert got[column].astype(float).tolist() == pytest.approx(
            expected[column].astype(float).tolist(), rel=1e-9, abs=1e-9
        ), column


def test_categories_add_up_to_customer_churn(demo, linkage):
    db, _ = demo
    _, _, built = linkage
    churn = _read(
        db,
        "select period_start, customers_at_start, churned_customers from cx__customer_churn"
        " where period_grain = 'month' and dimension = 'all' and customers_at_start > 0",
    )
    churn["period_start"] = pd.to_datetime(churn["period_start"])
    summed = built.groupby("period_start")[COUNTS].sum().reset_index()
    merged = churn.merge(summed, on="period_start", how="outer", suffixes=("", "_by_nps"))
    for column in COUNTS:
        assert (merged[column] == merged[f"{column}_by_nps"]).all(), column


AS_OF = pd.Timestamp("2025-10-01")  # integration_tests/dbt_project.yml: cx_as_of_timestamp


def _expected_at_risk(db, customers: pd.DataFrame, expected: pd.DataFrame) -> pd.DataFrame:
    """cx__revenue_at_risk for months and 'all', customer by customer and month by month: the
    sums of the categories, and the revenue of non-detractors at the start with an item overdue
    at the month's end (at the as-of time for a month that ends after it)."""
    items = _read(
        db,
        "select customer_id, follow_up_due_at, followed_up_at from cx__feedback_followups"
        " where customer_id is not null",
    )
    nps = _read(
        db,
        "select response_id, customer_id, nps_category, responded_at from cx__survey_responses"
        " where survey_type = 'nps' and customer_id is not null",
    ).sort_values(["responded_at", "response_id"], kind="stable")
    revenue = customers.set_index("customer_id")["monthly_revenue"].fillna(0.0)
    rows = []
    for start, cells in expected.groupby("period_start"):
        end = (start.to_period("M") + 1).start_time
        checked = min(end, AS_OF)
        latest = nps[nps["responded_at"] < start].groupby("customer_id")["nps_category"].last()
        churned_at = customers["churned_at"]
        active = customers[
            (customers["started_at"] < start) & (churned_at.isna() | (churned_at >= start))
        ]["customer_id"]
        not_detractor = active[active.map(latest).ne("detractor")]
        late = items["followed_up_at"].isna() | (items["followed_up_at"] >= checked)
        overdue = set(items[(items["follow_up_due_at"] < checked) & late]["customer_id"])
        category = cells.set_index("nps_category_as_of_start")["monthly_revenue_at_start"]
        rows.append(
            {
                "period_start": start,
                "customers_at_start": int(cells["customers_at_start"].sum()),
                "monthly_revenue_at_start": category.sum(),
                "detractor_revenue": category.get("detractor", 0.0),
                "promoter_revenue": category.get("promoter", 0.0),
                "answered_revenue": category.drop("no answer", errors="ignore").sum(),
                "overdue_followup_revenue": revenue[
                    not_detractor[not_detractor.isin(overdue)]
                ].sum(),
            }
        )
    return pd.DataFrame(rows)


def test_revenue_at_risk_equals_an_independent_pandas_computation(demo, linkage):
    db, _ = demo
    customers, answers, _ = linkage
    expected = _expected_at_risk(db, customers, _expected(customers, answers))
    got = _read(
        db,
        "select * from cx__revenue_at_risk where period_grain = 'month' and dimension = 'all'"
        " order by period_start",
    )
    months = got["period_start"].astype("datetime64[ns]")
    assert months.tolist() == expected["period_start"].tolist()
    assert got["customers_at_start"].tolist() == expected["customers_at_start"].tolist()
    assert (expected["overdue_followup_revenue"] > 0).sum() >= 6  # the demo has overdue items
    for column in expected.columns.drop(["period_start", "customers_at_start"]):
        assert got[column].astype(float).tolist() == pytest.approx(
            expected[column].astype(float).tolist(), rel=1e-9, abs=1e-9
        ), column
    risk = expected["detractor_revenue"] + expected["overdue_followup_revenue"]
    assert got["revenue_at_risk"].astype(float).tolist() == pytest.approx(risk.tolist(), rel=1e-9)


def _pooled(frame: pd.DataFrame, category: str) -> float:
    rows = frame[frame["nps_category_as_of_start"] == category]
    return 100 * rows["churned_customers"].sum() / rows["customers_at_start"].sum()


def test_demo_sentence_pools_the_last_twelve_months(linkage):
    customers, answers, built = linkage
    months = sorted(built["period_start"].unique())[-12:]
    expected = _expected(customers, answers)
    from_pandas = expected[expected["period_start"].isin(months)]
    from_table = built[built["period_start"].isin(months)]
    figures = {}
    for name, frame in (("pandas", from_pandas), ("table", from_table)):
        detractors, promoters = _pooled(frame, "detractor"), _pooled(frame, "promoter")
        latest = frame[frame["period_start"] == months[-1]]  # revenue held today: the last month
        revenue = latest.groupby("nps_category_as_of_start")["monthly_revenue_at_start"].sum()
        figures[name] = (detractors, promoters, 100 * revenue["detractor"] / revenue.sum())
    assert figures["table"] == pytest.approx(figures["pandas"], rel=1e-9)
    detractors, promoters, share = figures["table"]
    # A rate over several months is churned / at start over all of them, not the mean of the
    # monthly rates (months with fewer customers would weigh as much as full ones).
    rows = from_table[from_table["nps_category_as_of_start"] == "detractor"]
    assert detractors == pytest.approx(
        100 * rows["churned_customers"].sum() / rows["customers_at_start"].sum()
    )
    sentence = (
        f"detractors churn at {detractors:.1f}% a month against {promoters:.1f}% for "
        f"promoters, and hold {share:.1f}% of monthly revenue"
    )
    print(
        f"\n{pd.Timestamp(months[0]):%Y-%m} to {pd.Timestamp(months[-1]):%Y-%m}: {sentence}"
        f" (mean of the monthly detractor rates: {rows['churn_rate_pct'].mean():.2f}%)"
    )
    assert len(months) == 12
    assert 0 <= promoters <= 100 and 0 <= detractors <= 100 and 0 < share < 100


def _documented_example() -> tuple[float, float, float]:
    """(detractor churn %, promoter churn %, detractor share of revenue %) as docs/metrics.md
    says ("From feedback to revenue")."""
    text = (Path(__file__).resolve().parents[2] / "docs/metrics.md").read_text()
    found = re.search(
        r"detractors churn at ([\d.]+)% a month against ([\d.]+)% for promoters, and hold"
        r" ([\d.]+)% of monthly revenue",
        text,
    )
    assert found, "docs/metrics.md: the sentence of 'From feedback to revenue'"
    return tuple(float(x) for x in found.groups())


def test_documented_example_equals_pandas_over_the_raw_csvs_and_the_table(linkage):
    """The figures of docs/metrics.md, recomputed from the raw demo CSVs (tests/python/
    feedback_to_revenue.py applies the input contract itself) and read from the table."""
    cells = by_month_and_category()
    last = MONTHS[-2]

    def pooled(category: str) -> float:
        mine = [v for (_, c), v in cells.items() if c == category]
        return 100 * sum(v.churned for v in mine) / sum(v.customers_at_start for v in mine)

    revenue = {c: v.revenue_at_start for (m, c), v in cells.items() if m == last}
    share = 100 * revenue["detractor"] / sum(revenue.values())
    raw = (pooled("detractor"), pooled("promoter"), share)
    _, _, built = linkage
    months = built[built["period_start"].between(MONTHS[0], last)]
    latest = months[months["period_start"] == last].set_index("nps_category_as_of_start")
    table = (
        _pooled(months, "detractor"),
        _pooled(months, "promoter"),
        float(latest.loc["detractor", "share_of_revenue_pct"]),
    )
    documented = _documented_example()
    assert [round(x, 1) for x in raw] == list(documented)
    assert [round(x, 1) for x in table] == list(documented)
    assert documented[0] > documented[1]  # the demo tells the story: detractors churn more
