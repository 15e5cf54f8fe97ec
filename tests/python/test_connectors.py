"""The connector adapters as a user installs them (docs/connectors.md): each connector's raw
tables, in its exact schema, hand-made in tests/python/connectors/<name>.py, loaded into a
warehouse beside the shop consumer project, which is built with only the vars of that
connector's section of the docs.

Each fixture module states, worked by hand, every contract row its adapter must yield after
staging (accepted, or rejected with its reason; deleted connector rows appear nowhere) and
mart figures; the docstrings show the arithmetic. DuckDB builds one project per connector and
checks all of them. PostgreSQL and Spark each build one project with every connector stacked
(one build instead of six: about 400 s fewer on PostgreSQL, a JVM start and build on Spark each
time) and check each connector's rows and, by feedback_source, its survey figures.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import connector_fixtures
import pytest
import yaml
from conftest import new_postgres_database
from connector_fixtures import CONNECTORS, documented_vars, fixture, statements
from consumer import (
    build,
    execute_duckdb,
    execute_postgres,
    execute_spark,
    make_consumer_project,
    parquet_query,
    postgres_query,
    run_consumer_dbt,
    spark_env,
    table_statements,
)
from dagster import AssetKey
from test_consumer import duckdb_query

Query = Callable[[str], list[tuple]]

# The key column and the staging model of each contract input an adapter feeds.
KEYS = {
    "survey_responses": "response_id",
    "support_tickets": "ticket_id",
    "customers": "customer_id",
    "orders": "order_id",
}
STAGING = "shop_cx_staging"
MARTS = "shop"
SOURCE_VARS = ["cx_survey_source", "cx_tickets_source", "cx_customers_source", "cx_orders_source"]
SURVEY_MARTS = {"cx__nps", "cx__csat", "cx__ces"}
TEST_VARS = {"cx_validation_max_rejected_pct": 25}


def _contract_surveys(engine: str, module) -> list[str]:
    """The plain contract survey answers a CRM connector's project needs beside it."""
    rows = getattr(module, "CONTRACT_SURVEYS", None)
    if not rows:
        return []
    create = "create database if not exists raw" if engine == "spark" else "create schema raw"
    return [create, *table_statements(engine, "survey_responses", rows, typed=False)]


