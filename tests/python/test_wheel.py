"""The Python package as a user installs it: the built wheel, pip-installed into a clean virtual
environment with one extra at a time, run on the shop project (consumer.py) from outside this
checkout. First `[validate]` alone: `cx-metrics validate` passes, and the commands of the other
extras name the extra to install. Then `[all]`: the Dagster definitions of the shop project
run its cx_refresh job, which builds, validates, publishes and renders the dashboard.

The installs read PyPI (or pip's cache), as `make install` does; about a minute in all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from consumer import COLUMNS, INPUTS, load_duckdb, make_consumer_project
from test_consumer import assert_hand_values, duckdb_query, observed
from test_consumer_orchestration import EVENT_TIME

REPO = Path(__file__).resolve().parents[2]
DEVTOOLS = REPO / "devtools"

pytestmark = pytest.mark.slow

# Run by the wheel's Python: the shop project's definitions and their cx_refresh job; prints
# what the run materialized (with row counts and what was published) and its checks.
RUN_DEFINITIONS = """
import json, sys
from dagster import DagsterInstance
from cx_metrics.orchestration import build_definitions
defs = build_definitions(project_dir=sys.argv[1], profiles_dir=sys.argv[1])
result = defs.resolve_job_def("cx_refresh").execute_in_process(
    instance=DagsterInstance.ephemeral(), raise_on_error=False
)
plain = lambda metadata: {k: getattr(v, "value", str(v)) for k, v in metadata.items()}
print(json.dumps({
    "success": result.success,
    "materialized": {
        "/".join(e.materialization.asset_key.path): plain(e.materialization.metadata)
        for e in result.get_asset_materialization_events()
    },
    "checks": {
        c.asset_key.path[-1] + "/" + c.check_name: {"passed": c.passed, **plain(c.metadata)}
        for c in result.get_asset_check_evaluations()
    },
}, default=str))
"""


def _tree(source: Path) -> list[str]:
    """The files of this checkout a clone would have, uncommitted ones included."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=source,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [name for name in listed.split("\0") if name and (source / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the checkout (setuptools writes into its source tree)."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    for name in _tree(REPO):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_bytes((REPO / name).read_bytes())
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(root / "dist"), "."], source)
    (built,) = (root / "dist").glob("cx_metrics-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean virtual environment: none of this suite's packages."""
    folder = tmp_path_factory.mktemp("venv") / "venv"
    _run([sys.executable, "-m", "venv", str(folder)], folder.parent)
    return folder / "bin"


@pytest.fixture(scope="module")
def validate_only(wheel: Path, venv: Path) -> Path:
    """venv with the wheel and its [validate] extra: its bin folder."""
    _install(venv, wheel, "validate")
    return venv


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The shop project and its typed inputs; the environment its commands run in (none of this
    checkout's dbt or cx settings, and no way back to this checkout's demo)."""
    root = tmp_path_factory.mktemp("wheel_shop")
    project, db = make_consumer_project(root), root / "analytics.duckdb"
    load_duckdb(db, INPUTS)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBT_", "CX_"))}
    env.update(SHOP_DUCKDB_PATH=str(db), DBT_SEND_ANONYMOUS_USAGE_STATS="0", VIRTUAL_ENV="")
    return project, env


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{command}: {done.stdout[-3000:]}{done.stderr[-3000:]}"
    return done.stdout


def _install(bin_dir: Path, wheel: Path, extra: str) -> None:
    # --no-compile: byte-compiling every installed module would double the install's time.
    _run([str(bin_dir / "pip"), "install", "-q", "--no-compile", f"{wheel}[{extra}]"], wheel.parent)


def test_no_dev_only_module_ships(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {Path(name).name for name in names if name.endswith(".py")}
    dev_only = {path.name for path in DEVTOOLS.glob("*.py")} - {"__init__.py"}
    assert dev_only and not dev_only & shipped, dev_only & shipped
    assert not [n for n in names if n.startswith(("devtools/", "tests/", "integration_tests/"))]
    # Every module of the package ships: cx_metrics/ and the folders installed under it.
    homes = {"cx_metrics": "cx_metrics", "expectations": "cx_metrics/expectations"}
    homes["orchestration"] = "cx_metrics/orchestration"
    modules = {
        f"{home}/{path.relative_to(REPO / folder).as_posix()}"
        for folder, home in homes.items()
        for path in (REPO / folder).rglob("*.py")
    }
    assert modules - set(names) == set()


def test_validate_extra_alone(validate_only, shop):
    venv, (project, env) = validate_only, shop
    # As a user types it first: in the project's folder, with no --project-dir.
    out = _run([str(venv / "cx-metrics"), "validate"], project, env)
    lines = out.splitlines()
    for name, rows in INPUTS.items():
        assert any(
            line.startswith(f"{name} (")
            and '"raw"' in line
            and line.endswith(f": {len(rows)} rows")
            for line in lines
        ), name
    assert lines[-1].startswith("Validation passed")
    # Data Docs land in the shop project's target folder.
    assert (project / "target" / "cx_validation" / "data_docs" / "index.html").is_file()
    # The other roles' commands, and another engine's target, name the extra to install.
    for command, extra in [
        (["dashboard"], "dashboard"),
        (["validate", "--target", "spark"], "spark"),
    ]:
        done = subprocess.run(
            [str(venv / "cx-metrics"), *command],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode != 0
        assert f"pip install 'cx-metrics[{extra}]'" in done.stderr, done.stderr
    dagster = subprocess.run(
        [str(venv / "python"), "-c", "import cx_metrics.orchestration"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert "pip install 'cx-metrics[dagster]'" in dagster.stderr, dagster.stderr


def test_no_project_is_a_clear_message(validate_only, shop, tmp_path):
    done = subprocess.run(
        [str(validate_only / "cx-metrics"), "validate"],
        cwd=tmp_path,
        env=shop[1],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "Pass --project-dir (or set CX_DBT_PROJECT_DIR)" in done.stderr, done.stderr
    assert "site-packages" not in done.stderr


def _utc(text: str) -> datetime:
    """An input timestamp as naive UTC (text without an offset is UTC)."""
    value = datetime.fromisoformat(text)
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def _column(table: str, column: str) -> list[str | None]:
    position = [name for name, _ in COLUMNS[table]].index(column)
    return [row[position] for row in INPUTS[table]]


def test_all_extra_runs_the_dagster_definitions(wheel, validate_only, shop):
    """After [validate], [all]: the shop's cx_refresh job runs green, from its own profile."""
    venv, (project, env) = validate_only, shop
    _install(venv, wheel, "all")
    out = _run([str(venv / "python"), "-c", RUN_DEFINITIONS, str(project)], project, env)
    result = json.loads(out.splitlines()[-1])
    assert result["success"]
    built = result["materialized"]
    # orders.sql: 3 orders of 2 customers; monthly_nps: the UTC months of the NPS answers.
    nps_months = {
        _utc(at).strftime("%Y-%m")
        for kind, at in zip(
            _column("survey_responses", "survey_type"),
            _column("survey_responses", "responded_at"),
            strict=True,
        )
        if kind == "nps"
    }
    shop_models = ("shop/orders", "shop/customers", "shop/monthly_nps")
    counts = {key: built[key]["dagster/row_count"] for key in shop_models}
    assert counts == {"shop/orders": 3, "shop/customers": 2, "shop/monthly_nps": len(nps_months)}
    for name, column in EVENT_TIME.items():
        validation = result["checks"][f"{name}/great_expectations"]
        assert validation["passed"] and validation["rows"] == len(INPUTS[name])
        newest = max(_utc(at) for at in _column(name, column) if at)
        assert result["checks"][f"{name}/freshness"]["newest_row_at"] == str(newest)
    # Built on a copy (the profile reads its path from SHOP_DUCKDB_PATH), then published; the
    # dashboard rendered from it, self-contained.
    assert built["publish/duckdb_file"]["published"] == env["SHOP_DUCKDB_PATH"]
    assert_hand_values(observed(duckdb_query(Path(env["SHOP_DUCKDB_PATH"]))))
    assert "dashboard/cx_dashboard" in built
    page = (project / "cx_dashboard.html").read_text()
    assert "plotly" in page.lower() and '<script src="http' not in page
