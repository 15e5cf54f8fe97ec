"""Activity churn (cx__activity_churn, cx__activity_cohorts) recomputed independently in pandas.

An independent implementation from the written definition (docs/metrics.md, "Churn without
subscriptions: activity churn", and the `activity_churn` / `activity_cohorts` doc blocks), not a
port of the models' SQL. Parsing and rejection of the inputs are upstream and tested elsewhere,
so the accepted rows are read from staging (stg_cx__orders, int_cx__support_tickets_accepted,
int_cx__customers_accepted); everything from "activity" onward is computed here, per customer, by
evaluating "active at t" straight from the sorted activity timestamps with searchsorted.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from conftest import relation, run_dbt

WINDOW_DAYS = 90  # cx_inactivity_days
W = np.int64(WINDOW_DAYS * 86_400 * 10**9)  # in nanoseconds
INACTIVE_STATUSES = {"cancelled", "canceled", "refunded"}  # cx_inactive_order_statuses
DIMENSIONS = ["segment", "plan", "region"]  # cx_customer_dimensions
GRAINS = {"week": "W-SUN", "month": "M", "quarter": "Q"}  # W-SUN: ISO weeks, Monday start
COUNTS = [
    "customers_at_start",
    "new_customers",
    "returning_customers",
    "churned_customers",
    "customers_at_end",
    "repeat_customers",
]
RATES = ["churn_rate_pct", "retention_rate_pct", "repeat_purchase_rate_pct"]
CHURN_KEY = ["period_grain", "period_start", "dimension", "dimension_value"]
COHORT_KEY = ["cohort_month", "months_since_first"]
SELECTION = [
    "+cx__activity_churn",
    "+cx__activity_cohorts",
    "+cx__rejected_records",
    "+cx__survey_responses",
    "stg_cx__orders",
    "int_cx__support_tickets_accepted",
    "int_cx__customers_accepted",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo seeds and only the models these tables need, on a throwaway DuckDB."""
    db = tmp_path_factory.mktemp("activity_churn") / "demo.duckdb"
    variables = {"cx_using_orders": True}
    seeded = run_dbt(["seed"], db, variables)
    assert seeded.returncode == 0, seeded.output[-5000:]
    built = run_dbt(["run", "--select", *SELECTION], db, variables)
    assert built.returncode == 0, built.output[-5000:]
    return db


def _frame(db: Path, sql: str) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).df()
    finally:
        con.close()


def _ns(values) -> np.ndarray:
    return pd.to_datetime(pd.Series(values)).astype("datetime64[ns]").astype("int64").to_numpy()


# --- Inputs: the accepted rows, then activity ---------------------------------------------------


def _activity(db: Path) -> pd.DataFrame:
    """(customer_id, at): orders that are not cancelled or refunded (a null status is activity)
    and tickets with a customer; the same customer at the same moment is one activity."""
    orders = _frame(
        db,
        f"select customer_id, ordered_at as at, status from {relation('stg_cx__orders')} "
        "where rejection_reason is null",
    )
    status = orders["status"].str.strip().str.lower()
    orders = orders[~status.isin(INACTIVE_STATUSES)]  # NaN is not in the set: kept
    tickets = _frame(
        db,
        "select customer_id, created_at as at"
        f" from {relation('int_cx__support_tickets_accepted')} "
        "where customer_id is not null",
    )
    both = pd.concat([orders[["customer_id", "at"]], tickets], ignore_index=True)
    both = both.dropna(subset=["customer_id", "at"])
    both["at"] = _ns(both["at"].to_numpy())
    return both.drop_duplicates().sort_values(["customer_id", "at"], ignore_index=True)


def _customer_dimensions(db: Path, customers: pd.Index) -> pd.DataFrame:
    accepted = relation("int_cx__customers_accepted")
    crm = _frame(db, f"select customer_id, {', '.join(DIMENSIONS)} from {accepted}")
    crm = crm.drop_duplicates("customer_id").set_index("customer_id")
    return crm.reindex(customers)[DIMENSIONS].fillna("unknown").assign(all="all")


