"""Which dbt project the tools run on, where its DuckDB file is, and how to run dbt on it.

A user's own dbt project that installs the package is chosen with --project-dir (and
--profiles-dir) on the command line, with $CX_DBT_PROJECT_DIR and $CX_DBT_PROFILES_DIR, or by
running the command in the project's folder. In a checkout of this repository the default is
its integration_tests/ project (the demo); an installed wheel has no demo project and says so.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dbt.cli.main import dbtRunner, dbtRunnerResult
from dbt.contracts.graph.manifest import Manifest

from cx_metrics.extras import explain_missing_adapter

REPO = Path(__file__).resolve().parents[1]
DEMO_PROJECT = REPO / "integration_tests"
DEFAULT_DUCKDB_FILE = "cx_metrics.duckdb"


NO_PROJECT = (
    "cx-metrics: which dbt project? Pass --project-dir (or set CX_DBT_PROJECT_DIR) to the dbt"
    " project that installs the cx_metrics package, or run the command in its folder. (The demo"
    " project, integration_tests/, exists only in a checkout of the repository.)"
)


def demo_project() -> Path:
    """This checkout's demo project; a clear message where there is none (a wheel install)."""
    if not (DEMO_PROJECT / "dbt_project.yml").is_file():
        raise SystemExit(NO_PROJECT)
    return DEMO_PROJECT


def project_dir() -> Path:
    """The dbt project: $CX_DBT_PROJECT_DIR, else the current folder when it is a dbt project
    (not this repository's root, the package itself), else this checkout's demo project."""
    here = Path.cwd()
    own = (here / "dbt_project.yml").is_file() and here.resolve() != REPO
    configured = os.environ.get("CX_DBT_PROJECT_DIR") or (here if own else None)
    path = Path(configured or demo_project()).resolve()
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


def dbt_executable() -> str:
    """The dbt installed beside this Python, whether or not its bin folder is on PATH."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def duckdb_path() -> Path:
    """The demo's DuckDB file ($CX_DUCKDB_PATH, else cx_metrics.duckdb in the demo project),
    made absolute and exported so that dbt's profile and our readers agree on it."""
    configured = os.environ.get("CX_DUCKDB_PATH")
    path = Path(configured) if configured else demo_project() / DEFAULT_DUCKDB_FILE
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


def target_root(project_dir: Path) -> Path:
    """dbt's artifact folder as dagster-dbt resolves it: $DBT_TARGET_PATH, else target/."""
    return project_dir / os.environ.get("DBT_TARGET_PATH", "target")


def own_target_folder(project_dir: Path, prefix: str) -> Path:
    """A new target folder for one command (a refresh writing target/ at the same time is not
    disturbed), holding the project's last parse (partial_parse.msgpack): without it dbt
    parses every file, with it only what changed (it checks the vars, profile and files, and
    parses in full when they differ)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    saved = target_root(project_dir) / "partial_parse.msgpack"
    if saved.is_file():
        shutil.copyfile(saved, folder / saved.name)
    return folder


def run_dbt(args: list[str], manifest: Manifest | None = None) -> dbtRunnerResult:
    """Invoke dbt in process on the project (args may name --project-dir/--profiles-dir);
    with manifest, a manifest this process parsed already (dbt then skips its parse)."""
    options = project_options(args)
    if os.environ.get("CX_DUCKDB_PATH") or Path(options[1]) == DEMO_PROJECT.resolve():
        duckdb_path()
    ensure_packages(Path(options[1]), options[3])
    rest = [a for i, a in enumerate(args) if not _is_project_option(args, i)]
    result = dbtRunner(manifest=manifest).invoke([*rest, *options])
    if result.exception is not None:
        explain_missing_adapter(result.exception, option(rest, "--target"))
    return result


def close_duckdb_in_process() -> None:
    """Close the database dbt-duckdb keeps open in this process after a command (keep_open),
    so that another process, or a later step, can open the file."""
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    except ImportError:  # no dbt-duckdb: nothing was opened
        return
    with contextlib.suppress(Exception):  # none open: nothing to close
        DuckDBConnectionManager.env().close()
    DuckDBConnectionManager.close_all_connections()


def _is_project_option(args: list[str], i: int) -> bool:
    names = ("--project-dir", "--profiles-dir")
    return args[i] in names or (i > 0 and args[i - 1] in names)


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
        project: str | Path | None = None,
        profiles: str | Path | None = None,
        target: str | None = None,
        dbt_vars: str | Mapping[str, object] | None = None,
    ) -> DbtSettings:
        """Arguments first, then CX_DBT_PROJECT_DIR / CX_DBT_PROFILES_DIR (or DBT_PROFILES_DIR),
        CX_DBT_TARGET and CX_DBT_VARS; the default project is project_dir()'s."""
        folder = Path(project).resolve() if project else project_dir()
        chosen = Path(profiles).resolve() if profiles else profiles_dir(folder)
        if isinstance(dbt_vars, Mapping):
            dbt_vars = json.dumps(dbt_vars)
        return cls(folder, chosen, target or dbt_target(), dbt_vars or env_dbt_vars())

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
