"""The refresh, in one definition (STEPS): ``cx-metrics refresh`` runs its steps in order, and
the Dagster job cx_refresh is built from them (orchestration/factory.py: refresh_job; a test
checks a run's order against STEPS).

On DuckDB the steps run against a copy of the live file and the copy is swapped in at the
publish step (cx_metrics.publish), so readers never see a half-built file and never block the
refresh. On PostgreSQL and Spark the steps run on the target itself: dbt builds each table or
view under a temporary name and swaps it in within a transaction (PostgreSQL) or replaces it in
one statement (Spark), so a reader sees each model's old or new version.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cx_metrics import project as cx_project
from cx_metrics.alerts.settings import alerts_enabled
from cx_metrics.extras import installed
from cx_metrics.profile import duckdb_file, path_variable, target_credentials
from cx_metrics.project import DbtSettings
from cx_metrics.publish import BlueGreen, PublishError
from cx_metrics.serving import ServingSettings

IN_PLACE = "in place: dbt replaced each relation on the target"
# The dbt tag (dbt_project.yml) of the models over the alert audit: with alerts on they are
# built after the alert round, on the copy that goes on after the metrics are published.
AFTER_THE_ROUND_TAG = "cx_after_alerts"
AFTER_THE_ROUND = f"tag:{AFTER_THE_ROUND_TAG}"


@dataclass(frozen=True)
class Step:
    name: str
    what: str


STEPS = (
    Step("seed", "dbt seed: the project's seeds (the input checks read the label map)"),
    Step("validate", "the blocking input checks (cx-metrics validate)"),
    Step("build", "dbt build: every model with its tests, on the build copy (DuckDB)"),
    Step(
        "alerts",
        "with CX_ALERTS=on: the alert round on the new queue, the metrics published, then the"
        " models that read the round's ledger",
    ),
    Step("publish", "the build copy swapped in, with the serving copy (DuckDB)"),
    Step("dashboard", "the dashboard re-rendered from what was published"),
)


def cx_command(name: str, settings: DbtSettings, *options: str) -> list[str]:
    """A `cx-metrics` command on the project, for a child process (the Python beside this)."""
    cli = [sys.executable, "-m", "cx_metrics.cli", name, *options]
    return [*cli, *settings.project_options(), *settings.options()]


def dbt_command(settings: DbtSettings, *args: str) -> list[str]:
    return [cx_project.dbt_executable(), *args, *settings.project_options(), *settings.options()]


def live_file(settings: DbtSettings) -> Path | None:
    """The DuckDB file the target writes, or None on another engine."""
    if settings.project_dir == cx_project.DEMO_PROJECT.resolve():
        cx_project.duckdb_path()  # the demo profile's default file, made absolute
    return duckdb_file(target_credentials(settings))


def run_step(
    name: str,
    command: Sequence[str],
    env: dict[str, str],
    keep: Sequence[int],
    outcome: str = "nothing was published",
) -> None:
    """Run one command in a child process; stop the child if this process is told to stop.
    outcome: what a failure leaves, for its message."""
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
        raise PublishError(f"{name} failed (exit code {code}); {outcome}")


def _raise_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through the cleanup of the build copy


@dataclass
class Refresh:
    """One `cx-metrics refresh`: a method per step of STEPS, run in its order. On DuckDB,
    blue_green holds the lock and the build copy, and env points the profile at the copy."""

    settings: DbtSettings
    docs: bool
    blue_green: BlueGreen | None = None
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    alerts_on: bool = field(default_factory=alerts_enabled)

    def run(self, name: str, command: Sequence[str]) -> None:
        keep = (self.blue_green.lock_fd,) if self.blue_green else ()
        run_step(name, command, self.env, keep)

    def seed(self) -> None:
        self.run("dbt seed", dbt_command(self.settings, "seed"))

    def validate(self) -> None:
        self.run("input checks", cx_command("validate", self.settings))

    def build(self) -> None:
        later = ["--exclude", AFTER_THE_ROUND] if self.alerts_on else []
        self.run("dbt build", dbt_command(self.settings, "build", *later))

    def alerts(self) -> None:
        if not self.alerts_on:
            return
        self.run("alert round", cx_command("alerts", self.settings))
        if self.blue_green:
            self.blue_green.publish_and_continue()
            print(f"cx-metrics refresh: metrics published {self.blue_green.live}", flush=True)
        self.run(
            "dbt build (after the round)",
            dbt_command(self.settings, "build", "--select", AFTER_THE_ROUND),
        )

    def publish(self) -> None:
        if self.docs:  # the catalog of what is about to be published (on DuckDB, the copy)
            self.run("dbt docs generate", dbt_command(self.settings, "docs", "generate"))
        if self.blue_green is None:
            print(f"cx-metrics refresh: published {IN_PLACE}")
            return
        serving = ServingSettings.from_env(self.blue_green.live)
        self.blue_green.publish(serving.write_from)
        described = {"published": str(self.blue_green.live), **serving.describe()}
        for what, where in described.items():
            print(f"cx-metrics refresh: {what.replace('_', ' ')} {where}")

    def dashboard(self) -> None:
        if not installed("dashboard"):
            print("cx-metrics refresh: dashboard skipped (pip install 'cx-metrics[dashboard]')")
            return
        # After publish, with this process's own environment: it reads the live file.
        command = cx_command("dashboard", self.settings)
        run_step("dashboard", command, dict(os.environ), (), "the refresh was published")


def refresh(settings: DbtSettings, docs: bool = False) -> int:
    """Run STEPS in order, publishing on DuckDB; 0 when the refresh published."""
    signal.signal(signal.SIGTERM, _raise_on_sigterm)
    live = live_file(settings)
    run = Refresh(settings, docs)
    if live is not None:
        run.blue_green = BlueGreen(live)
        variables = build_variables(settings, run.blue_green.build)
        if variables is None:
            raise PublishError(path_advice(settings))
        run.env.update(variables)
    with run.blue_green or contextlib.nullcontext():
        for step in STEPS:
            getattr(run, step.name)()
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
