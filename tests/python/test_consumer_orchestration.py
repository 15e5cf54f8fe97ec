"""Dagster on a user's own dbt project: build_definitions(project_dir=<the shop project>).

The shop project (consumer.py) has its own profile, its own models `orders`, `customers`
(named like the package's input on purpose) and `monthly_nps` (on top of cx__nps), and reads
the package's inputs from schema raw. Expected values come from consumer.INPUTS, parsed here
with Python, never from a build. The shop's cx_refresh run itself, and `cx-metrics validate` in
its folder, are run from the installed wheel (test_wheel.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import downstream
from consumer import INPUTS, load_duckdb, make_consumer_project
from dagster import AssetKey, DagsterInstance, Definitions

from cx_metrics.orchestration import build_definitions

SHOP_MODELS = ["orders", "customers", "monthly_nps"]
EVENT_TIME = {
    "survey_responses": "responded_at",
    "customers": "started_at",
    "support_tickets": "created_at",
    "feedback_followups": "followed_up_at",
}
SURVEYS_ONLY = {
    "cx_using_customers": False,
    "cx_using_support_tickets": False,
    "cx_using_feedback_followups": False,
}
# Settings of this checkout's own runs that would redirect the shop project's.
FOREIGN_ENV = [
    "DBT_TARGET_PATH",
    "DBT_LOG_PATH",
    "DBT_PROFILES_DIR",
    "DBT_PROJECT_DIR",
    "CX_DUCKDB_PATH",
    "CX_DBT_PROJECT_DIR",
    "CX_DBT_PROFILES_DIR",
    "CX_DBT_TARGET",
    "CX_DBT_VARS",
]


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, Definitions]]:
    """The shop project with its typed inputs in DuckDB, and its definitions (the profile from
    the project folder, as by default): (project, DuckDB file, definitions)."""
    root = tmp_path_factory.mktemp("dagster_shop")
    project, db = make_consumer_project(root), root / "analytics.duckdb"
    load_duckdb(db, INPUTS)
    with pytest.MonkeyPatch.context() as patch:
        for name in FOREIGN_ENV:
            patch.delenv(name, raising=False)
        patch.setenv("SHOP_DUCKDB_PATH", str(db))
        yield project, db, build_definitions(project_dir=project)


def test_lineage_has_the_shop_models_the_marts_and_the_raw_inputs(shop):
    graph = shop[2].resolve_asset_graph()
    keys = graph.get_all_asset_keys()
    assert {AssetKey(["shop", name]) for name in SHOP_MODELS} <= keys
    assert {graph.get(AssetKey(["shop", name])).group_name for name in SHOP_MODELS} == {"shop"}
    assert graph.get(AssetKey(["shop", "customers"])).parent_keys == {AssetKey(["shop", "orders"])}
    assert (
        AssetKey(["marts", "cx__nps"]) in graph.get(AssetKey(["shop", "monthly_nps"])).parent_keys
    )
    assert {AssetKey(["marts", "cx__nps"]), AssetKey(["marts", "cx__cx_index"])} <= keys
    for name in EVENT_TIME:
        staging = graph.get(AssetKey(["staging", f"stg_cx__{name}"]))
        assert AssetKey(["raw", name]) in staging.parent_keys
    # The raw input customers and the shop's customers model are two assets, two tables.
    specs = {spec.key: spec for spec in shop[2].resolve_all_asset_specs()}
    table = specs[AssetKey(["raw", "customers"])].metadata["dagster/table_name"]
    assert table.split(".")[-2:] == ['"raw"', '"customers"']
    assert AssetKey(["shop", "customers"]) not in downstream(graph, AssetKey(["raw", "customers"]))


def test_a_run_that_leaves_a_selected_model_unbuilt_fails(tmp_path, shop, monkeypatch):
    """The definitions loaded, then the user switched a model off: dbt exits well without it,
    and the run must not look green."""
    project = make_consumer_project(tmp_path, SURVEYS_ONLY)
    db = tmp_path / "analytics.duckdb"
    load_duckdb(db, {"survey_responses": INPUTS["survey_responses"]})
    monkeypatch.setenv("SHOP_DUCKDB_PATH", str(db))
    defs = build_definitions(project_dir=project, profiles_dir=project)
    model = project / "models" / "monthly_nps.sql"
    model.write_text("{{ config(enabled=false) }}\n" + model.read_text())
    folder = Path.cwd()
    result = defs.resolve_job_def("cx_refresh").execute_in_process(
        instance=DagsterInstance.ephemeral(), raise_on_error=False
    )
    # dagster-dbt's row counts pushd into the project from several threads; the run must not
    # leave this process there (a later command would read the shop project by default).
    assert Path.cwd() == folder
    assert not result.success
    (failure,) = [e for e in result.all_events if e.is_step_failure]
    assert "not built: shop/monthly_nps." in failure.step_failure_data.error.message
    built = {e.materialization.asset_key for e in result.get_asset_materialization_events()}
    assert AssetKey(["marts", "cx__nps"]) in built  # the rest was built


def test_switched_off_inputs_have_no_raw_asset(tmp_path, shop):
    project = make_consumer_project(tmp_path, SURVEYS_ONLY)
    defs = build_definitions(project_dir=project, profiles_dir=project)
    graph = defs.resolve_asset_graph()
    raw = {k for k in graph.get_all_asset_keys() if k.path[0] == "raw"}
    assert raw == {AssetKey(["raw", "survey_responses"])}
    assert {AssetKey(["shop", name]) for name in SHOP_MODELS} <= graph.get_all_asset_keys()
    checked = {c.asset_key for c in graph.asset_check_keys if c.name == "great_expectations"}
    assert checked == raw


def test_the_code_location_finds_the_project_from_the_environment(shop, monkeypatch):
    project = shop[0]
    monkeypatch.setenv("CX_DBT_PROJECT_DIR", str(project))
    monkeypatch.setenv("CX_DBT_PROFILES_DIR", str(project))
    keys = build_definitions().resolve_asset_graph().get_all_asset_keys()
    assert {AssetKey(["shop", name]) for name in SHOP_MODELS} <= keys
    assert AssetKey(["raw", "customers"]) in keys
