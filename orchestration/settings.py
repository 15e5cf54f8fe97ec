"""The orchestration's settings, from environment variables, in one place. What the
definitions are built from (the schedule, the sensor) is read when they load; what a run reads
is the `cx_settings` resource (CxSettings), shown in the Dagster UI with the variable behind
each field. The dbt project, target and vars of a run are cx_metrics.project.DbtSettings."""

from __future__ import annotations

import os
from pathlib import Path

from dagster import ConfigurableResource, EnvVar

DEFAULT_CRON = "0 5 * * *"  # early morning
DEFAULT_TIMEZONE = "UTC"


def refresh_cron() -> str:
    """CX_REFRESH_CRON: when the daily refresh runs (default 05:00)."""
    return os.environ.get("CX_REFRESH_CRON", DEFAULT_CRON)


def refresh_timezone() -> str:
    """CX_REFRESH_TIMEZONE: the schedule's time zone (default UTC)."""
    return os.environ.get("CX_REFRESH_TIMEZONE", DEFAULT_TIMEZONE)


def sensor_interval() -> int:
    """CX_SENSOR_INTERVAL_SECONDS: how often the sensor looks for new loads (default 5)."""
    return int(os.environ.get("CX_SENSOR_INTERVAL_SECONDS", "5"))


def new_loads_path() -> Path | None:
    """CX_NEW_LOADS_PATH: the folder the new-loads sensor watches (default: the survey input's
    Parquet folder, when it is read from files)."""
    configured = os.environ.get("CX_NEW_LOADS_PATH")
    return Path(configured) if configured else None


class CxSettings(ConfigurableResource):
    """What a run reads: the `cx_settings` resource."""

    # CX_INPUT_MAX_AGE_HOURS: an input whose newest row is older is stale (a warning).
    input_max_age_hours: int = 48

    @classmethod
    def from_env(cls) -> CxSettings:
        """Each field from its variable (EnvVar: read when a run starts) where it is set when
        the definitions load; else the field's default."""
        fields = {}
        if os.environ.get("CX_INPUT_MAX_AGE_HOURS"):
            fields["input_max_age_hours"] = EnvVar.int("CX_INPUT_MAX_AGE_HOURS")
        return cls(**fields)
