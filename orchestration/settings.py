"""Run settings: the dbt project a code location runs (with its target and vars), and the
schedule and freshness settings, from arguments or environment variables."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cx_metrics import project as cx_project

DEFAULT_CRON = "0 5 * * *"  # early morning
DEFAULT_TIMEZONE = "UTC"


@dataclass(frozen=True)
class DbtSettings:
    """The dbt project that installs cx_metrics, and the target and vars of every command."""

    project_dir: Path
    profiles_dir: Path
    target: str | None = None
    vars: str | None = None

    @classmethod
    def resolve(
        cls,
        project_dir: str | Path | None = None,
        profiles_dir: str | Path | None = None,
        target: str | None = None,
        dbt_vars: str | Mapping[str, object] | None = None,
    ) -> DbtSettings:
        """Arguments first, then CX_DBT_PROJECT_DIR / CX_DBT_PROFILES_DIR (or DBT_PROFILES_DIR),
        CX_DBT_TARGET and CX_DBT_VARS; the default project is integration_tests/ (the demo)."""
        project = Path(project_dir).resolve() if project_dir else cx_project.project_dir()
        if profiles_dir:
            profiles = Path(profiles_dir).resolve()
        else:
            profiles = cx_project.profiles_dir(project)
        if isinstance(dbt_vars, Mapping):
            dbt_vars = json.dumps(dbt_vars)
        return cls(project, profiles, target or dbt_target(), dbt_vars or env_dbt_vars())

    def options(self) -> list[str]:
        """--target and --vars, for every dbt and validation command of a run."""
        options = ["--target", self.target] if self.target else []
        return options + (["--vars", self.vars] if self.vars else [])

    def project_options(self) -> list[str]:
        """--project-dir and --profiles-dir."""
        return ["--project-dir", str(self.project_dir), "--profiles-dir", str(self.profiles_dir)]


def dbt_target() -> str | None:
    """CX_DBT_TARGET: the dbt target (default: the profile's default)."""
    return os.environ.get("CX_DBT_TARGET") or None


def env_dbt_vars() -> str | None:
    """CX_DBT_VARS: dbt vars as YAML, e.g. '{cx_source_schema: raw}' (default: none)."""
    return os.environ.get("CX_DBT_VARS") or None


def refresh_cron() -> str:
    """CX_REFRESH_CRON: when the daily refresh runs (default 05:00)."""
    return os.environ.get("CX_REFRESH_CRON", DEFAULT_CRON)


def refresh_timezone() -> str:
    """CX_REFRESH_TIMEZONE: the schedule's time zone (default UTC)."""
    return os.environ.get("CX_REFRESH_TIMEZONE", DEFAULT_TIMEZONE)


def input_max_age_hours() -> float:
    """CX_INPUT_MAX_AGE_HOURS: an input whose newest row is older than this is stale (48)."""
    return float(os.environ.get("CX_INPUT_MAX_AGE_HOURS", "48"))
