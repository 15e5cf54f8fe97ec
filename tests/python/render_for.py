"""Render the integration project for a warehouse this machine cannot reach (BigQuery, Redshift,
Databricks): `dbt compile` in process with that adapter loaded, so that every macro dispatches
as it would there, and with the adapter's connection and queries patched out, so that nothing
is opened. The compiled SQL is then checked against the warehouse's grammar
(test_warehouse_grammar.py).

What the patches answer in place of the warehouse:
- a connection opens to a dummy handle (nothing is sent anywhere);
- get_relation: an input table (a source of the package) exists; a model's own table exists
  only in the incremental pass (is_incremental() is then true);
- get_columns_in_relation: an input has its contract's columns (models/staging/
  _cx_metrics__sources.yml) as text, and in the incremental pass typed ones (a timestamp with
  time zone, a number) and the load column too; a built table has its load columns;
- execute (run_query, statement): one row, a count of 1 or a date or timestamp as text,
  whichever the query asks for. Every statement run is kept (RenderResult.queries).
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import agate
import sqlglot
import yaml

REPO = Path(__file__).resolve().parents[2]
PROJECT = REPO / "integration_tests"
# The demo's as-of time (README: quick start), as the engines' builds pass it.
VARS = '{cx_as_of_timestamp: "2026-01-01 00:00:00"}'
# sqlglot's name of each warehouse's SQL dialect.
DIALECTS = {"bigquery": "bigquery", "redshift": "redshift", "databricks": "databricks"}
# A profile per warehouse: dummy credentials, enough for the adapter to load (never used).
PROFILES = {
    "bigquery": {
        "type": "bigquery",
        "method": "oauth",
        "project": "cx-project",
        "dataset": "cx_metrics",
        "threads": 1,
    },
    "redshift": {
        "type": "redshift",
        "host": "cx.example.invalid",
        "port": 5439,
        "user": "cx",
        "password": "unused",
        "dbname": "analytics",
        "schema": "cx_metrics",
        "threads": 1,
    },
    "databricks": {
        "type": "databricks",
        "host": "cx.example.invalid",
        "http_path": "/sql/1.0/warehouses/unused",
        "token": "unused",
        "catalog": "main",
        "schema": "cx_metrics",
        "threads": 1,
    },
}
# The load column (var cx_loaded_at_column's default) and the built tables' load columns.
LOAD_COLUMN = yaml.safe_load((REPO / "dbt_project.yml").read_text())["vars"]["cx_loaded_at_column"]
BUILT_COLUMNS = ["loaded_at", "loaded_through"]


@dataclass
class RenderResult:
    warehouse: str
    # What dbt reported when a step failed ('' when every step succeeded).
    errors: str = ""
    # Compiled SQL of each model and data test: path under target/compiled -> SQL.
    compiled: dict[str, str] = field(default_factory=dict)
    # The same, of the incremental models rendered as incremental runs.
    incremental: dict[str, str] = field(default_factory=dict)
    # unique_id -> compiled path (under target/compiled) of each enabled model and data test.
    nodes: dict[str, str] = field(default_factory=dict)
    # unique_id of each incremental model.
    incremental_models: list[str] = field(default_factory=list)
    # The statements dbt ran while compiling (introspective queries of the macros).
    queries: list[str] = field(default_factory=list)


def contract(package: Path) -> dict[str, dict[str, dict]]:
    """{input table: {column: its meta}} of the package's sources yml."""
    sources = yaml.safe_load((package / "models/staging/_cx_metrics__sources.yml").read_text())
    return {
        table["name"]: {column["name"]: column.get("meta", {}) for column in table["columns"]}
        for source in sources["sources"]
        for table in source["tables"]
    }


