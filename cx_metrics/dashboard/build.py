"""Render the dashboard of a project's metric tables to a file (the CLI and Dagster call this)."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from cx_metrics.dashboard import page
from cx_metrics.dashboard.datasets import load
from cx_metrics.dashboard.tables import open_tables
from cx_metrics.dashboard.tiles import Significance, headline_tiles
from cx_metrics.project import REPO, DbtSettings

DEFAULT_FILE = "cx_dashboard.html"


def dashboard_path(settings: DbtSettings, out: str | Path | None = None) -> Path:
    """--out, else $CX_DASHBOARD_PATH, else cx_dashboard.html in the dbt project's folder."""
    chosen = out or os.environ.get("CX_DASHBOARD_PATH")
    path = Path(chosen) if chosen else settings.project_dir / DEFAULT_FILE
    return path if path.is_absolute() else Path.cwd() / path


def _var(settings: DbtSettings, name: str) -> object:
    """A var as the build sees it: --vars, then the project's dbt_project.yml (global or under
    cx_metrics), then the package's default."""
    given = yaml.safe_load(settings.vars) if settings.vars else None
    if isinstance(given, dict) and name in given:
        return given[name]
    for project in (settings.project_dir, REPO):
        config = yaml.safe_load((project / "dbt_project.yml").read_text()).get("vars") or {}
        for scope in (config.get("cx_metrics") or {}, config):
            if isinstance(scope, dict) and name in scope:
                return scope[name]
    return None


def significance(settings: DbtSettings) -> Significance:
    alpha = _var(settings, "cx_significance_alpha")
    minimum = _var(settings, "cx_min_responses_for_significance")
    default = Significance()
    return Significance(
        float(alpha) if alpha is not None else default.alpha,
        int(minimum) if minimum is not None else default.min_count,
    )


def render_dashboard(
    settings: DbtSettings, out: str | Path | None = None, include_details: bool = False
) -> Path:
    """Read the tables, draw the page and write it; TableError when there is nothing to draw
    (the file already at `out` is then left as it was)."""
    data = load(open_tables(settings), include_details=include_details)
    tiles = headline_tiles(data, significance(settings))
    path = dashboard_path(settings, out)
    page.write(page.render(data, tiles, include_details, page.now()), path)
    return path
