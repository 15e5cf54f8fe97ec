"""Run the suites against the configured inputs and write Data Docs.

DuckDB: GX's SQL datasource does not work with duckdb-engine. By default one SQL pass per
table splits its staged rows into classes that every expectation judges alike, and GX
validates one real row of each class, its counts weighted by class size (compact.py). With
row_by_row, the staged rows are streamed in Arrow chunks of bounded size instead, every row
validated in a dataframe batch and the chunk results summed (combine.py): the reference the
tests hold the compact path to, and how it was done before (about 4x slower at 50M rows).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import great_expectations as gx
from great_expectations.core.expectation_validation_result import (
    ExpectationSuiteValidationResult,
)
from great_expectations.core.run_identifier import RunIdentifier
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.data_context.types.resource_identifiers import (
    ExpectationSuiteIdentifier,
    ValidationResultIdentifier,
)

from cx_metrics.expectations.combine import combine
from cx_metrics.expectations.compact import WEIGHT, classes_query, weigh
from cx_metrics.expectations.loads import LOADED_AFTER, restrict_to_new_loads
from cx_metrics.expectations.settings import (
    TableSettings,
    ValidationSettings,
    build_stacked_inputs,
    compile_staging,
    load_settings,
    structural_problem,
)
from cx_metrics.expectations.suites import BLOCKING, build_suite, suite_columns
from cx_metrics.project import duckdb_config, option, project_dir, run_dbt, target_root

DEFAULT_CHUNK_ROWS = 500_000
RESULT_FORMAT = {"result_format": "SUMMARY", "partial_unexpected_count": 5}


@dataclass
class TableResult:
    name: str
    relation: str
    rows: int = 0
    result: ExpectationSuiteValidationResult | None = None
    problem: str | None = None
    rows_read: str | None = None  # which rows, when not all (e.g. 'loads after ...')

    def failures(self, severity: str) -> list:
        if self.result is None:
            return []
        return [r for r in self.result.results if not r.success and severity_of(r) == severity]

    @property
    def blocked(self) -> bool:
        return self.problem is not None or bool(self.failures(BLOCKING))

    @property
    def rows_to_reject(self) -> int | None:
        """Rows the build would send to cx__rejected_records: the failing rows of the blocking
        expectation that rejection_reason is null."""
        if self.result is None:
            return None
        return next(
            r.result["unexpected_count"]
            for r in self.result.results
            if r.expectation_config.kwargs.get("column") == "rejection_reason"
        )


@dataclass
class ValidationReport:
    tables: list[TableResult]
    data_docs: Path | None = None
    chunks: int = 0
    settings: ValidationSettings | None = field(default=None, repr=False)

    @property
    def blocked(self) -> bool:
        return any(table.blocked for table in self.tables)

    @property
    def warnings(self) -> int:
        return sum(len(table.failures("warning")) for table in self.tables)


def severity_of(result) -> str:
    """'critical' (blocking) or 'warning', from the expectation's GX severity."""
    severity = result.expectation_config.severity
    return str(getattr(severity, "value", severity))


def staged_rows_query(table: TableSettings, suite: gx.ExpectationSuite) -> str:
    """The staged rows with the columns the suite reads, the rejection reason and key_rows."""
    keys = ", ".join(table.key)
    key_missing = " or ".join(f"{column} is null" for column in table.key)
    columns = ", ".join(suite_columns(suite))
    return (
        f"select {columns}, rejection_reason,"
        f" case when {key_missing} then null else count(*) over (partition by {keys}) end"
        f" as key_rows from ({table.staging_sql}) as staged"
    )