def _adapter_classes(warehouse: str) -> tuple[type, type]:
    """(adapter class, connection manager class) of one warehouse's plugin."""
    if warehouse == "bigquery":
        from dbt.adapters.bigquery import BigQueryAdapter
        from dbt.adapters.bigquery.connections import BigQueryConnectionManager

        return BigQueryAdapter, BigQueryConnectionManager
    if warehouse == "redshift":
        from dbt.adapters.redshift import RedshiftAdapter
        from dbt.adapters.redshift.connections import RedshiftConnectionManager

        return RedshiftAdapter, RedshiftConnectionManager
    if warehouse == "databricks":
        from dbt.adapters.databricks.connections import DatabricksConnectionManager
        from dbt.adapters.databricks.impl import DatabricksAdapter

        return DatabricksAdapter, DatabricksConnectionManager
    raise ValueError(warehouse)


def _answer(sql: str, dialect: str) -> agate.Table:
    """One row, as the warehouse would answer the macros' introspective queries: a count or a
    share where the column is one, else a day (cutoff, since) or a load time, as text. The
    columns are the query's own (sqlglot reads its select list); a query sqlglot cannot read
    gets one column (the grammar check reports it)."""
    try:
        names = sqlglot.parse_one(sql, read=dialect).named_selects or ["value"]
    except sqlglot.errors.SqlglotError:
        names = ["value"]
    names = [name or f"column_{i}" for i, name in enumerate(names)]
    counted = len(names) == 1 and "count(" in sql.lower()
    row = []
    for name in names:
        if counted or re.search(r"(rows|pct|count)$", name):
            row.append(1)
        elif name in ("cutoff", "since"):
            row.append("2025-09-01")
        else:
            row.append("2025-09-01 00:00:00")
    return agate.Table([row], names)


@contextmanager
def patched(warehouse: str, package: Path, incremental: bool, queries: list[str]) -> Iterator[None]:
    adapter_class, connections_class = _adapter_classes(warehouse)
    inputs = contract(package)
    text_type = "varchar" if warehouse == "redshift" else "string"
    typed = {
        "bigquery": {"timestamp": "TIMESTAMP", "number": "FLOAT64"},
        "redshift": {"timestamp": "timestamp with time zone", "number": "double precision"},
        "databricks": {"timestamp": "timestamp", "number": "double"},
    }[warehouse]

    def open_connection(cls, connection):
        connection.handle = mock.MagicMock(name=f"{warehouse} handle")
        # Databricks asks its handle for the runtime's version: a SQL warehouse's (the newest).
        connection.handle.dbr_version = (sys.maxsize, sys.maxsize)
        connection.state = "open"
        return connection

    def get_relation(self, database, schema, identifier, *args, **kwargs):
        if identifier in inputs or incremental:
            return self.Relation.create(
                database=database, schema=schema, identifier=identifier, type="table"
            )
        return None

    def get_columns_in_relation(self, relation):
        columns = inputs.get(relation.identifier)
        if columns is None:
            return [self.Column(name, text_type) for name in BUILT_COLUMNS]
        found = []
        for name, meta in columns.items():
            kind = meta.get("kind", "text")
            if incremental and kind in ("timestamp", "number", "integer"):
                dtype = typed["timestamp" if kind == "timestamp" else "number"]
            else:
                dtype = text_type
            found.append(self.Column(name, dtype))
        if incremental:
            found.append(self.Column(LOAD_COLUMN, typed["timestamp"]))
        return found

    def execute(self, sql, auth_begin=False, fetch=False, limit=None, *args, **kwargs):
        from dbt.adapters.contracts.connection import AdapterResponse

        queries.append(sql)
        return AdapterResponse(_message="OK"), _answer(sql, DIALECTS[warehouse])

    with ExitStack() as stack:
        stack.enter_context(
            mock.patch.object(connections_class, "open", classmethod(open_connection))
        )
        for name, replacement in [
            ("get_relation", get_relation),
            ("get_columns_in_relation", get_columns_in_relation),
            ("execute", execute),
            ("list_relations_without_caching", lambda self, *a, **k: []),
        ]:
            stack.enter_context(mock.patch.object(adapter_class, name, replacement))
        yield