def _as_text(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _same(observed: object, expected: object) -> bool:
    observed = _as_text(observed)
    if isinstance(expected, float) and observed is not None:
        return math.isclose(float(observed), expected, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(expected, int) and not isinstance(expected, bool) and observed is not None:
        return float(observed) == expected
    return observed == expected


def assert_rows(query: Query, module, others: dict[str, set] | None = None) -> None:
    """Every contract row the fixture expects, and no other, in staging (others: the keys of
    the other sources stacked in the same build)."""
    for table_name, expected in module.EXPECTED_ROWS.items():
        key = KEYS[table_name]
        columns = sorted({c for row in expected for c in row})
        rows = query(f"select {', '.join(columns)} from {STAGING}.stg_cx__{table_name}")
        found = {row[columns.index(key)]: dict(zip(columns, row, strict=True)) for row in rows}
        mine = {r[key] for r in expected}
        assert set(found) - ((others or {}).get(table_name, set()) - mine) == mine, table_name
        for row in expected:
            got = found[row[key]]
            wrong = {c: (got[c], v) for c, v in row.items() if not _same(got[c], v)}
            assert not wrong, (table_name, row[key], wrong)


def assert_figures(query: Query, module, rename: Callable[[dict], dict] = dict) -> None:
    """Each hand-worked mart figure (rename: how the identifying columns are changed)."""
    for mart, identity, expected in module.EXPECTED_FIGURES:
        identity = rename(identity)
        where = " and ".join(
            f"cast({c} as varchar) = '{v}'" if "period_start" in c else f"{c} = '{v}'"
            for c, v in identity.items()
        )
        columns = list(expected)
        rows = query(f"select {', '.join(columns)} from {MARTS}.{mart} where {where}")
        assert len(rows) == 1, (mart, identity, rows)
        wrong = {
            c: (got, v)
            for c, got, v in zip(columns, rows[0], expected.values(), strict=True)
            if not _same(got, v)
        }
        assert not wrong, (mart, identity, wrong)


def test_each_docs_section_sets_the_fixtures_vars():
    """The vars a user copies from docs/connectors.md are the ones the builds below use."""
    documented = documented_vars()
    assert sorted(documented) == sorted(CONNECTORS)
    for name in CONNECTORS:
        assert documented[name] == fixture(name).VARS, name


def project_vars(name: str) -> dict:
    """The vars of a connector's docs section, and the rejected share the small fixtures need:
    a few hostile rows among 10-30 are more than cx_validation_max_rejected_pct's 5%."""
    return {**documented_vars()[name], **TEST_VARS}


def stacked_vars() -> dict:
    """Every connector in one project: each input's sources stacked (the contract's survey
    answers of the CRM fixtures among them) and the survey marts sliced by feedback_source."""
    stacked: dict = {var: ["contract"] if var == "cx_survey_source" else [] for var in SOURCE_VARS}
    for name in CONNECTORS:
        for var, value in documented_vars()[name].items():
            if var in SOURCE_VARS:
                stacked[var] += [
                    v
                    for v in ([value] if isinstance(value, str) else value)
                    if v not in stacked[var]
                ]
            elif not var.startswith("cx_using_"):
                stacked[var] = value
    return {
        **stacked,
        **TEST_VARS,
        "cx_using_feedback_followups": False,
        "cx_using_orders": True,
        "cx_survey_dimensions": ["program", "touchpoint", "channel", "segment", "feedback_source"],
    }


def stacked_statements(engine: str) -> list[str]:
    """Every fixture's tables, and the CRM fixtures' contract survey answers in one table."""
    out = [s for name in CONNECTORS for s in statements(engine, fixture(name))]
    surveys = [row for name in CONNECTORS for row in getattr(fixture(name), "CONTRACT_SURVEYS", [])]
    create = "create database if not exists raw" if engine == "spark" else "create schema raw"
    return [*out, create, *table_statements(engine, "survey_responses", surveys, typed=False)]


def by_source(name: str) -> Callable[[dict], dict]:
    """A figure's identity over all answers, as the slice of one feedback_source."""
    return lambda identity: {**identity, "dimension": "feedback_source", "dimension_value": name}


def assert_stacked(query: Query) -> None:
    """Each connector's rows in the stacked build, and each survey connector's survey figures
    in its feedback_source slice (the ticket and customer marts mix the stacked sources)."""
    keys: dict[str, set] = {table: set() for table in KEYS}
    for name in CONNECTORS:
        module = fixture(name)
        for table_name, rows in module.EXPECTED_ROWS.items():
            keys[table_name] |= {row[KEYS[table_name]] for row in rows}
        keys["survey_responses"] |= {row[0] for row in getattr(module, "CONTRACT_SURVEYS", [])}
    for name in CONNECTORS:
        module = fixture(name)
        assert_rows(query, module, others=keys)
        if "survey_responses" in module.EXPECTED_ROWS:
            surveys = SimpleNamespace(
                EXPECTED_FIGURES=[
                    figure
                    for figure in module.EXPECTED_FIGURES
                    if figure[0] in SURVEY_MARTS and figure[1].get("dimension") == "all"
                ]
            )
            assert surveys.EXPECTED_FIGURES, name
            assert_figures(query, surveys, by_source(name))


@pytest.fixture(scope="module")
def duckdb_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """{connector: its DuckDB file}, each built by a shop project of its own."""
    built = {}
    for name in CONNECTORS:
        root = tmp_path_factory.mktemp(f"connector_{name}")
        module = fixture(name)
        db = root / "analytics.duckdb"
        execute_duckdb(db, statements("duckdb", module) + _contract_surveys("duckdb", module))
        project = make_consumer_project(root, project_vars(name))
        code, output = build(project, {"SHOP_DUCKDB_PATH": str(db)})
        assert code == 0, (name, output[-5000:])
        built[name] = db
    return built


@pytest.mark.parametrize("name", CONNECTORS)
def test_duckdb_adapter_gives_the_hand_worked_rows_and_figures(duckdb_builds, name):
    query = duckdb_query(duckdb_builds[name])
    module = fixture(name)
    assert_rows(query, module)
    assert_figures(query, module)


@pytest.mark.engines
def test_postgres_builds_every_connector_stacked(
    tmp_path_factory: pytest.TempPathFactory, postgres_server: dict[str, str]
):
    """Every connector in one PostgreSQL project, its data tests included."""
    env = new_postgres_database(postgres_server, "connectors_stacked")
    execute_postgres(env, stacked_statements("postgres"))
    project = make_consumer_project(tmp_path_factory.mktemp("pg_stacked"), stacked_vars())
    code, output = build(project, env, target="postgres")
    assert code == 0, output[-5000:]
    assert_stacked(postgres_query(env))


@pytest.mark.engines
def test_spark_builds_every_connector_stacked(tmp_path_factory: pytest.TempPathFactory):
    """Every connector in one Spark project (models only: the data tests run on the other
    engines), read once dbt has exited from the Parquet files of its tables."""
    root = tmp_path_factory.mktemp("connectors_spark")
    execute_spark(root, stacked_statements("spark"))
    project = make_consumer_project(root, stacked_vars())
    options = ("--exclude-resource-type", "test")
    code, output = build(project, spark_env(root), target="spark", options=options)
    assert code == 0, output[-5000:]
    assert_stacked(parquet_query(root / "warehouse", [MARTS, STAGING]))


def _source_tables(text: str) -> dict[str, list[str]]:
    """{var: its sources} from a Markdown table of `| input | var | sources |` rows."""
    rows = re.findall(r"^ *\| \w+ \| `(cx_\w+_source)` \| (.+?) \|$", text, flags=re.MULTILINE)
    return {var: re.findall(r"`(\w+)`", sources) for var, sources in rows}


def test_the_docs_list_the_sources_the_package_takes():
    """The README's and docs/connectors.md's tables of sources are the macro's list."""
    macro = (connector_fixtures.REPO / "macros/adapters/_cx_input_sources.sql").read_text()
    declared = {
        var: re.findall(r"'(\w+)'", sources)
        for var, sources in re.findall(r"\('(cx_\w+_source)', \[(.*?)\]\)", macro)
    }
    assert sorted(declared) == sorted(SOURCE_VARS)
    assert _source_tables(connector_fixtures.DOCS.read_text()) == declared
    assert _source_tables((connector_fixtures.REPO / "README.md").read_text()) == declared


def test_a_missing_connector_column_stops_the_build_naming_it(tmp_path):
    """Structure is checked before anything is built: the table, the column and the vars."""
    module = fixture("zendesk")
    db = tmp_path / "analytics.duckdb"
    drop = "alter table zendesk.ticket_comment drop column public"
    execute_duckdb(db, [*statements("duckdb", module), drop])
    project = make_consumer_project(tmp_path, project_vars("zendesk"))
    code, output = build(project, {"SHOP_DUCKDB_PATH": str(db)})
    assert code != 0
    assert "zendesk table 'ticket_comment'" in output
    assert "has no column 'public'" in output
    assert "cx_zendesk_schema" in output


def _declared_tables(name: str) -> set[str]:
    """The tables of a connector's source in the package (the tables its adapters read)."""
    path = connector_fixtures.REPO / f"models/staging/adapters/{name}/_{name}__sources.yml"
    (source,) = yaml.safe_load(path.read_text())["sources"]
    return {table["name"] for table in source["tables"]}


def test_dagster_shows_each_connector_table_as_a_raw_asset(tmp_path):
    """Lineage starts at the connectors' tables: raw/<connector>/<table> external assets,
    keys that never meet the contract's inputs (Delighted's survey_responses among them)."""
    from cx_metrics.orchestration.assets import raw_input_specs
    from cx_metrics.orchestration.translator import CxDbtTranslator

    project = make_consumer_project(tmp_path, stacked_vars())
    env = {"SHOP_DUCKDB_PATH": str(tmp_path / "analytics.duckdb")}
    for command in (["deps"], ["parse"]):
        code, output = run_consumer_dbt(project, command, env)
        assert code == 0, output[-3000:]
    manifest = json.loads((project / "target" / "manifest.json").read_text())
    translator = CxDbtTranslator()
    found: dict[str, set[str]] = {}
    for spec in raw_input_specs(manifest, translator, connectors=True):
        raw, connector, table = spec.key.path
        assert raw == "raw", spec.key
        found.setdefault(connector, set()).add(table)
    assert found == {name: _declared_tables(name) for name in CONNECTORS}
    for name in CONNECTORS:  # each fixture holds every table its adapters read
        assert _declared_tables(name) <= set(fixture(name).TABLES), name
    inputs = {spec.key for spec in raw_input_specs(manifest, translator)}
    assert AssetKey(["raw", "survey_responses"]) in inputs
    keys = [translator.get_asset_key(props) for props in manifest["sources"].values()]
    assert len(keys) == len(set(keys))
