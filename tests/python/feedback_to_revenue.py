"""The "From feedback to revenue" example of docs/metrics.md, recomputed with pandas from the raw
demo CSVs with the input contract's rules, independently of the dbt models."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

SEEDS = Path(__file__).resolve().parents[2] / "integration_tests" / "seeds" / "demo"
# The twelve full months before the end of the demo data (2025-09-30).
MONTHS = pd.date_range("2024-10-01", "2025-10-01", freq="MS")


def _time(values: pd.Series) -> pd.Series:
    """Text to UTC (naive); anything that does not parse is NaT."""
    parsed = pd.to_datetime(values.str.strip(), errors="coerce", utc=True, format="mixed")
    return parsed.dt.tz_localize(None)


def _keep_first_valid(frame: pd.DataFrame, key: str, time: str, valid: pd.Series) -> pd.DataFrame:
    """The contract's duplicate rule: per key, valid rows first, then the earliest."""
    frame = frame.assign(_invalid=~valid)
    frame = frame.sort_values(["_invalid", time], na_position="last", kind="stable")
    return frame.drop_duplicates(key).loc[lambda f: ~f["_invalid"]].drop(columns="_invalid")


def accepted_customers() -> pd.DataFrame:
    raw = pd.read_csv(SEEDS / "cx_demo__customers.csv", dtype=str)
    raw["customer_id"] = raw["customer_id"].str.strip()
    raw["started"], raw["churned"] = _time(raw["started_at"]), _time(raw["churned_at"])
    revenue = pd.to_numeric(raw["monthly_revenue"], errors="coerce")
    raw["revenue"] = revenue
    valid = (
        raw["customer_id"].notna()
        & raw["started"].notna()
        & (raw["churned_at"].isna() | raw["churned"].notna())
        & ~(raw["churned"] < raw["started"])
        & (raw["monthly_revenue"].isna() | revenue.notna())
    )
    return _keep_first_valid(raw[raw["customer_id"].notna()], "customer_id", "started", valid)


def accepted_nps_answers() -> pd.DataFrame:
    raw = pd.read_csv(SEEDS / "cx_demo__survey_responses.csv", dtype=str)
    raw["response_id"] = raw["response_id"].str.strip()
    raw["kind"] = raw["survey_type"].str.strip().str.lower()
    raw["when"] = _time(raw["responded_at"])
    raw["value"] = pd.to_numeric(raw["score"].str.strip(), errors="coerce")
    nps_ok = raw["value"].between(0, 10) & (raw["value"] == raw["value"].round())
    # Other survey types are judged on their own scales; an NPS answer is kept only when valid.
    valid = raw["when"].notna() & raw["kind"].isin(["nps", "csat", "ces"])
    valid &= (raw["kind"] != "nps") | nps_ok
    kept = _keep_first_valid(raw[raw["response_id"].notna()], "response_id", "when", valid)
    nps = kept[(kept["kind"] == "nps") & kept["customer_id"].notna()].copy()
    nps["customer_id"] = nps["customer_id"].str.strip()
    nps["category"] = np.select(
        [nps["value"] >= 9, nps["value"] >= 7], ["promoter", "passive"], "detractor"
    )
    return nps


@dataclass(frozen=True)
class MonthCategory:
    customers_at_start: int
    churned: int
    revenue_at_start: float


def by_month_and_category() -> dict[tuple[pd.Timestamp, str], MonthCategory]:
    """Per month of MONTHS and NPS category held at its start: customers, churned, revenue."""
    customers, answers = accepted_customers(), accepted_nps_answers()
    out = {}
    for start, end in zip(MONTHS[:-1], MONTHS[1:], strict=True):
        at = customers[
            (customers["started"] < start)
            & (customers["churned"].isna() | (customers["churned"] >= start))
        ]
        before = answers[answers["when"] < start].sort_values(["when", "response_id"])
        latest = before.groupby("customer_id")["category"].last()
        category = at["customer_id"].map(latest).fillna("no answer")
        churned = (at["churned"] >= start) & (at["churned"] < end)
        for name in ("promoter", "passive", "detractor", "no answer"):
            mine = category == name
            out[(start, name)] = MonthCategory(
                int(mine.sum()), int((mine & churned).sum()), float(at["revenue"][mine].sum())
            )
    return out