def profiles_dir(folder: Path) -> Path:
    """A profiles.yml of one profile (the project's, cx_metrics) with a target per warehouse."""
    folder.mkdir(parents=True, exist_ok=True)
    profile = {"cx_metrics": {"target": "bigquery", "outputs": PROFILES}}
    (folder / "profiles.yml").write_text(yaml.safe_dump(profile))
    return folder


def _compiled(target: Path) -> dict[str, str]:
    """Every SQL file under target/compiled but the analyses (not SQL here: JSON for
    `cx-metrics validate`), by its path under target/compiled."""
    root = target / "compiled"
    return {
        str(path.relative_to(root)): path.read_text()
        for path in sorted(root.rglob("*.sql"))
        if "analyses" not in path.relative_to(root).parts[1:2]
    }


def render(
    warehouse: str,
    work: Path,
    *,
    project: Path = PROJECT,
    package: Path = REPO,
    select: list[str] | None = None,
    incremental: bool = True,
) -> RenderResult:
    """Parse `project` for one warehouse once, then `dbt compile` every model and data test
    (select: only those) as a first build, and (incremental) the incremental models again as
    incremental runs. Artifacts and logs go under `work`."""
    from dbt.cli.main import dbtRunner

    profiles = profiles_dir(work / "profiles")
    common = [
        "--project-dir",
        str(project),
        "--profiles-dir",
        str(profiles),
        "--target",
        warehouse,
        "--vars",
        VARS,
        "--no-partial-parse",
        "--no-version-check",
        "--quiet",
    ]
    compile_args = ["--no-populate-cache", "--exclude", "test_type:unit"]
    rendered = RenderResult(warehouse)
    env = {
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    passes = [(False, work / "target", select or [])]
    if incremental:
        passes.append((True, work / "incremental", ["config.materialized:incremental"]))
    with mock.patch.dict(os.environ, env):
        parsed = dbtRunner().invoke(["parse", *common])
        if not parsed.success:
            rendered.errors = f"parse: {parsed.exception!r}"
            return rendered
        manifest = parsed.result
        for unique_id, node in manifest.nodes.items():
            if node.resource_type not in ("model", "test") or not node.config.enabled:
                continue
            rendered.nodes[unique_id] = ""
            if node.config.materialized == "incremental":
                rendered.incremental_models.append(unique_id)
        for is_incremental, target, selection in passes:
            with (
                mock.patch.dict(os.environ, {"DBT_TARGET_PATH": str(target)}),
                patched(warehouse, package, is_incremental, rendered.queries),
            ):
                args = ["compile", *common, *compile_args]
                done = dbtRunner(manifest=manifest).invoke(
                    args + (["--select", *selection] if selection else [])
                )
            if not done.success:
                rendered.errors += f"compile (incremental={is_incremental}): {done.exception!r}\n"
                results = getattr(done.result, "results", None) or []
                rendered.errors += "".join(
                    f"  {r.node.unique_id}: {r.status} {r.message}\n"
                    for r in results
                    if str(r.status) != "success"
                )
            if (target / "compiled").is_dir():
                found = _compiled(target)
                if is_incremental:
                    rendered.incremental = found
                else:
                    rendered.compiled = found
            if not is_incremental:
                # Where each node's compiled SQL was written (the next pass writes elsewhere).
                for unique_id in rendered.nodes:
                    written = manifest.nodes[unique_id].compiled_path
                    rendered.nodes[unique_id] = (
                        str(Path(written).relative_to(target / "compiled")) if written else ""
                    )
    return rendered


if __name__ == "__main__":
    import time

    for name in sys.argv[1:] or list(DIALECTS):
        started = time.monotonic()
        with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
            done = render(name, Path(tmp))
        print(
            name,
            len(done.compiled),
            len(done.nodes),
            len(done.incremental),
            len(done.queries),
            f"{time.monotonic() - started:.1f}s",
        )
        print(done.errors[:3000])
