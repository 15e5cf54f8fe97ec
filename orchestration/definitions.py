"""The Dagster code location of cx_metrics: `dagster dev` loads it ([tool.dagster] in
pyproject.toml). Its dbt project is cx_metrics.project.project_dir()'s: $CX_DBT_PROJECT_DIR
(profiles: $CX_DBT_PROFILES_DIR), else the folder it runs in, else a checkout's demo. For a
project of your own in code, call
cx_metrics.orchestration.build_definitions(project_dir=..., profiles_dir=...)."""

from __future__ import annotations

from cx_metrics.orchestration.factory import build_definitions

defs = build_definitions()
