"""What validation reads, taken from dbt itself so it can never drift from the build.

`dbt compile` of the `cx_validation_settings` analysis, with the same --target and --vars a
build would get, yields the inputs' locations and the thresholds and scales (dbt_project.yml
vars). A second compile, of the staging models of the structurally sound inputs, yields the SQL
that parses and flags every raw row, so validation sees each row exactly as the build will.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from dbt.contracts.graph.manifest import Manifest

from cx_metrics.project import run_dbt

SETTINGS_ANALYSIS = "cx_validation_settings"


@dataclass
class TableSettings:
    name: str
    relation: str
    database: str | None
    schema: str
    identifier: str
    key: list[str]
    # {column: its meta} from the contract (models/staging/_cx_metrics__sources.yml): kind,
    # required, not_null, not_before, min_value, ...
    contract: dict[str, dict]
    staging_model: str
    # Read from connectors (docs/connectors.md): the view that stacks its sources, else None.
    stacked_model: str | None = None
    staging_sql: str | None = None  # None when the table could not be compiled
    problem: str | None = None  # a structural problem, as one readable line
    rows_read: str | None = None  # which rows, when not all (e.g. 'loads after ...')

    @property
    def columns(self) -> list[str]:
        """The columns the input must have (the optional ones may be missing)."""
        return [c for c, meta in self.contract.items() if meta.get("required", True)]

    @property
    def identifier_var(self) -> str:
        return f"cx_{self.name}_identifier"


@dataclass
class ValidationSettings:
    target_type: str
    duckdb_path: str | None
    tables: dict[str, TableSettings]
    labels_relation: str
    labels_model: str
    csat_scale: dict[str, float]
    ces_scale: dict[str, float]
    max_rejected_pct: float
    min_key_present_pct: float
    loads_column: str | None = None
    built_survey_responses: str | None = None
    dbt_args: list[str] = field(default_factory=list)
    manifest: Manifest | None = field(default=None, repr=False)


def _parse(dbt_args: list[str]) -> Manifest | None:
    """The project parsed once for one validation: both compiles use it (a parse is most of a
    compile's time; env_var(), which --new-loads sets between them, is read at compile). Not
    kept past it: a compile marks the manifest's nodes compiled."""
    parsed = run_dbt(["parse", "--log-level", "none", "--no-write-json", *dbt_args])
    return parsed.result if isinstance(parsed.result, Manifest) else None  # compile says why


def _compile(selection: list[str], dbt_args: list[str], manifest: Manifest | None) -> dict:
    # Errors come back in the results; the log level keeps dbt from echoing compiled nodes.
    # Only the selected nodes: not the tests over them (an input's stacked view has some).
    args = ["compile", "--log-level", "none", "--no-write-json", "--indirect-selection", "empty"]
    args += ["--select", *selection]
    result = run_dbt([*args, *dbt_args], manifest=manifest)
    if result.result is None:
        raise SystemExit(f"cx-metrics validate: dbt could not compile: {result.exception}")
    return {r.node.name: r for r in result.result.results}


def load_settings(dbt_args: list[str]) -> ValidationSettings:
    """The inputs, vars and thresholds of this target; raise SystemExit if dbt fails."""
    manifest = _parse(dbt_args)
    compiled = _compile([SETTINGS_ANALYSIS], dbt_args, manifest)
    raw = json.loads(compiled[SETTINGS_ANALYSIS].node.compiled_code)
    return ValidationSettings(
        target_type=raw["target_type"],
        duckdb_path=raw["duckdb_path"],
        tables={name: TableSettings(name=name, **table) for name, table in raw["tables"].items()},
        labels_relation=raw["labels_relation"],
        labels_model=raw["labels_model"],
        csat_scale=raw["csat_scale"],
        ces_scale=raw["ces_scale"],
        max_rejected_pct=float(raw["max_rejected_pct"]),
        min_key_present_pct=float(raw["min_key_present_pct"]),
        loads_column=raw.get("loads_column"),
        built_survey_responses=raw.get("built_survey_responses"),
        dbt_args=dbt_args,
        manifest=manifest,
    )


def structural_problem(table: TableSettings, present: list[str] | None) -> str | None:
    """One line naming the table, the column and the fix; None when the table is usable."""
    if present is None:
        return (
            f"input table '{table.name}' was not found at {table.relation}. Fix: point the"
            f" package at it with vars cx_source_database, cx_source_schema and"
            f" {table.identifier_var}."
        )
    missing = [c for c in table.columns if c not in {p.lower() for p in present}]
    if missing:
        return (
            f"input table '{table.name}' ({table.relation}) has no column"
            f" {', '.join(repr(c) for c in missing)}. Fix: expose your columns under these"
            f" names (e.g. a view) and point {table.identifier_var} at it."
        )
    return None


def build_stacked_inputs(settings: ValidationSettings) -> None:
    """The views of the inputs read from connectors (their adapters and the view stacking
    them), built before validation reads them: views, so this is quick and reads the
    connectors' tables as they are now. A connector table that is missing or lacks a column
    is its input's structural problem, in dbt's words (which name the table, column and fix)."""
    stacked = {t.stacked_model: t for t in settings.tables.values() if t.stacked_model}
    if not stacked:
        return
    selection = [f"+{model}" for model in stacked]
    result = run_dbt(["run", "--quiet", "--select", *selection, *settings.dbt_args])
    if result.result is None:
        raise SystemExit(f"cx-metrics validate: dbt could not run: {result.exception}")
    for outcome in result.result.results:
        if str(outcome.status) != "error":
            continue
        for model, table in stacked.items():
            # Its stacked view, or one of its adapters (stg_cx__<connector>__<input>).
            name = outcome.node.name
            if name == model or (name.startswith("stg_cx__") and name.endswith(f"__{table.name}")):
                table.problem = table.problem or " ".join(str(outcome.message).split())


def _base_views(settings: ValidationSettings, staging_models: list[str]) -> list[str]:
    """The views a staging model reads (base_cx__survey_responses): compiled with it."""
    if settings.manifest is None:
        return []
    nodes = settings.manifest.nodes
    parents = {
        parent
        for node in nodes.values()
        if node.resource_type == "model" and node.name in staging_models
        for parent in node.depends_on.nodes
    }
    return [
        nodes[p].name
        for p in sorted(parents)
        if p in nodes
        and nodes[p].resource_type == "model"
        and nodes[p].config.materialized == "view"
    ]


def _inline(sql: str, views: list) -> str:
    # Validation runs before the build: a view the staging SQL reads may not exist yet, or
    # still show the last build's rows, so its own SQL takes its place (aliased by its name:
    # PostgreSQL wants a name on every subquery; the staging SQL reads it unaliased).
    for view in views:
        sql = sql.replace(
            view.node.relation_name, f"({view.node.compiled_code}) as {view.node.name}"
        )
    return sql


def compile_staging(settings: ValidationSettings) -> None:
    """Attach the compiled staging SQL to every table without a structural problem."""
    sound = [t for t in settings.tables.values() if t.problem is None]
    if not sound:
        return
    staging = [t.staging_model for t in sound]
    views = _base_views(settings, staging)
    # --full-refresh: an incremental staging model's SQL over every row, not over a new load.
    args = [
        *settings.dbt_args,
        *([] if "--full-refresh" in settings.dbt_args else ["--full-refresh"]),
    ]
    compiled = _compile([*staging, *views], args, settings.manifest)
    compiled_views = [compiled[v] for v in views if v in compiled]
    for table in sound:
        node = compiled.get(table.staging_model)
        if node is not None and str(node.status) == "success":
            table.staging_sql = _inline(node.node.compiled_code, compiled_views)
        else:
            table.problem = f"could not compile {table.staging_model}"
