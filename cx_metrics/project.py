"""Where the dbt project and its DuckDB file are, and how to run dbt on them."""

from __future__ import annotations

import os
from pathlib import Path

from dbt.cli.main import dbtRunner, dbtRunnerResult

DEFAULT_DUCKDB_FILE = "cx_metrics.duckdb"


def project_dir() -> Path:
    """The cx_metrics dbt project: $CX_PROJECT_DIR, else the checkout this package lives in."""
    configured = os.environ.get("CX_PROJECT_DIR")
    candidates = [Path(configured)] if configured else []
    candidates += [Path(__file__).resolve().parents[1], Path.cwd()]
    for candidate in candidates:
        if (candidate / "dbt_project.yml").is_file():
            return candidate.resolve()
    raise SystemExit(
        "cx-metrics: no dbt_project.yml found; run from the cx_metrics checkout "
        "or set CX_PROJECT_DIR to it."
    )


def duckdb_path() -> Path:
    """The DuckDB file of the default target, made absolute so dbt and readers agree on it."""
    configured = os.environ.get("CX_DUCKDB_PATH")
    path = Path(configured) if configured else project_dir() / DEFAULT_DUCKDB_FILE
    path = path if path.is_absolute() else Path.cwd() / path
    os.environ["CX_DUCKDB_PATH"] = str(path)
    return path


def duckdb_config() -> dict[str, str]:
    """DuckDB settings shared by dbt (profiles.yml) and our own connections: the memory limit
    from $CX_DUCKDB_MEMORY_LIMIT (DuckDB's default, 80% of RAM, when unset)."""
    return {"memory_limit": os.environ.get("CX_DUCKDB_MEMORY_LIMIT", "80%")}


def run_dbt(args: list[str]) -> dbtRunnerResult:
    """Invoke dbt in process on the project, with the project's own profiles.yml."""
    duckdb_path()
    root = project_dir()
    return dbtRunner().invoke([*args, "--project-dir", str(root), "--profiles-dir", str(root)])
