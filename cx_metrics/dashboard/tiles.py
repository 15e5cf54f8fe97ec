"""The headline tiles: each metric in the latest full month, its change against the month
before, and whether that change is statistically significant.

NPS, CSAT and CES take their tests from cx__metric_changes. Churn, retention and first-contact
resolution are shares of counts the tables carry, tested here with the pooled two-proportion
z-test that cx__metric_changes uses for CSAT (same alpha, same minimum counts). Medians, the CX
index (a weighted blend) and the backlog (a count) have no test: their tiles say so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, datetime, time

import pandas as pd

from cx_metrics.dashboard.datasets import Datasets


@dataclass(frozen=True)
class Significance:
    alpha: float = 0.05
    min_count: int = 30


@dataclass(frozen=True)
class Tile:
    key: str
    label: str
    value: float | None
    unit: str
    previous: float | None
    verdict: str  # significant | not significant | too few to test | not tested
    detail: str = ""
    decimals: int = 1

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


def _value(frame: pd.DataFrame, month: date, column: str, dimension: str = "all") -> float | None:
    if frame.empty:
        return None
    rows = frame[(frame["period_start"] == pd.Timestamp(month)) & (frame["dimension"] == dimension)]
    value = rows[column].iloc[0] if len(rows) else None
    return None if value is None or pd.isna(value) else float(value)


def previous_month(month: date) -> date:
    return (pd.Timestamp(month) - pd.offsets.MonthBegin(1)).date()


def two_proportion_p_value(x1: float, n1: float, x2: float, n2: float) -> float | None:
    """Two-sided p-value of the pooled z-test of x1/n1 against x2/n2."""
    pooled = (x1 + x2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    if variance <= 0:
        return None
    z = (x1 / n1 - x2 / n2) / math.sqrt(variance)
    return math.erfc(abs(z) / math.sqrt(2))


def _verdict(p_value: float | None, alpha: float) -> str:
    if p_value is None or pd.isna(p_value):
        return "too few to test"
    return "significant" if p_value < alpha else "not significant"


def _survey_tile(data: Datasets, key: str, label: str, month: date, detail: str) -> Tile:
    rows = data.changes[
        (data.changes["metric"] == key) & (data.changes["period_start"] == pd.Timestamp(month))
    ]
    row = rows.iloc[0] if len(rows) else None
    value = None if row is None or pd.isna(row["value"]) else float(row["value"])
    previous = None if row is None or pd.isna(row["previous_value"]) else row["previous_value"]
    if row is None or pd.isna(row["p_value"]):
        verdict = "too few to test"
    else:  # tested in SQL, at the build's alpha
        verdict = "significant" if bool(row["is_significant"]) else "not significant"
    unit = "" if key == "nps" else "%"
    return Tile(
        key, label, value, unit, None if previous is None else float(previous), verdict, detail
    )


def _share_tile(
    frame: pd.DataFrame, spec: tuple[str, str, str, str, str], month: date, test: Significance
) -> Tile:
    """A share tile: spec = (key, label, value column, count column, of column)."""
    key, label, column, count, total = spec
    now, before = month, previous_month(month)
    counts = [(_value(frame, m, count), _value(frame, m, total)) for m in (now, before)]
    p_value = None
    if all(n is not None and x is not None and n >= test.min_count for x, n in counts):
        (x1, n1), (x2, n2) = counts
        p_value = two_proportion_p_value(x1, n1, x2, n2)
    detail = f"{counts[0][0]:,.0f} of {counts[0][1]:,.0f}" if None not in counts[0] else ""
    return Tile(
        key,
        label,
        _value(frame, now, column),
        "%",
        _value(frame, before, column),
        _verdict(p_value, test.alpha),
        detail,
    )


def backlog_at(followups: pd.DataFrame, moment: date) -> int | None:
    """Negative answers not yet followed up at midnight starting `moment` (UTC)."""
    if followups.empty:
        return None
    at = pd.Timestamp(datetime.combine(moment, time()))
    waiting = (followups["responded_on"] < at) & (
        followups["followed_up_on"].isna() | (followups["followed_up_on"] >= at)
    )
    return int(followups.loc[waiting, "answers"].sum())


def _nps_detail(data: Datasets, month: date) -> str:
    low, high = (_value(data.nps, month, c) for c in ("nps_ci_lower", "nps_ci_upper"))
    return "" if low is None or high is None else f"95% CI {low:+.1f} to {high:+.1f}"


def _untested(frame: pd.DataFrame, spec: tuple[str, str, str, str], month: date, detail="") -> Tile:
    """A tile without a significance test: spec = (key, label, column, unit)."""
    key, label, column, unit = spec
    now, before = (_value(frame, m, column) for m in (month, previous_month(month)))
    return Tile(key, label, now, unit, before, "not tested", detail)


def _customer_tiles(data: Datasets, month: date, test: Significance) -> list[Tile]:
    if data.churn.empty:
        return []
    churn = ("churn", "Churn rate", "churn_rate_pct", "churned_customers", "customers_at_start")
    churn_tile = _share_tile(data.churn, churn, month, test)
    retention = _untested(
        data.churn, ("retention", "Retention rate", "retention_rate_pct", "%"), month
    )
    # retention = 1 - churned / start: the churn test is the retention test
    return [
        churn_tile,
        replace(retention, verdict=churn_tile.verdict, detail="(end - new) / start"),
    ]


def _service_tiles(data: Datasets, month: date, test: Significance) -> list[Tile]:
    if data.service.empty:
        return []
    fcr = ("fcr", "First-contact resolution", "fcr_pct", "first_contact_resolutions")
    return [
        _untested(
            data.service,
            ("first_response", "Median first response", "median_first_response_minutes", " min"),
            month,
        ),
        _untested(
            data.service,
            ("resolution", "Median resolution", "median_resolution_hours", " h"),
            month,
        ),
        _share_tile(data.service, (*fcr, "tickets_resolved"), month, test),
    ]


def _backlog_tile(data: Datasets, month: date) -> Tile:
    end = (pd.Timestamp(month) + pd.offsets.MonthBegin(1)).date()
    now, before = backlog_at(data.followups, end), backlog_at(data.followups, month)
    return Tile(
        "backlog",
        "Close-the-loop backlog",
        None if now is None else float(now),
        "",
        None if before is None else float(before),
        "not tested",
        "negative answers not followed up at the month's end",
        decimals=0,
    )


def headline_tiles(data: Datasets, test: Significance) -> list[Tile]:
    """The tiles of the latest full month, in reading order."""
    month = data.latest_month
    return [
        _survey_tile(data, "nps", "NPS", month, _nps_detail(data, month)),
        _survey_tile(data, "csat", "CSAT (satisfied %)", month, ""),
        _survey_tile(data, "ces", "CES (easy %)", month, ""),
        *_customer_tiles(data, month, test),
        *_service_tiles(data, month, test),
        _untested(data.cx_index, ("cx_index", "CX index", "cx_index", ""), month, "0 to 100"),
        _backlog_tile(data, month),
    ]
