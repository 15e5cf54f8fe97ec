"""Which dbt project the tools run on, where its DuckDB file is, and how to run dbt on it.

By default that is this checkout's integration_tests/ project (the demo). A user's own dbt
project that installs the package is chosen with --project-dir (and --profiles-dir) on the
command line, or with $CX_DBT_PROJECT_DIR and $CX_DBT_PROFILES_DIR.
"""

from __future__ import annotations

import os
from pathlib import Path

from dbt.cli.main import dbtRunner, dbtRunnerResult

REPO = Path(__file__).resolve().parents[1]
DEMO_PROJECT = REPO / "integration_tests"
DEFAULT_DUCKDB_FILE = "cx_metrics.duckdb"


def project_dir() -> Path:
    """The dbt project: $CX_DBT_PROJECT_DIR, else this checkout's integration_tests project."""
    path = Path(os.environ.get("CX_DBT_PROJECT_DIR") or DEMO_PROJECT).resolve()
    if not (path / "dbt_project.yml").is_file():
        raise SystemExit(
            f"cx-metrics: no dbt_project.yml in {path}; pass --project-dir (or set"
            " CX_DBT_PROJECT_DIR) to the dbt project that installs cx_metrics."
        )
    return path


def profiles_dir(project: Path) -> Path:
    """$CX_DBT_PROFILES_DIR or $DBT_PROFILES_DIR, else the project's own folder when it has a
    profiles.yml, else dbt's default (~/.dbt)."""
    configured = os.environ.get("CX_DBT_PROFILES_DIR") or os.environ.get("DBT_PROFILES_DIR")
    if configured:
        return Path(configured).resolve()
    return project if (project / "profiles.yml").is_file() else Path.home() / ".dbt"


def option(args: list[str], name: str) -> str | None:
    """The value of a dbt command-line option (--name value) in args, or None."""
    return args[args.index(name) + 1] if name in args[:-1] else None


def project_options(args: list[str]) -> list[str]:
    """--project-dir and --profiles-dir for a dbt command: those in args, else the defaults."""
    project = Path(option(args, "--project-dir") or project_dir()).resolve()
    profiles = option(args, "--profiles-dir") or str(profiles_dir(project))
    return ["--project-dir", str(project), "--profiles-dir", profiles]


def duckdb_path() -> Path:
    """The demo's DuckDB file ($CX_DUCKDB_PATH, else cx_metrics.duckdb in the demo project),
    made absolute and exported so that dbt's profile and our readers agree on it."""
    configured = os.environ.get("CX_DUCKDB_PATH")
    path = Path(configured) if configured else DEMO_PROJECT / DEFAULT_DUCKDB_FILE
    path = path if path.is_absolute() else Path.cwd() / path
    os.environ["CX_DUCKDB_PATH"] = str(path)
    return path


def duckdb_config() -> dict[str, str]:
    """DuckDB settings shared by dbt (profiles.yml) and our own connections: the memory limit
    from $CX_DUCKDB_MEMORY_LIMIT (DuckDB's default, 80% of RAM, when unset)."""
    return {"memory_limit": os.environ.get("CX_DUCKDB_MEMORY_LIMIT", "80%")}


def ensure_packages(project: Path, profiles: str) -> None:
    """`dbt deps` once for a project whose packages are not installed yet (a fresh clone)."""
    if (project / "packages.yml").is_file() and not (project / "dbt_packages").is_dir():
        dbtRunner().invoke(
            ["deps", "--quiet", "--project-dir", str(project), "--profiles-dir", profiles]
        )


def run_dbt(args: list[str]) -> dbtRunnerResult:
    """Invoke dbt in process on the project (args may name --project-dir/--profiles-dir)."""
    duckdb_path()
    options = project_options(args)
    ensure_packages(Path(options[1]), options[3])
    rest = [a for i, a in enumerate(args) if not _is_project_option(args, i)]
    return dbtRunner().invoke([*rest, *options])


def _is_project_option(args: list[str], i: int) -> bool:
    names = ("--project-dir", "--profiles-dir")
    return args[i] in names or (i > 0 and args[i - 1] in names)
