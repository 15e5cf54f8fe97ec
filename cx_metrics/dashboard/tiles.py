"""The headline tiles: each metric in the latest full month, its change against the month
before, and whether that change is statistically significant.

NPS, CSAT, CES, churn, retention and first-contact resolution take their change and its test
from cx__metric_changes: the dashboard holds no statistics of its own. Medians, the CX index (a
weighted blend) and the backlog (a count) have no test: their tiles say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import pandas as pd

from cx_metrics.dashboard.datasets import Datasets


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


def _tested_tile(
    data: Datasets, spec: tuple[str, str, str], month: date, detail: str = "", counts=False
) -> Tile:
    """A tile whose change and test are cx__metric_changes' row: spec = (metric, label, unit);
    counts: the detail is the share's "x of n"."""
    key, label, unit = spec
    rows = data.changes[
        (data.changes["metric"] == key) & (data.changes["period_start"] == pd.Timestamp(month))
    ]
    row = rows.iloc[0] if len(rows) else None
    if row is None:
        return Tile(key, label, None, unit, None, "too few to test", "" if counts else detail)
    previous = None if pd.isna(row["previous_value"]) else float(row["previous_value"])
    verdict = "too few to test"
    if not pd.isna(row["p_value"]):  # tested in SQL, at the build's alpha
        verdict = "significant" if bool(row["is_significant"]) else "not significant"
    if counts:
        detail = f"{row['favorable_responses']:,.0f} of {row['responses']:,.0f}"
    return Tile(key, label, float(row["value"]), unit, previous, verdict, detail)


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


def _customer_tiles(data: Datasets, month: date) -> list[Tile]:
    if data.churn.empty:
        return []
    return [
        _tested_tile(data, ("churn", "Churn rate", "%"), month, counts=True),
        _tested_tile(data, ("retention", "Retention rate", "%"), month, "(end - new) / start"),
    ]


def _service_tiles(data: Datasets, month: date) -> list[Tile]:
    if data.service.empty:
        return []
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
        _tested_tile(data, ("fcr", "First-contact resolution", "%"), month, counts=True),
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


def headline_tiles(data: Datasets) -> list[Tile]:
    """The tiles of the latest full month, in reading order."""
    month = data.latest_month
    return [
        _tested_tile(data, ("nps", "NPS", ""), month, _nps_detail(data, month)),
        _tested_tile(data, ("csat", "CSAT (satisfied %)", "%"), month),
        _tested_tile(data, ("ces", "CES (easy %)", "%"), month),
        *_customer_tiles(data, month),
        *_service_tiles(data, month),
        _untested(data.cx_index, ("cx_index", "CX index", "cx_index", ""), month, "0 to 100"),
        _backlog_tile(data, month),
    ]
