"""What the dashboard shows, read from the metric tables: small frames, aggregated where the
tables are large (the follow-up queue and the rejected rows grow with the inputs)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from cx_metrics.dashboard.tables import MetricTables, TableError
from cx_metrics.periods import latest_full_month

MONTHLY = "select * from {{{model}}} where period_grain = 'month'"

# How each input's accepted rows are counted (as the reconcile test counts them).
ACCEPTED = {
    "survey_responses": ("cx__survey_responses", "count(*)"),
    "customers": ("int_cx__customers_accepted", "count(*)"),
    "support_tickets": ("int_cx__support_tickets_accepted", "count(*)"),
    "feedback_followups": ("int_cx__feedback_followups_summarized", "coalesce(sum(followups), 0)"),
    "orders": ("int_cx__orders_accepted", "count(*)"),
    "reviews": ("int_cx__reviews_accepted", "count(*)"),
}

# Grouped by day, not row by row: as many rows as segments x statuses x days, at any scale.
FOLLOWUPS_BY_DAY = (
    "select segment, status, cast(responded_at as date) as responded_on,"
    " cast(followed_up_at as date) as followed_up_on, count(*) as answers"
    " from {cx__feedback_followups} group by segment, status, cast(responded_at as date),"
    " cast(followed_up_at as date)"
)
OLDEST_OVERDUE = (
    "select response_id, customer_id, survey_type, touchpoint, channel, segment, score,"
    " responded_at, follow_up_due_at, comment from {cx__feedback_followups}"
    " where status = 'overdue' order by responded_at, response_id limit 100"
)

# What customers say (cx_using_comments): scores, counts and topics only. The comment text is
# read only with include_details: the most negative comments of the latest full month.
NEGATIVE_COMMENTS = (
    "select c.responded_at, c.response_id, c.survey_type, c.touchpoint, c.segment, c.score,"
    " c.sentiment_score, c.sentiment_label, r.comment from {{cx__comment_sentiment}} c"
    " join {{cx__survey_responses}} r on r.response_id = c.response_id"
    " where c.responded_at >= cast('{start}' as timestamp)"
    " and c.responded_at < cast('{end}' as timestamp)"
    " and c.sentiment_label in ('negative', 'very negative')"
    " order by c.sentiment_score, c.response_id limit 10"
)


@dataclass
class Datasets:
    """Every frame the dashboard draws; empty frames for inputs that are switched off."""

    newest_answer: datetime
    as_of: datetime | None
    nps: pd.DataFrame
    csat: pd.DataFrame
    ces: pd.DataFrame
    changes: pd.DataFrame
    churn: pd.DataFrame
    cohorts: pd.DataFrame
    service: pd.DataFrame
    cx_index: pd.DataFrame
    followups: pd.DataFrame
    oldest_overdue: pd.DataFrame
    inputs: pd.DataFrame
    rejections: pd.DataFrame
    topics: pd.DataFrame = field(default_factory=pd.DataFrame)
    sentiment: pd.DataFrame = field(default_factory=pd.DataFrame)
    negative_comments: pd.DataFrame = field(default_factory=pd.DataFrame)
    reviews: pd.DataFrame = field(default_factory=pd.DataFrame)
    switched_off: list[str] = field(default_factory=list)

    @property
    def latest_month(self) -> date:
        """The headline period (latest_full_month)."""
        return latest_full_month(self.newest_answer)


def _optional(tables: MetricTables, model: str, sql: str, off: list[str]) -> pd.DataFrame:
    if not tables.has(model):
        off.append(model)
        return pd.DataFrame()
    return tables.query(sql)


def _negative_comments(tables: MetricTables, newest: datetime) -> pd.DataFrame:
    """The latest full month's most negative comments, with their text (include_details)."""
    if not (tables.has("cx__comment_sentiment") and tables.has("cx__survey_responses")):
        return pd.DataFrame()
    start = pd.Timestamp(latest_full_month(newest))
    end = start + pd.offsets.MonthBegin(1)
    return tables.query(NEGATIVE_COMMENTS.format(start=f"{start:%Y-%m-%d}", end=f"{end:%Y-%m-%d}"))


