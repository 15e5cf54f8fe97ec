"""The dbt project as Dagster sees it, with its manifest prepared and its build folders pruned."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from dagster_dbt import DbtProject

from cx_metrics.orchestration.settings import dbt_options, dbt_target
from cx_metrics.project import project_dir, run_dbt

KEEP_BUILD_FOLDERS = 5


def cx_dbt_project() -> DbtProject:
    root = project_dir()
    project = DbtProject(project_dir=root, profiles_dir=root, target=dbt_target())
    # `dagster dev` re-parses on every start; any other import (tests, a deployment) parses
    # once if the manifest is missing, so definitions always load on a fresh clone. dbt runs in
    # process (parsing opens no database), so no `dbt` on PATH is needed.
    if os.environ.get("DAGSTER_IS_DEV_CLI") or not project.manifest_path.exists():
        result = run_dbt(
            ["parse", "--quiet", "--target-path", str(project.manifest_path.parent), *dbt_options()]
        )
        if not result.success:
            raise RuntimeError(f"dbt parse failed: {result.exception}")
    return project


def prune_build_folders(target: Path, keep: int = KEEP_BUILD_FOLDERS) -> None:
    """dagster-dbt gives every dbt invocation its own folder under target/: keep the newest."""
    folders = sorted(
        (p for p in target.glob("cx_dbt_*-*") if p.is_dir()) if target.exists() else [],
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in folders[keep:]:
        shutil.rmtree(old, ignore_errors=True)
