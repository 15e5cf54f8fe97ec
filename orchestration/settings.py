"""Schedule and freshness settings, from environment variables. The dbt project, target and
vars of a run are cx_metrics.project.DbtSettings."""

from __future__ import annotations

import os

DEFAULT_CRON = "0 5 * * *"  # early morning
DEFAULT_TIMEZONE = "UTC"


def refresh_cron() -> str:
    """CX_REFRESH_CRON: when the daily refresh runs (default 05:00)."""
    return os.environ.get("CX_REFRESH_CRON", DEFAULT_CRON)


def refresh_timezone() -> str:
    """CX_REFRESH_TIMEZONE: the schedule's time zone (default UTC)."""
    return os.environ.get("CX_REFRESH_TIMEZONE", DEFAULT_TIMEZONE)


def input_max_age_hours() -> float:
    """CX_INPUT_MAX_AGE_HOURS: an input whose newest row is older than this is stale (48)."""
    return float(os.environ.get("CX_INPUT_MAX_AGE_HOURS", "48"))
