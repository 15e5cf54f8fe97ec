"""Render the dashboard of a project's metric tables to a file (the CLI and Dagster call this)."""

from __future__ import annotations

import os
from pathlib import Path

from cx_metrics.dashboard import page
from cx_metrics.dashboard.datasets import load
from cx_metrics.dashboard.tables import open_tables
from cx_metrics.dashboard.tiles import headline_tiles
from cx_metrics.project import DbtSettings

DEFAULT_FILE = "cx_dashboard.html"


def dashboard_path(settings: DbtSettings, out: str | Path | None = None) -> Path:
    """--out, else $CX_DASHBOARD_PATH, else cx_dashboard.html in the dbt project's folder."""
    chosen = out or os.environ.get("CX_DASHBOARD_PATH")
    path = Path(chosen) if chosen else settings.project_dir / DEFAULT_FILE
    return path if path.is_absolute() else Path.cwd() / path


def render_dashboard(
    settings: DbtSettings, out: str | Path | None = None, include_details: bool = False
) -> Path:
    """Read the tables, draw the page and write it; TableError when there is nothing to draw
    (the file already at `out` is then left as it was)."""
    data = load(open_tables(settings), include_details=include_details)
    tiles = headline_tiles(data)
    path = dashboard_path(settings, out)
    page.write(page.render(data, tiles, include_details, page.now()), path)
    return path
