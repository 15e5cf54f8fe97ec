"""Reading the metric tables the dashboard is drawn from, on any target.

The relations come from the project's manifest (a user's own schemas and aliases), and every
query is plain SQL that DuckDB, PostgreSQL and Spark all run (select, where, group by, limit).
A DuckDB file is read with a read-only connection of our own, so that BI readers holding the
file open do not stop the dashboard (dbt-duckdb opens the file read-write); other targets are
read through `dbt show`, with the manifest parsed once.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from cx_metrics.profile import duckdb_file, target_credentials
from cx_metrics.project import DbtSettings, own_target_folder, run_dbt


class TableError(Exception):
    """A metric table could not be read: the message says which and what to do."""


class MetricTables:
    """The package's models by name (`cx__nps`, `int_cx__customers_accepted`, ...), and a way to
    query them: `query("select ... from {cx__nps}")` fills in each model's relation."""

    def __init__(self, relations: dict[str, str], run: Callable[[str], pd.DataFrame], where: str):
        self.relations = relations
        self._run = run
        self.where = where

    def has(self, model: str) -> bool:
        return model in self.relations

    def query(self, sql: str) -> pd.DataFrame:
        try:
            text = sql.format(**self.relations)
        except KeyError as missing:
            raise TableError(f"the model {missing} is not in the project (switched off?)") from None
        try:
            return self._run(text)
        except Exception as error:  # the engines raise their own types; the message matters
            first = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
            raise TableError(
                f"could not read the metric tables from {self.where}: {first}. Build them first"
                " (`cx-metrics demo`, `cx-metrics refresh` or `dbt build`)."
            ) from None


def _manifest(settings: DbtSettings) -> Any:
    """The parsed manifest (dbt parse needs no database connection), in a target folder of
    its own."""
    folder = own_target_folder(settings.project_dir, "cx_dashboard_parse_")
    args = ["parse", "--quiet", "--target-path", str(folder), *settings.options()]
    result = run_dbt([*args, *settings.project_options()])
    if not result.success or result.result is None:
        raise TableError(f"dbt parse of {settings.project_dir} failed: {result.exception}")
    return result.result


def _package_models(manifest: Any) -> list[Any]:
    return [
        node
        for node in manifest.nodes.values()
        if node.resource_type == "model" and node.package_name == "cx_metrics"
    ]


def _frame(table: Any) -> pd.DataFrame:
    """An agate table (what dbt show returns) as a DataFrame; Decimal numbers as floats."""
    rows = [[float(v) if isinstance(v, Decimal) else v for v in row] for row in table.rows]
    return pd.DataFrame(rows, columns=list(table.column_names))


def _duckdb_runner(path: Path) -> Callable[[str], pd.DataFrame]:
    def run(sql: str) -> pd.DataFrame:
        if not path.exists():
            raise TableError(f"no DuckDB file at {path}")
        try:
            con = duckdb.connect(str(path), read_only=True)
        except duckdb.ConnectionException:  # this process holds it (dbt in process: the demo)
            con = duckdb.connect(str(path))
        with con:
            return con.execute(sql).df()

    return run


def _dbt_show_runner(manifest: Any, settings: DbtSettings) -> Callable[[str], pd.DataFrame]:
    from dbt.cli.main import dbtRunner

    runner = dbtRunner(manifest=manifest)
    options = [*settings.options(), *settings.project_options()]

    def run(sql: str) -> pd.DataFrame:
        # dbt show prints its preview even with --quiet: it is not for the user here.
        with contextlib.redirect_stdout(io.StringIO()):
            result = runner.invoke(["show", "--inline", sql, "--limit", "-1", "--quiet", *options])
        if not result.success or result.result is None:
            raise TableError(str(result.exception or "dbt show failed"))
        return _frame(result.result.results[0].agate_table)

    return run


def open_tables(settings: DbtSettings) -> MetricTables:
    """The package's models of the project at settings, readable on its target."""
    manifest = _manifest(settings)
    models = _package_models(manifest)
    path = duckdb_file(target_credentials(settings))
    if path is not None:
        # One file is one catalog, whatever its name: schema and alias are enough.
        relations = {node.name: f'"{node.schema}"."{node.alias}"' for node in models}
        return MetricTables(relations, _duckdb_runner(path), f"the DuckDB file {path}")
    relations = {node.name: node.relation_name for node in models if node.relation_name}
    where = f"the {settings.target or 'default'} target of {settings.project_dir}"
    return MetricTables(relations, _dbt_show_runner(manifest, settings), where)
