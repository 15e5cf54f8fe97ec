"""Run settings from environment variables, shared by the dbt build and the validation check."""

from __future__ import annotations

import os

DEFAULT_CRON = "0 5 * * *"  # early morning
DEFAULT_TIMEZONE = "UTC"


def dbt_target() -> str | None:
    """CX_DBT_TARGET: the dbt target (default: the profile's default, duckdb)."""
    return os.environ.get("CX_DBT_TARGET") or None


def dbt_vars() -> str | None:
    """CX_DBT_VARS: dbt vars as YAML, e.g. '{cx_source_schema: raw}' (default: none)."""
    return os.environ.get("CX_DBT_VARS") or None


def dbt_options() -> list[str]:
    """The --target/--vars options every dbt or validation command of a run gets."""
    options = []
    if dbt_target():
        options += ["--target", dbt_target()]
    if dbt_vars():
        options += ["--vars", dbt_vars()]
    return options


def refresh_cron() -> str:
    """CX_REFRESH_CRON: when the daily refresh runs (default 05:00)."""
    return os.environ.get("CX_REFRESH_CRON", DEFAULT_CRON)


def refresh_timezone() -> str:
    """CX_REFRESH_TIMEZONE: the schedule's time zone (default UTC)."""
    return os.environ.get("CX_REFRESH_TIMEZONE", DEFAULT_TIMEZONE)


def input_max_age_hours() -> float:
    """CX_INPUT_MAX_AGE_HOURS: an input whose newest row is older than this is stale (48)."""
    return float(os.environ.get("CX_INPUT_MAX_AGE_HOURS", "48"))