def _dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    for column in columns:
        if column in frame:
            frame[column] = pd.to_datetime(frame[column])
    return frame


def _inputs(tables: MetricTables) -> tuple[pd.DataFrame, pd.DataFrame]:
    reasons = tables.query(
        "select source_table, reason, count(*) as rows_rejected from {cx__rejected_records}"
        " group by source_table, reason"
    )
    rejected = reasons.groupby("source_table")["rows_rejected"].sum()
    rows = []
    for name, (model, count) in ACCEPTED.items():
        if tables.has(model):
            accepted = int(tables.query(f"select {count} as n from {{{model}}}")["n"].iloc[0])
            bad = int(rejected.get(name, 0))
            rows.append({"input": name, "accepted": accepted, "rejected": bad})
    frame = pd.DataFrame(rows, columns=["input", "accepted", "rejected"])
    frame["input_rows"] = frame["accepted"] + frame["rejected"]
    return frame, reasons.sort_values(["rows_rejected", "reason"], ascending=[False, True])


def load(tables: MetricTables, include_details: bool = False) -> Datasets:
    """Read every frame; TableError when a table cannot be read or there is nothing to show."""
    span = tables.query("select max(responded_at) as newest from {cx__survey_responses}")
    newest = span["newest"].iloc[0] if len(span) else None
    if newest is None or pd.isna(newest):
        raise TableError(
            "cx__survey_responses has no accepted survey answers, so there is nothing to draw."
            " Check the inputs (cx-metrics validate) and cx__rejected_records."
        )
    off: list[str] = []
    followups = _optional(tables, "cx__feedback_followups", FOLLOWUPS_BY_DAY, off)
    as_of = None
    if tables.has("cx__feedback_followups"):
        found = tables.query("select max(status_as_of) as t from {cx__feedback_followups}")["t"]
        as_of = None if pd.isna(found.iloc[0]) else pd.Timestamp(found.iloc[0]).to_pydatetime()
    inputs, rejections = _inputs(tables)
    return Datasets(
        newest_answer=pd.Timestamp(newest).to_pydatetime(),
        as_of=as_of,
        nps=_dates(tables.query(MONTHLY.format(model="cx__nps")), "period_start"),
        csat=_dates(tables.query(MONTHLY.format(model="cx__csat")), "period_start"),
        ces=_dates(tables.query(MONTHLY.format(model="cx__ces")), "period_start"),
        changes=_dates(
            tables.query(MONTHLY.format(model="cx__metric_changes") + " and dimension = 'all'"),
            "period_start",
        ),
        churn=_dates(
            _optional(
                tables, "cx__customer_churn", MONTHLY.format(model="cx__customer_churn"), off
            ),
            "period_start",
        ),
        cohorts=_dates(
            _optional(tables, "cx__cohort_retention", "select * from {cx__cohort_retention}", off),
            "cohort_month",
        ),
        service=_dates(
            _optional(
                tables, "cx__service_levels", MONTHLY.format(model="cx__service_levels"), off
            ),
            "period_start",
        ),
        cx_index=_dates(tables.query(MONTHLY.format(model="cx__cx_index")), "period_start"),
        followups=_dates(followups, "responded_on", "followed_up_on"),
        oldest_overdue=(
            tables.query(OLDEST_OVERDUE)
            if include_details and tables.has("cx__feedback_followups")
            else pd.DataFrame()
        ),
        inputs=inputs,
        rejections=rejections,
        topics=_dates(
            _optional(
                tables,
                "cx__topic_impact",
                MONTHLY.format(model="cx__topic_impact") + " and dimension = 'all'",
                off,
            ),
            "period_start",
        ),
        sentiment=_dates(
            _optional(
                tables,
                "cx__sentiment",
                MONTHLY.format(model="cx__sentiment") + " and dimension = 'all'",
                off,
            ),
            "period_start",
        ),
        reviews=_dates(
            _optional(
                tables,
                "cx__reviews",
                MONTHLY.format(model="cx__reviews") + " and dimension = 'all'",
                off,
            ),
            "period_start",
        ),
        negative_comments=(
            _negative_comments(tables, pd.Timestamp(newest).to_pydatetime())
            if include_details
            else pd.DataFrame()
        ),
        switched_off=off,
    )