def _context(docs_dir: Path) -> gx.data_context.AbstractDataContext:
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    for site in list(context.list_data_docs_sites()):
        context.delete_data_docs_site(site)
    context.add_data_docs_site(
        "cx_metrics",
        {
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(docs_dir),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    return context


def _columns(con: duckdb.DuckDBPyConnection, relation: str) -> list[str] | None:
    """The relation's column names (a table, or the read_parquet(...) of files that dbt's
    cx_source found), or None when it does not exist."""
    try:
        return [name for (name, *_) in con.execute(f"select * from {relation} limit 0").description]
    except duckdb.CatalogException:
        return None


def _ensure_label_map(con: duckdb.DuckDBPyConnection, settings: ValidationSettings) -> None:
    """Staging maps labels through the label-map seed: load it if it is not there yet."""
    if _columns(con, settings.labels_relation) is None:
        run_dbt(["seed", "--quiet", "--select", settings.labels_model, *settings.dbt_args])


def _chunks(con: duckdb.DuckDBPyConnection, query: str, chunk_rows: int):
    reader = con.sql(query).to_arrow_reader(chunk_rows)
    empty = True
    for batch in reader:
        empty = False
        yield batch.to_pandas()
    if empty:
        yield reader.schema.empty_table().to_pandas()


def _dataframe_batches(context, table: TableSettings):
    """The table's GX batch definition over whatever dataframe each validation hands it."""
    return (
        context.data_sources.add_pandas(f"cx_{table.name}")
        .add_dataframe_asset(table.name)
        .add_batch_definition_whole_dataframe("frame")
    )


def validate_table(
    context, con: duckdb.DuckDBPyConnection, table: TableSettings, settings, chunk_rows: int
) -> tuple[TableResult, int]:
    outcome = TableResult(table.name, table.relation, problem=table.problem)
    if table.problem:
        return outcome, 0
    suite = context.suites.add(build_suite(table, settings))
    batches = _dataframe_batches(context, table)
    parts = []
    for frame in _chunks(con, staged_rows_query(table, suite), chunk_rows):
        outcome.rows += len(frame)
        batch = batches.get_batch(batch_parameters={"dataframe": frame})
        parts.append(batch.validate(suite, result_format=RESULT_FORMAT))
        del frame, batch
    outcome.result = combine(parts)
    return outcome, len(parts)


def validate_classes(
    context, con: duckdb.DuckDBPyConnection, table: TableSettings, settings
) -> TableResult:
    """The table in one SQL pass: GX judges one row per class, counts weighted (compact.py)."""
    outcome = TableResult(table.name, table.relation, problem=table.problem)
    if table.problem:
        return outcome
    suite = context.suites.add(build_suite(table, settings))
    columns = [*suite_columns(suite), "rejection_reason", "key_rows"]
    staged = staged_rows_query(table, suite)
    types = con.sql(f"describe {staged}").fetchall()
    floats = {name for name, kind, *_ in types if kind in ("DOUBLE", "FLOAT")}
    frame = con.sql(classes_query(staged, columns, suite, floats)).df()
    batch = _dataframe_batches(context, table).get_batch(batch_parameters={"dataframe": frame})
    outcome.result = weigh(
        batch.validate(suite, result_format={"result_format": "COMPLETE"}), frame
    )
    outcome.rows = int(frame[WEIGHT].sum())
    return outcome


def _write_docs(context, results: list[TableResult]) -> Path:
    run_id = RunIdentifier(run_name="cx-metrics-validate", run_time=dt.datetime.now(dt.UTC))
    for table in results:
        if table.result is None:
            continue
        key = ValidationResultIdentifier(
            ExpectationSuiteIdentifier(table.result.suite_name), run_id, table.name
        )
        context.validation_results_store.set(key, table.result)
    sites = context.build_data_docs()
    return Path(sites["cx_metrics"].removeprefix("file://"))


def default_docs_dir(dbt_args: list[str]) -> Path:
    """target/cx_validation/data_docs in the dbt project validated (or $DBT_TARGET_PATH)."""
    project = Path(option(dbt_args, "--project-dir") or project_dir())
    return target_root(project) / "cx_validation" / "data_docs"


@dataclass
class Scope:
    """Which rows to validate: every input (only: None) or some, and with new_loads only the
    loads not yet built (DuckDB; see loads.py)."""

    only: list[str] | None = None
    new_loads: bool = False


def validate(
    dbt_args: list[str] | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    docs_dir: Path | None = None,
    row_by_row: bool = False,
    scope: Scope | None = None,
) -> ValidationReport:
    scope = scope or Scope()
    settings = load_settings(dbt_args or [])
    if scope.only:
        unknown = sorted(set(scope.only) - set(settings.tables))
        if unknown:
            raise SystemExit(
                f"cx-metrics validate: --only {', '.join(unknown)}: no such input in use"
                f" (inputs: {', '.join(settings.tables)})."
            )
        settings.tables = {n: t for n, t in settings.tables.items() if n in scope.only}
    if scope.new_loads and settings.target_type != "duckdb":
        raise SystemExit(
            "cx-metrics validate: --new-loads reads the built tables' load times on the duckdb"
            " target only; validate every row (without --new-loads) on this one."
        )
    build_stacked_inputs(settings)
    context = _context(docs_dir or default_docs_dir(settings.dbt_args))
    if settings.target_type == "postgres":
        report = _validate_postgres(context, settings)
    elif settings.target_type == "spark":
        report = _validate_spark(context, settings)
    elif settings.target_type == "duckdb":
        report = _validate_duckdb(
            context, settings, None if not row_by_row else chunk_rows, scope.new_loads
        )
    else:
        raise SystemExit(
            f"cx-metrics validate: the {settings.target_type} target is not supported;"
            " validation runs on the duckdb, postgres and spark targets."
        )
    report.data_docs = _write_docs(context, report.tables)
    return report


def _validate_whole_tables(context, settings: ValidationSettings, batch_of) -> ValidationReport:
    """Validate each sound table as one batch, where the engine does the counting."""
    report = ValidationReport(tables=[], settings=settings)
    for table in settings.tables.values():
        outcome = TableResult(table.name, table.relation, problem=table.problem)
        if not table.problem:
            suite = context.suites.add(build_suite(table, settings))
            outcome.result = batch_of(table, suite).validate(suite, result_format=RESULT_FORMAT)
            outcome.rows = _observed_rows(outcome.result)
            report.chunks += 1
        report.tables.append(outcome)
    return report


def _validate_postgres(context, settings: ValidationSettings) -> ValidationReport:
    from cx_metrics.expectations import postgres

    postgres.prepare(settings)
    source = postgres.add_source(context)
    return _validate_whole_tables(
        context,
        settings,
        lambda table, suite: (
            source.add_query_asset(table.name, query=staged_rows_query(table, suite))
            .add_batch_definition_whole_table("all")
            .get_batch()
        ),
    )


def _validate_spark(context, settings: ValidationSettings) -> ValidationReport:
    from cx_metrics.expectations import spark

    session = spark.prepare(settings)
    source = spark.add_source(context)
    return _validate_whole_tables(
        context,
        settings,
        lambda table, suite: (
            source.add_dataframe_asset(table.name)
            .add_batch_definition_whole_dataframe("all")
            .get_batch(batch_parameters={"dataframe": session.sql(staged_rows_query(table, suite))})
        ),
    )


def _observed_rows(result: ExpectationSuiteValidationResult) -> int:
    for r in result.results:
        if "observed_value" in r.result:
            return int(r.result["observed_value"])
    # No expectation could count the rows: the batch's query failed; say why, not StopIteration.
    raise RuntimeError(
        "cx-metrics validate: the staged rows could not be read: "
        + "; ".join(str(r.exception_info) for r in result.results[:1])
    )


def _validate_duckdb(
    context, settings: ValidationSettings, chunk_rows: int | None, new_loads: bool = False
) -> ValidationReport:
    """In classes (chunk_rows None), else every row in chunks of chunk_rows; with new_loads,
    only the loads not yet built of the inputs that have loads."""
    # The database may already be open in this process (dbt's compile): same configuration,
    # then the shared settings.
    con = duckdb.connect(settings.duckdb_path)
    for name, value in duckdb_config().items():
        con.execute(f"set {name} = '{value}'")
    try:
        present = {name: _columns(con, table.relation) for name, table in settings.tables.items()}
        for name, table in settings.tables.items():
            table.problem = table.problem or structural_problem(table, present[name])
        os.environ.pop(LOADED_AFTER, None)  # never inherited: only --new-loads sets it
        if new_loads:
            restrict_to_new_loads(con, settings, present)
        compile_staging(settings)
        _ensure_label_map(con, settings)
        report = ValidationReport(tables=[], settings=settings)
        for table in settings.tables.values():
            if chunk_rows is None:
                outcome, chunks = validate_classes(context, con, table, settings), 1
            else:
                outcome, chunks = validate_table(context, con, table, settings, chunk_rows)
            outcome.rows_read = table.rows_read
            report.tables.append(outcome)
            report.chunks += chunks
    finally:
        os.environ.pop(LOADED_AFTER, None)
        con.close()
    return report


@dataclass
class ExpectationRow:
    level: str  # blocking or warning
    problem: str
    expectation: str
    success: bool
    unexpected_count: int | None
    observed_value: int | None
    examples: list


def expectation_rows(result: ExpectationSuiteValidationResult) -> list[ExpectationRow]:
    """One row per expectation, blocking ones first: level, problem, verdict, counts, examples."""
    rows = [
        ExpectationRow(
            level="blocking" if severity_of(r) == BLOCKING else "warning",
            problem=(r.expectation_config.meta or {}).get("problem", ""),
            expectation=r.expectation_config.type,
            success=bool(r.success),
            unexpected_count=r.result.get("unexpected_count"),
            observed_value=r.result.get("observed_value"),
            examples=list(r.result.get("partial_unexpected_list", [])),
        )
        for r in result.results
    ]
    return sorted(rows, key=lambda row: row.level != "blocking")