def _periods(grain: str, first: int, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """[ps, pe) of every period of the grain from the first activity's to the horizon's."""
    span = pd.period_range(
        pd.Timestamp(first).to_period(GRAINS[grain]),
        pd.Timestamp(horizon).to_period(GRAINS[grain]),
    )
    starts = _ns(span.start_time.normalize())
    ends = _ns((span + 1).start_time.normalize())
    return starts, ends


def _active_at(at: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Active at each t: an activity a with t - W <= a < t (at sorted)."""
    return np.searchsorted(at, t, side="left") > np.searchsorted(at, t - W, side="left")


def _in_period(moments: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """How many of the moments fall in each [ps, pe)."""
    ordered = np.sort(moments)
    return np.searchsorted(ordered, ends, side="left") - np.searchsorted(
        ordered, starts, side="left"
    )


def _spells(at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(first, last) activity of each spell: a gap longer than W starts a new one."""
    breaks = np.flatnonzero(np.diff(at) > W)
    firsts = np.concatenate([at[:1], at[breaks + 1]])
    lasts = np.concatenate([at[breaks], at[-1:]])
    return firsts, lasts


def _customer_counts(at: np.ndarray, starts, ends, horizon: int) -> np.ndarray:
    """One customer's six counts (rows, in COUNTS order) for every period (columns)."""
    firsts, lasts = _spells(at)
    lapses = lasts + W
    # Churn: a spell begun before ps whose lapse falls in [ps, pe), once the horizon has passed it.
    churned = np.zeros(len(starts), dtype=np.int64)
    for first, lapse in zip(firsts, lapses, strict=True):
        if lapse <= horizon:
            churned += (first < starts) & (starts <= lapse) & (lapse < ends)
    # At the end: active at pe. For a period ending after the horizon, a customer whose last
    # lapse the data has not reached yet still counts (the churn rule's twin: never a lapse
    # the data has not seen).
    at_end = np.where(ends > horizon, at[-1] + W > horizon, _active_at(at, ends))
    new = _in_period(at[:1], starts, ends)
    repeat = new if len(at) > 1 and at[1] - at[0] <= W else np.zeros_like(new)
    return np.vstack(
        [
            _active_at(at, starts),
            new,
            _in_period(firsts[1:], starts, ends),
            churned,
            at_end,
            repeat,
        ]
    ).astype(np.int64)


def _pct(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    return (100.0 * numerator / denominator.astype(float)).where(denominator > 0)


def expected_churn(activity: pd.DataFrame, dims: pd.DataFrame) -> pd.DataFrame:
    by_customer = {c: g["at"].to_numpy() for c, g in activity.groupby("customer_id", sort=True)}
    ids = list(by_customer)
    first, horizon = int(activity["at"].min()), int(activity["at"].max())
    frames = []
    for grain in GRAINS:
        starts, ends = _periods(grain, first, horizon)
        # counts[c, k, p]: customer c, count k, period p
        counts = np.stack([_customer_counts(by_customer[c], starts, ends, horizon) for c in ids])
        for dimension in ["all", *DIMENSIONS]:
            values = dims.loc[ids, dimension].to_numpy()
            for value in np.unique(values):
                summed = counts[values == value].sum(axis=0)
                frame = pd.DataFrame(dict(zip(COUNTS, summed, strict=True)))
                frame.insert(0, "period_grain", grain)
                frame.insert(1, "period_start", pd.to_datetime(starts).normalize())
                frame.insert(2, "dimension", dimension)
                frame.insert(3, "dimension_value", value)
                frame["is_final"] = ends + W <= horizon
                frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    start, new = out["customers_at_start"], out["new_customers"]
    out["churn_rate_pct"] = _pct(out["churned_customers"], start)
    kept = out["customers_at_end"] - new - out["returning_customers"]
    out["retention_rate_pct"] = _pct(kept, start)
    out["repeat_purchase_rate_pct"] = _pct(out["repeat_customers"], new)
    return out


def expected_cohorts(activity: pd.DataFrame) -> pd.DataFrame:
    horizon = int(activity["at"].max())
    last_month = pd.Timestamp(horizon).to_period("M")
    rows = []
    for _, group in activity.groupby("customer_id"):
        at = group["at"].to_numpy()
        cohort = pd.Timestamp(at[0]).to_period("M")
        months = pd.period_range(cohort, last_month)
        month_ends = _ns((months + 1).start_time.normalize())
        active = _active_at(at, month_ends)
        for k, (t_k, is_active) in enumerate(zip(month_ends, active, strict=True)):
            rows.append((cohort.start_time, k, int(is_active), t_k <= horizon))
    frame = pd.DataFrame(rows, columns=["cohort_month", "months_since_first", "active", "final"])
    out = frame.groupby(COHORT_KEY, as_index=False).agg(
        cohort_customers=("active", "size"),
        active_customers=("active", "sum"),
        is_final=("final", "first"),
    )
    out["active_pct"] = _pct(out["active_customers"], out["cohort_customers"])
    return out


# --- The comparison -----------------------------------------------------------------------------


def _compare(model: pd.DataFrame, ours: pd.DataFrame, key: list[str], exact, close) -> None:
    """Every key on both sides; counts equal, rates within 1e-9 (both null counts as equal)."""
    model, ours = model.copy(), ours.copy()
    date = key[0] if key[0] == "cohort_month" else key[1]  # the DATE column of the key
    for frame in (model, ours):
        frame[date] = pd.to_datetime(frame[date]).astype("datetime64[ns]")
    merged = model.merge(ours, on=key, how="outer", suffixes=("_model", "_ours"), indicator=True)
    unmatched = merged[merged["_merge"] != "both"]
    assert unmatched.empty, f"keys only on one side:\n{unmatched[[*key, '_merge']].head(20)}"
    problems = []
    for column in exact:
        a, b = merged[f"{column}_model"], merged[f"{column}_ours"]
        bad = a.astype("int64") != b.astype("int64")
        problems += [(column, merged.loc[bad, [*key, f"{column}_model", f"{column}_ours"]])]
    for column in close:
        a = merged[f"{column}_model"].astype(float).to_numpy()
        b = merged[f"{column}_ours"].astype(float).to_numpy()
        bad = ~np.isclose(a, b, rtol=0, atol=1e-9, equal_nan=True)
        problems += [(column, merged.loc[bad, [*key, f"{column}_model", f"{column}_ours"]])]
    a, b = merged["is_final_model"].astype(bool), merged["is_final_ours"].astype(bool)
    problems += [("is_final", merged.loc[a != b, [*key, "is_final_model", "is_final_ours"]])]
    report = [
        f"{column}: {len(rows)} rows\n{rows.head(20).to_string()}"
        for column, rows in problems
        if len(rows)
    ]
    assert not report, "\n".join(report)


@pytest.fixture(scope="module")
def activity(db) -> pd.DataFrame:
    return _activity(db)


def test_activity_churn_matches_an_independent_computation(db, activity):
    dims = _customer_dimensions(db, pd.Index(activity["customer_id"].unique()))
    ours = expected_churn(activity, dims)
    model = _frame(db, "select * from cx__activity_churn")
    assert len(model) == len(ours)
    _compare(model, ours, CHURN_KEY, COUNTS, RATES)

    # Non-trivial on the demo: churn and returns happen, and recent rows are still open.
    everyone = ours[ours["dimension"] == "all"]
    assert everyone["churned_customers"].sum() > 0
    assert everyone["returning_customers"].sum() > 0
    assert everyone["repeat_customers"].sum() > 0
    assert (~everyone["is_final"]).any() and everyone["is_final"].any()
    assert set(ours["period_grain"]) == set(GRAINS)


def test_activity_cohorts_match_an_independent_computation(db, activity):
    ours = expected_cohorts(activity)
    model = _frame(db, "select * from cx__activity_cohorts")
    assert len(model) == len(ours)
    _compare(model, ours, COHORT_KEY, ["cohort_customers", "active_customers"], ["active_pct"])
    assert (ours["active_customers"] < ours["cohort_customers"]).any()
    assert (~ours["is_final"]).any()


def test_detractors_come_back_less_often_than_promoters(db, activity):
    """Per customer, the NPS category of their latest NPS answer; detractors make a second
    activity within W of their first less often, and have fewer spells and activities."""
    answers = _frame(
        db,
        "select customer_id, responded_at, response_id, nps_category from cx__survey_responses "
        "where survey_type = 'nps' and nps_category is not null and customer_id is not null",
    )
    latest = (
        answers.sort_values(["customer_id", "responded_at", "response_id"])
        .groupby("customer_id")["nps_category"]
        .last()
    )
    rows = []
    for customer, group in activity.groupby("customer_id"):
        at = group["at"].to_numpy()
        firsts, _ = _spells(at)
        repeat = len(at) > 1 and at[1] - at[0] <= W
        rows.append((customer, repeat, len(firsts), len(at)))
    per_customer = pd.DataFrame(rows, columns=["customer_id", "repeat", "spells", "activities"])
    per_customer["category"] = per_customer["customer_id"].map(latest)
    summary = per_customer.groupby("category").agg(
        customers=("repeat", "size"),
        repeat_rate=("repeat", "mean"),
        mean_spells=("spells", "mean"),
        mean_activities=("activities", "mean"),
    )
    print(f"\nby latest NPS category:\n{summary}")
    detractor, promoter = summary.loc["detractor"], summary.loc["promoter"]
    assert detractor["customers"] >= 30 and promoter["customers"] >= 30
    assert detractor["repeat_rate"] < promoter["repeat_rate"], summary
    assert detractor["mean_activities"] < promoter["mean_activities"], summary
