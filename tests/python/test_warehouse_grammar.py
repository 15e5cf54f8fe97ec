"""Every other warehouse checked against its grammar (issue 36): the integration project's models
and data tests rendered for BigQuery, Redshift and Databricks with each adapter's own dispatch
(render_for.py: dbt compile in process, nothing connected), then every compiled statement
parsed by sqlglot in that warehouse's dialect. The incremental models are rendered a second
time as incremental runs, so both branches are read, and the statements the macros ran while
compiling (their introspective queries) are parsed too.

sqlglot is lenient: it reads some PostgreSQL forms in these dialects that the warehouse itself
rejects. Those are listed in REJECTED_BY_THE_WAREHOUSE (each from the warehouse's SQL
reference) and looked for in the statements' tokens. A parse proves grammar, not semantics:
the engines' parity builds prove what the SQL computes.
"""

from __future__ import annotations

import multiprocessing
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
import sqlglot
from conftest import PROJECT, REPO, installed_packages
from render_for import DIALECTS, RenderResult, render
from sqlglot.tokens import TokenType

pytestmark = pytest.mark.engines

WAREHOUSES = list(DIALECTS)
# Forms sqlglot parses in a dialect but the warehouse rejects, each with the reason.
REJECTED_BY_THE_WAREHOUSE = {
    "bigquery": {
        r"\bwithin group\b": "PERCENTILE_CONT is an analytic function only (OVER), no aggregate",
        r"\bextract \( epoch\b": "EXTRACT has no EPOCH part",
        r"\bat time zone\b": "no AT TIME ZONE operator (time zones are function arguments)",
        r"\bwith time zone\b": "no TIMESTAMP WITH TIME ZONE type (TIMESTAMP is an instant)",
        r"\bdouble precision\b": "no DOUBLE PRECISION type (FLOAT64)",
        r"\bas materialized \(": "no MATERIALIZED keyword in WITH",
        r"\b(decimal|numeric) \( 3[0-9] ,": "NUMERIC has at most 29 digits before the point",
    },
    "redshift": {
        r"\bas materialized \(": "no MATERIALIZED keyword in WITH",
    },
    "databricks": {
        r"\bwith time zone\b": "no TIMESTAMP WITH TIME ZONE type (TIMESTAMP is an instant)",
    },
}
# The package's own files a copy needs to build (not the venv, not the build outputs).
PACKAGE_FILES = ["dbt_project.yml", "macros", "models", "seeds", "tests", "analyses"]
SKIPPED_IN_COPY = shutil.ignore_patterns(
    "target", "dbt_packages", "logs", "consumer_project", "*.duckdb*", "*.lock"
)


def _normalized(sql: str, dialect: str) -> str:
    """The statement's tokens, lower-cased, one space apart: comments left out and each string
    literal as '' (no words of a literal match a form)."""
    tokens = sqlglot.Dialect.get_or_raise(dialect).tokenize(sql)
    return " ".join(
        "''" if token.token_type == TokenType.STRING else token.text.lower() for token in tokens
    )


def grammar_errors(statements: dict[str, str], dialect: str) -> list[str]:
    """'<file> [<dialect>]: <why>' for each statement sqlglot cannot parse in the dialect, or
    that holds a form REJECTED_BY_THE_WAREHOUSE lists for it."""
    errors = []
    for name, sql in statements.items():
        try:
            sqlglot.parse(sql, read=dialect)
        except sqlglot.errors.SqlglotError as error:
            errors.append(f"{name} [{dialect}]: {str(error).splitlines()[0][:200]}")
            continue
        text = _normalized(sql, dialect)
        for pattern, why in REJECTED_BY_THE_WAREHOUSE[dialect].items():
            if re.search(pattern, text):
                errors.append(f"{name} [{dialect}]: {why}")
    return errors


def _render_one(job: tuple[str, str, str, str, list[str] | None, bool]) -> RenderResult:
    warehouse, work, project, package, select, incremental = job
    return render(
        warehouse,
        Path(work),
        project=Path(project),
        package=Path(package),
        select=select,
        incremental=incremental,
    )


def _broken_copy(folder: Path) -> Path:
    """A copy of the package and the integration project in which bigquery__clean_text writes
    PostgreSQL's trim(both ... from ...), which BigQuery does not read. Returns the project."""
    package = folder / "package"
    package.mkdir()
    for name in PACKAGE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, package / name, ignore=SKIPPED_IN_COPY)
        elif source.is_file():
            shutil.copy(source, package / name)
    clean_text = package / "macros/cross_db/clean_text.sql"
    text = clean_text.read_text()
    spaces = "'{{ cx_metrics._cx_unicode_spaces() }}'"
    text_of = "cast({{ expression }} as {{ dbt.type_string() }})"
    working = f"nullif(trim({text_of}, {spaces}), '')"
    broken = f"nullif(trim(both {spaces} from {text_of}), '')"
    start = text.index("{% macro bigquery__clean_text")
    assert working in text[start:], "bigquery__clean_text changed: update the broken copy"
    clean_text.write_text(text[:start] + text[start:].replace(working, broken, 1))
    project = package / "integration_tests"
    shutil.copytree(PROJECT, project, ignore=SKIPPED_IN_COPY)
    (project / "dbt_packages").mkdir()
    (project / "dbt_packages" / "cx_metrics").symlink_to(package)
    return project


