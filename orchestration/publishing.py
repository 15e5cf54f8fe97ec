"""Blue/green refreshes in Dagster: every step of a run builds a copy of the DuckDB file, and
the last asset, publish/duckdb_file, swaps it in (with the serving copy) when all passed. With
alerts on, publish/metrics swaps it in once the metrics and the alert round are done, and the
run goes on with a new copy for the alert audit, which publish/duckdb_file swaps in."""

from collections.abc import Callable, Sequence
from pathlib import Path

from dagster import (
    AssetExecutionContext,
    AssetKey,
    AssetsDefinition,
    ConfigurableResource,
    InitResourceContext,
    MaterializeResult,
    asset,
)
from pydantic import PrivateAttr

from cx_metrics.project import DbtSettings
from cx_metrics.publish import BlueGreen, PublishError
from cx_metrics.refresh import (
    IN_PLACE,
    build_variables,
    live_file,
    path_advice,
    restore_environment,
    set_environment,
)
from cx_metrics.serving import ServingSettings

PUBLISH_KEY = AssetKey(["publish", "duckdb_file"])
METRICS_PUBLISH_KEY = AssetKey(["publish", "metrics"])


class DuckdbPublisher(ConfigurableResource):
    """On a DuckDB target: for the whole run, the refresh lock and a copy of the live file,
    which the profile's path variable (e.g. $CX_DUCKDB_PATH) points every dbt and validation
    step at; unpublished copies are removed at the end of the run. On other targets it does
    nothing (dbt replaces each relation in a transaction or one statement there)."""

    project_dir: str
    profiles_dir: str
    target: str | None = None
    vars: str | None = None
    _blue_green: BlueGreen | None = PrivateAttr(default=None)
    _saved: dict[str, str | None] = PrivateAttr(default_factory=dict)
    _variables: dict[str, str] = PrivateAttr(default_factory=dict)

    @classmethod
    def for_settings(cls, settings: DbtSettings) -> "DuckdbPublisher":
        return cls(
            project_dir=str(settings.project_dir),
            profiles_dir=str(settings.profiles_dir),
            target=settings.target,
            vars=settings.vars,
        )

    def _settings(self) -> DbtSettings:
        return DbtSettings(Path(self.project_dir), Path(self.profiles_dir), self.target, self.vars)

    def setup_for_execution(self, context: InitResourceContext) -> None:
        # Once per run: the refresh job runs in one process (in_process_executor).
        settings = self._settings()
        live = live_file(settings)
        if live is None:
            return
        blue_green = BlueGreen(live)
        variables = build_variables(settings, blue_green.build)
        if variables is None:  # as before blue/green: fails while a reader has the file open
            context.log.warning(f"{path_advice(settings)}. This run builds {live} in place.")
            return
        self._blue_green = blue_green.__enter__()
        self._variables = variables
        self._saved = set_environment(variables)

    def teardown_after_execution(self, context: InitResourceContext) -> None:
        blue_green, self._blue_green = self._blue_green, None
        if blue_green is None:
            return
        restore_environment(self._saved)
        if not blue_green.published and context.log:
            what = "its later steps" if blue_green.published_before else "it"
            context.log.warning(
                f"{blue_green.live} was not replaced with {what}: the run failed, or did not"
                f" include {PUBLISH_KEY.to_user_string()}; its build copy was removed"
            )
        blue_green.__exit__(None, None, None)

    def reader_environment(self) -> dict[str, str]:
        """Environment variables for a reader of what the run published: the profile's path
        variable pointed back at the live file (during the run it names the build copy)."""
        if self._blue_green is None:
            return {}
        return {name: str(self._blue_green.live) for name in self._variables}

    def publish_metrics(self) -> dict[str, str]:
        """Swap the run's copy in and go on with a new copy (publish/metrics)."""
        if self._blue_green is None:
            return {"published": IN_PLACE}
        self._blue_green.publish_and_continue()
        return {"published": str(self._blue_green.live)}

    def publish(self) -> dict[str, str]:
        """Swap the run's copy in; what was published, as asset metadata."""
        if self._blue_green is None:
            return {"published": IN_PLACE}
        live = self._blue_green.live
        serving = ServingSettings.from_env(live)
        self._blue_green.publish(serving.write_from)
        return {"published": str(live), **serving.describe()}


def _materialized(
    context: AssetExecutionContext, publish: Callable[[], dict[str, str]]
) -> MaterializeResult:
    try:
        return MaterializeResult(metadata=publish())
    except PublishError as error:
        context.log.error(str(error))
        raise


def metrics_publish_asset(upstream: Sequence[AssetKey]) -> AssetsDefinition:
    """With alerts on: the metrics published after the alert round, before the models over the
    alert audit (a second dbt command, about 12 s at 10M) are built on a new copy."""

    @asset(
        key=METRICS_PUBLISH_KEY,
        deps=list(upstream),
        group_name="publish",
        kinds={"duckdb"},
        description="Publishes the run's tested DuckDB copy (one rename) once every model but"
        " the alert audit's is built and tested, and the alert round is done; the run goes on"
        " with a new copy, which publish/duckdb_file swaps in with the audit.",
    )
    def metrics_published(context: AssetExecutionContext, cx_publisher: DuckdbPublisher):
        return _materialized(context, cx_publisher.publish_metrics)

    return metrics_published


def publish_asset(upstream: Sequence[AssetKey]) -> AssetsDefinition:
    """The last asset of a refresh: runs only when every model and test upstream passed."""

    @asset(
        key=PUBLISH_KEY,
        deps=list(upstream),
        group_name="publish",
        kinds={"duckdb"},
        description="Publishes the run's tested DuckDB copy onto the live file (one rename),"
        " with the serving copy for DuckDB 1.x clients; on other engines dbt already replaced"
        " each relation.",
    )
    def published(context: AssetExecutionContext, cx_publisher: DuckdbPublisher):
        return _materialized(context, cx_publisher.publish)

    return published
