"""What a dbt adapter opened in the Dagster process must give back before the run's next step:
dagster-dbt counts rows through the adapter in this process, and two engines let one process
at a time open their database."""

from collections.abc import Iterator
from typing import TypeVar

from dagster_dbt import DbtCliInvocation
from dagster_dbt.core.dbt_event_iterator import DbtEventIterator

from cx_metrics.project import close_duckdb_in_process

T = TypeVar("T")


def holds_metastore(invocation: DbtCliInvocation) -> bool:
    """dbt-spark's session method: its embedded Derby metastore opens in one JVM at a time, so
    this process may not query while dbt's JVM runs (as dagster-dbt already waits on DuckDB)."""
    adapter = invocation.adapter
    return (
        adapter is not None
        and adapter.type() == "spark"
        and getattr(adapter.config.credentials, "method", None) == "session"
    )


def after_exit(events: DbtEventIterator[T], invocation: DbtCliInvocation) -> DbtEventIterator[T]:
    """The same events, all read before the first is passed on (dbt has exited by then); an
    error raised by the stream is raised after them."""

    def drained() -> Iterator[T]:
        seen: list[T] = []
        try:
            seen.extend(events)
        except Exception:
            yield from seen
            raise
        yield from seen

    return DbtEventIterator(drained(), invocation)


def release_database(invocation: DbtCliInvocation) -> None:
    """Close what the row counts opened in this process, so that the run's next step
    (validation, dbt) can open the database even when the steps share a process."""
    adapter = invocation.adapter
    if adapter is None:
        return
    if adapter.type() == "duckdb":
        _close_duckdb(invocation)
    elif holds_metastore(invocation):
        adapter.cleanup_connections()
        _stop_spark_jvm()


def _close_duckdb(invocation: DbtCliInvocation) -> None:
    """dbt-duckdb keeps its database open in this process after the row counts (keep_open)."""
    invocation.adapter.cleanup_connections()
    close_duckdb_in_process()


def _stop_spark_jvm() -> None:
    """End the JVM that the row counts started: Derby's lock goes only with its JVM, and
    pyspark has no public call that ends it (a later query here starts a new one)."""
    from pyspark import SparkContext  # an optional extra: imported on Spark only

    gateway = SparkContext._gateway  # noqa: SLF001
    if gateway is None:
        return
    if SparkContext._active_spark_context is not None:  # noqa: SLF001
        SparkContext._active_spark_context.stop()  # noqa: SLF001
    gateway.shutdown()
    gateway.proc.stdin.close()  # the JVM exits when its parent closes its input
    gateway.proc.wait()
    SparkContext._gateway = SparkContext._jvm = None  # noqa: SLF001
