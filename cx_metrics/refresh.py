"""``cx-metrics refresh``: seeds, input checks, models and tests, published only when all pass.

On DuckDB the steps run against a copy of the live file and the copy is swapped in at the end
(cx_metrics.publish), so readers never see a half-built file and never block the refresh. On
PostgreSQL and Spark the steps run on the target itself: dbt builds each table or view under
a temporary name and swaps it in within a transaction (PostgreSQL) or replaces it in one
statement (Spark), so a reader sees each model's old or new version.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from cx_metrics import project as cx_project
from cx_metrics.profile import duckdb_file, path_variable, target_credentials
from cx_metrics.project import DbtSettings
from cx_metrics.publish import BlueGreen, PublishError
from cx_metrics.serving import ServingSettings


def live_file(settings: DbtSettings) -> Path | None:
    """The DuckDB file the target writes, or None on another engine."""
    if settings.project_dir == cx_project.DEMO_PROJECT.resolve():
        cx_project.duckdb_path()  # the demo profile's default file, made absolute
    return duckdb_file(target_credentials(settings))


def steps(settings: DbtSettings, docs: bool = False) -> list[tuple[str, list[str]]]:
    """The refresh's commands, in order; each must pass for the next to run. With docs, also
    `dbt docs generate` (its catalog read from what is about to be published: on DuckDB the
    live file is open to readers, which dbt's read-write connection would conflict with)."""
    dbt = cx_project.dbt_executable()
    options = [*settings.project_options(), *settings.options()]
    commands = [
        ("dbt seed", [dbt, "seed", *options]),
        ("input checks", [sys.executable, "-m", "cx_metrics.cli", "validate", *options]),
        ("dbt build", [dbt, "build", *options]),
    ]
    return commands + ([("dbt docs generate", [dbt, "docs", "generate", *options])] if docs else [])


def run_step(name: str, command: Sequence[str], env: dict[str, str], keep: Sequence[int]) -> None:
    """Run one step in a child process; stop the child if this process is told to stop."""
    print(f"cx-metrics refresh: {name}", flush=True)
    # pass_fds: the child holds the refresh lock too, so an orphaned child still excludes
    # another refresh from the same files.
    child = subprocess.Popen(command, env=env, pass_fds=tuple(keep))
    try:
        code = child.wait()
    except BaseException:
        child.terminate()
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
        raise
    if code != 0:
        raise PublishError(f"{name} failed (exit code {code}); nothing was published")


def _raise_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through the cleanup of the build copy


def refresh(settings: DbtSettings, docs: bool = False) -> int:
    """Run the steps, publishing on DuckDB; 0 when the refresh published."""
    signal.signal(signal.SIGTERM, _raise_on_sigterm)
    live = live_file(settings)
    if live is None:
        for name, command in steps(settings, docs):
            run_step(name, command, dict(os.environ), ())
        print("cx-metrics refresh: done (dbt replaced each relation on the target)")
        return 0
    blue_green = BlueGreen(live)
    variables = build_variables(settings, blue_green.build)
    if variables is None:
        raise PublishError(path_advice(settings))
    with blue_green:
        env = {**os.environ, **variables}
        for name, command in steps(settings, docs):
            run_step(name, command, env, (blue_green.lock_fd,))
        serving = ServingSettings.from_env(live)
        blue_green.publish(serving.write_from)
    for what, where in {"published": str(live), **serving.describe()}.items():
        print(f"cx-metrics refresh: {what.replace('_', ' ')} {where}")
    return 0


def build_variables(settings: DbtSettings, build: Path) -> dict[str, str] | None:
    """The environment variable that points the target's DuckDB path at build (the one its
    profiles.yml reads the path from, checked by rendering the profile with it), or None
    when the profile writes the path out."""
    name = path_variable(settings)
    if name is None:
        return None
    variables = {name: str(build)}
    saved = set_environment(variables)
    try:
        path = live_file(settings)
    finally:
        restore_environment(saved)
    return variables if path is not None and path.resolve() == build else None


def set_environment(variables: dict[str, str]) -> dict[str, str | None]:
    """Set variables in this process's environment; what they were, for restore_environment."""
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    return saved


def restore_environment(saved: dict[str, str | None]) -> None:
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def path_advice(settings: DbtSettings) -> str:
    return (
        f"the DuckDB target in {settings.profiles_dir / 'profiles.yml'} writes its path out, so a"
        " refresh cannot point dbt at a copy of the file. Read it from an environment variable:"
        " path: \"{{ env_var('CX_DUCKDB_PATH', '/path/to/file.duckdb') }}\" (any name works)"
    )


def main(
    project: str | None,
    profiles: str | None,
    target: str | None,
    dbt_vars: str | None,
    docs: bool = False,
) -> int:
    try:
        return refresh(DbtSettings.resolve(project, profiles, target, dbt_vars), docs)
    except PublishError as error:
        print(f"cx-metrics refresh: {error}", file=sys.stderr)
        return 1
