"""The dbt target a command runs on, read from the project's profile as dbt renders it."""

from __future__ import annotations

import os
import re
from argparse import Namespace
from pathlib import Path
from typing import Any

import yaml
from dbt.config.profile import Profile, read_profile
from dbt.config.renderer import ProfileRenderer
from dbt.flags import set_from_args
from dbt_common.context import set_invocation_context
from dbt_common.exceptions import DbtRuntimeError

from cx_metrics.extras import explain_missing_adapter
from cx_metrics.project import DbtSettings

ENV_VAR = re.compile(r"""env_var\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]""")


def target_credentials(settings: DbtSettings) -> Any:
    """The adapter credentials (``.type``, and ``.path`` on DuckDB) of the project's profile
    and target, rendered with the current environment and the --vars given, as dbt would."""
    return _profile(settings).credentials


def path_variable(settings: DbtSettings) -> str | None:
    """The environment variable the DuckDB target's ``path`` is read from (its profiles.yml
    says ``path: "{{ env_var('NAME', ...) }}"``), or None when the path is written out."""
    profile = _profile(settings)
    raw = read_profile(str(settings.profiles_dir))[profile.profile_name]["outputs"][
        profile.target_name
    ]
    names = ENV_VAR.findall(str(raw.get("path", "")))
    return names[0] if len(names) == 1 else None


def _profile(settings: DbtSettings) -> Any:
    set_from_args(Namespace(profiles_dir=str(settings.profiles_dir)), None)
    set_invocation_context(dict(os.environ))  # env_var() in profiles.yml reads this
    name = yaml.safe_load((settings.project_dir / "dbt_project.yml").read_text())["profile"]
    cli_vars = yaml.safe_load(settings.vars) if settings.vars else {}
    try:
        return Profile.from_raw_profiles(
            read_profile(str(settings.profiles_dir)),
            name,
            ProfileRenderer(cli_vars or {}),
            target_override=settings.target,
        )
    except DbtRuntimeError as error:
        explain_missing_adapter(error, settings.target)
        raise


def duckdb_file(credentials: Any) -> Path | None:
    """The DuckDB file a DuckDB target writes (relative paths from the working folder, as
    dbt-duckdb opens them), or None for another engine or an in-memory database."""
    if credentials.type != "duckdb":
        return None
    path = str(credentials.path)
    if path == ":memory:" or path.startswith(("md:", "motherduck:")) or "://" in path:
        return None
    return Path(path) if Path(path).is_absolute() else Path.cwd() / path
