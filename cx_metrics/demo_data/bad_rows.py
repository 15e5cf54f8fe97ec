"""Deliberately broken rows, a fixed number of each rejection kind the contract lists.

Each bad row is a copy of a good row with one defect, appended to its table, so the demo
shows every reason in ``cx__rejected_records`` and the reconciliation
``input rows = accepted + rejected`` has something to prove.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

Defect = Callable[[pd.DataFrame, np.random.Generator], pd.DataFrame]


def _set(column: str, values: list[object | None]) -> Defect:
    def apply(rows: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
        rows[column] = [values[i] for i in rng.integers(0, len(values), len(rows))]
        return rows

    return apply


def _keep_key(rows: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """A duplicate: the same key again, with the rest of the row possibly different."""
    return rows


def _shift_before(column: str, reference: str, hours: float) -> Defect:
    def apply(rows: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
        base = pd.to_datetime(rows[reference])
        rows[column] = (base - pd.to_timedelta(hours, unit="h")).dt.strftime("%Y-%m-%d %H:%M:%S")
        return rows

    return apply


def _with_score(survey_type: str, values: list[str]) -> Defect:
    def apply(rows: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
        rows["survey_type"] = survey_type
        rows["score"] = [values[i] for i in rng.integers(0, len(values), len(rows))]
        return rows

    return apply


def _out_of_scale(rows: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    choices = [("nps", "11"), ("nps", "-1"), ("csat", "6"), ("csat", "0"), ("ces", "8")]
    picked = [choices[i] for i in rng.integers(0, len(choices), len(rows))]
    rows["survey_type"] = [c[0] for c in picked]
    rows["score"] = [c[1] for c in picked]
    return rows


KEYS = {
    "survey_responses": "response_id",
    "customers": "customer_id",
    "support_tickets": "ticket_id",
    "feedback_followups": "response_id",
    "orders": "order_id",
}
# Reasons whose defect is about the key itself; every other broken copy gets a fresh key,
# so that it carries exactly one defect.
KEY_DEFECTS = {"missing key", "duplicate key"}

# table -> reason (as written to cx__rejected_records) -> defect
DEFECTS: dict[str, dict[str, Defect]] = {
    "survey_responses": {
        "missing key": _set("response_id", [None]),
        "duplicate key": _keep_key,
        "unknown survey type": _set("survey_type", ["nss", "star_rating", "csi"]),
        "missing score": _set("score", [None]),
        "unparseable score": _set("score", ["ten", "N/A", "9/10", "Extremely happy"]),
        "score outside scale": _out_of_scale,
        "NPS score not an integer": _with_score("nps", ["7.5", "8.25", "6.6"]),
        "missing timestamp": _set("responded_at", [None]),
        "unparseable timestamp": _set("responded_at", ["yesterday", "31/12/2024", "Q3"]),
    },
    "customers": {
        "missing key": _set("customer_id", [None]),
        "duplicate key": _keep_key,
        "missing timestamp": _set("started_at", [None]),
        "churned before started": _shift_before("churned_at", "started_at", 24 * 30),
        "unparseable number": _set("monthly_revenue", ["n/a", "$49", "forty"]),
    },
    "support_tickets": {
        "missing key": _set("ticket_id", [None]),
        "duplicate key": _keep_key,
        "missing timestamp": _set("created_at", [None]),
        "response before creation": _shift_before("first_response_at", "created_at", 2),
        "resolution before creation": _shift_before("resolved_at", "created_at", 5),
        "negative duration": _set("handle_time_minutes", ["-5.0", "-12.5"]),
    },
    "feedback_followups": {
        "missing key": _set("response_id", [None]),
        "missing timestamp": _set("followed_up_at", [None]),
    },
    "orders": {
        "missing key": _set("order_id", [None]),
        "missing customer": _set("customer_id", [None]),
        "duplicate key": _keep_key,
        "missing timestamp": _set("ordered_at", [None]),
        "unparseable timestamp": _set("ordered_at", ["yesterday", "31/12/2024", "Q3"]),
        "unparseable number": _set("amount", ["n/a", "$49.90", "12,50"]),
    },
}


def with_bad_rows(table: str, frame: pd.DataFrame, count: int, seed: int) -> pd.DataFrame:
    """Append ``count`` broken copies of good rows for every defect of ``table`` (fewer when
    the table has fewer good rows: a tiny demo)."""
    rng = np.random.default_rng([seed, list(DEFECTS).index(table)])
    parts = [frame]
    pool = frame
    if table == "support_tickets":
        pool = frame[frame["resolved_at"].notna() & frame["first_response_at"].notna()]
    for number, (reason, defect) in enumerate(DEFECTS[table].items()):
        donors = pool.sample(n=min(count, len(pool)), random_state=rng, replace=False).copy()
        if donors.empty:
            continue
        if reason not in KEY_DEFECTS and table != "feedback_followups":
            suffix = [f"-X{number}{i:03d}" for i in range(len(donors))]
            donors[KEYS[table]] = donors[KEYS[table]].astype(str) + suffix
        parts.append(defect(donors, rng))
    combined = pd.concat(parts, ignore_index=True)
    # Shuffle the bad rows in among the good ones, deterministically.
    order = rng.permutation(len(combined))
    return combined.iloc[order].reset_index(drop=True)
