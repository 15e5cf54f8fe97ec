"""The dbt project as Dagster sees it (a dagster-dbt DbtProject), its manifest prepared as
`DbtProject.prepare_if_dev()` would, and dagster-dbt's per-run build folders pruned.

dagster-dbt's own preparer runs a bare `dbt` from PATH (its DbtCliResource default, which a
DbtProject cannot change) and passes no --vars: here dbt parses in process instead, with the
run's target and vars, so no activated virtual environment is needed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from dagster_dbt import DbtProject

from cx_metrics.project import DbtSettings, run_dbt, target_root

KEEP_BUILD_FOLDERS = 5
# Which profiles, target and vars the manifest beside it was parsed with.
PARSE_STAMP = "cx_dagster_parse.json"


def cx_dbt_project(settings: DbtSettings) -> DbtProject:
    """The DbtProject, with a manifest parsed for these settings."""
    project = DbtProject(
        project_dir=settings.project_dir,
        target_path=target_root(settings.project_dir),
        profiles_dir=settings.profiles_dir,
        target=settings.target,
    )
    if _needs_parse(project, settings):
        parse(project, settings)
    return project


def _stamp(settings: DbtSettings) -> str:
    return json.dumps([str(settings.profiles_dir), settings.target, settings.vars])


def _needs_parse(project: DbtProject, settings: DbtSettings) -> bool:
    """Under `dagster dev` always (as prepare_if_dev); elsewhere when the manifest is missing,
    was parsed with other settings, or was rewritten since (by another dbt command)."""
    stamp = project.manifest_path.parent / PARSE_STAMP
    if project.preparer.using_dagster_dev() or not stamp.exists():
        return True
    if not project.manifest_path.exists() or stamp.read_text() != _stamp(settings):
        return True
    return project.manifest_path.stat().st_mtime > stamp.stat().st_mtime


def parse(project: DbtProject, settings: DbtSettings) -> None:
    """`dbt parse` in process (parsing opens no database); `dbt deps` first on a fresh clone.
    Its partial_parse.msgpack is the one dagster-dbt copies into each run's folder."""
    folder = project.manifest_path.parent
    result = run_dbt(
        [
            "parse",
            "--quiet",
            "--target-path",
            str(folder),
            *settings.project_options(),
            *settings.options(),
        ]
    )
    if not result.success:
        raise RuntimeError(f"dbt parse of {settings.project_dir} failed: {result.exception}")
    (folder / PARSE_STAMP).write_text(_stamp(settings))


def prune_build_folders(project_dir: Path, keep: int = KEEP_BUILD_FOLDERS) -> None:
    """dagster-dbt gives every dbt invocation its own folder under the target folder (named
    after the op, or cx_dbt_input_checks for the freshness query): keep the newest."""
    target = target_root(project_dir)
    folders = sorted(
        (p for p in target.glob("cx_dbt_*-*") if p.is_dir()) if target.exists() else [],
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in folders[keep:]:
        shutil.rmtree(old, ignore_errors=True)