BROKEN_MODEL = "stg_cx__customers"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, RenderResult]:
    """Each warehouse rendered once, and the broken copy for BigQuery (key 'broken'): in two
    processes at a time (each render is one dbt parse and its compiles, bound to one core)."""
    installed_packages()
    work = tmp_path_factory.mktemp("warehouses")
    broken_project = _broken_copy(tmp_path_factory.mktemp("broken"))
    jobs = {
        warehouse: (warehouse, str(work / warehouse), str(PROJECT), str(REPO), None, True)
        for warehouse in WAREHOUSES
    }
    jobs["broken"] = (
        "bigquery",
        str(work / "broken"),
        str(broken_project),
        str(broken_project.parent),
        [BROKEN_MODEL],
        False,
    )
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        futures = {name: pool.submit(_render_one, job) for name, job in jobs.items()}
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("warehouse", WAREHOUSES)
def test_the_project_renders_with_the_warehouses_adapter(rendered, warehouse):
    assert rendered[warehouse].errors == ""


@pytest.mark.parametrize("warehouse", WAREHOUSES)
def test_every_enabled_model_and_data_test_is_compiled_once(rendered, warehouse):
    result = rendered[warehouse]
    models = [node for node in result.nodes if node.startswith("model.")]
    tests = [node for node in result.nodes if node.startswith("test.")]
    # Both projects' models (the package's and the macro test models) and their data tests.
    assert any(node.startswith("model.cx_metrics.") for node in models)
    assert any(node.startswith("model.cx_metrics_integration_tests.") for node in models)
    assert len(tests) > len(models) > 0
    assert "" not in result.nodes.values()
    assert len(result.compiled) == len(models) + len(tests)
    assert sorted(result.compiled) == sorted(result.nodes.values())


@pytest.mark.parametrize("warehouse", WAREHOUSES)
def test_every_compiled_statement_parses_in_the_warehouses_dialect(rendered, warehouse):
    result = rendered[warehouse]
    errors = grammar_errors(result.compiled, DIALECTS[warehouse])
    assert errors == []


@pytest.mark.parametrize("warehouse", WAREHOUSES)
def test_the_incremental_branch_parses_too(rendered, warehouse):
    result = rendered[warehouse]
    incremental = {result.nodes[node] for node in result.incremental_models}
    assert incremental and incremental <= set(result.incremental)
    # The branch is really taken: an incremental run reads its own table ({{ this }}).
    changed = [path for path in incremental if result.incremental[path] != result.compiled[path]]
    assert len(changed) == len(incremental)
    assert grammar_errors(result.incremental, DIALECTS[warehouse]) == []


@pytest.mark.parametrize("warehouse", WAREHOUSES)
def test_the_queries_run_while_compiling_parse_too(rendered, warehouse):
    queries = rendered[warehouse].queries
    assert queries
    named = {f"query {number}": sql for number, sql in enumerate(queries)}
    assert grammar_errors(named, DIALECTS[warehouse]) == []


@pytest.mark.parametrize(
    ("dialect", "sql"),
    [
        ("bigquery", "select trim(both ' ' from name) from t"),
        ("bigquery", "select name ~ '^[0-9]+$' from t"),
        ("bigquery", "select 1 as n union select 2"),
        ("bigquery", "select percentile_cont(0.5) within group (order by x) from t"),
        ("bigquery", "select extract(epoch from (b - a)) from t"),
        ("bigquery", "select (current_timestamp at time zone 'UTC') from t"),
        ("bigquery", "select cast(x as decimal(38, 6)) from t"),
        ("redshift", "with new_rows as materialized (select 1 as n) select n from new_rows"),
        ("redshift", "select '\\' as backslash from t"),
        ("databricks", "select name ~ '^[0-9]+$' from t"),
    ],
)
def test_the_check_rejects_sql_of_another_dialect(dialect, sql):
    assert grammar_errors({"example.sql": sql}, dialect) != []


def test_the_check_passes_the_comment_and_string_that_name_a_rejected_form():
    sql = "-- within group, at time zone\nselect 'double precision' as words from t"
    assert grammar_errors({"example.sql": sql}, "bigquery") == []


def test_a_broken_variant_fails_the_check_naming_the_file_and_dialect(rendered):
    result = rendered["broken"]
    assert result.errors == ""
    path = f"cx_metrics/models/staging/{BROKEN_MODEL}.sql"
    assert "trim(both" in result.compiled[path]
    errors = grammar_errors(result.compiled, "bigquery")
    assert errors and all(error.startswith(f"{path} [bigquery]: ") for error in errors)
    # The same file from the package as it is parses.
    assert "trim(both" not in rendered["bigquery"].compiled[path]
    assert grammar_errors({path: rendered["bigquery"].compiled[path]}, "bigquery") == []


def test_the_docs_name_the_adapter_versions_tested():
    """The table of docs/engines.md ("How each warehouse is proven") says which adapter
    versions prove each warehouse: they are the ones this tier runs with (and fakesnow's minor
    version)."""
    from importlib.metadata import version

    page = (REPO / "docs/engines.md").read_text()
    section = page.split("## How each warehouse is proven", 1)[1]
    table = "\n".join(line for line in section.split("\n## ", 1)[0].splitlines() if line[:1] == "|")
    named = dict(re.findall(r"\b(dbt-[a-z]+|fakesnow) (\d+\.\d+(?:\.\d+)?)\b", table))
    adapters = ["duckdb", "postgres", "spark", "snowflake", "bigquery", "redshift", "databricks"]
    assert sorted(named) == sorted([*(f"dbt-{a}" for a in adapters), "fakesnow"])
    for package, tested in named.items():
        assert version(package).startswith(tested), package
