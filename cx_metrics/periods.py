"""The headline period that the dashboard and the demo's summary both show."""

from __future__ import annotations

from datetime import date, datetime, timedelta


def latest_full_month(newest_answer: datetime) -> date:
    """The last calendar month the survey answers cover completely: the month before the one
    that holds the day after the newest answer."""
    following = (newest_answer + timedelta(days=1)).date().replace(day=1)
    return (following - timedelta(days=1)).replace(day=1)
