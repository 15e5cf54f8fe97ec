"""Dagster: definitions load, lineage, schedule, in-process runs, blocking checks, webserver."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request

import pytest
from conftest import BIN, REPO, dbt_env, query, run_dbt
from dagster import AssetKey, DagsterInstance

from cx_metrics.orchestration import settings
from cx_metrics.orchestration.definitions import defs

INPUTS = ["survey_responses", "customers", "support_tickets", "feedback_followups"]


def _downstream(graph, key: AssetKey) -> set[AssetKey]:
    seen, todo = set(), [key]
    while todo:
        for child in graph.get(todo.pop()).child_keys:
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return seen


def test_lineage_runs_from_every_raw_input_through_staging_to_marts():
    graph = defs.resolve_asset_graph()
    for name in INPUTS:
        raw, staging = AssetKey(["raw", name]), AssetKey(["staging", f"stg_cx__{name}"])
        assert raw in graph.get(staging).parent_keys
        marts = {k for k in _downstream(graph, raw) if k.path[0] == "marts"}
        assert AssetKey(["marts", "cx__rejected_records"]) in marts
        assert len(marts) >= 2, name
    nps = AssetKey(["marts", "cx__nps"])
    assert AssetKey(["raw", "survey_responses"]) in {
        k for k in graph.get_all_asset_keys() if nps in _downstream(graph, k)
    }
    groups = {graph.get(k).group_name for k in graph.get_all_asset_keys()}
    assert groups == {"raw", "seeds", "staging", "intermediate", "marts"}


def test_checks_are_blocking_validation_and_dbt_tests():
    checks = defs.resolve_asset_graph().asset_check_keys
    for name in INPUTS:
        assert any(
            c.asset_key == AssetKey(["raw", name]) and c.name == "great_expectations"
            for c in checks
        )
        assert any(c.asset_key == AssetKey(["raw", name]) and c.name == "freshness" for c in checks)
    # dbt data tests become asset checks on their models
    assert any(c.asset_key == AssetKey(["marts", "cx__nps"]) for c in checks)


def test_daily_schedule_and_its_environment_settings(monkeypatch):
    schedule = defs.get_schedule_def("cx_daily_refresh")
    assert schedule.cron_schedule == "0 5 * * *"
    assert schedule.execution_timezone == "UTC"
    assert schedule.job_name == "cx_refresh"
    monkeypatch.setenv("CX_REFRESH_CRON", "30 2 * * 1-5")
    monkeypatch.setenv("CX_REFRESH_TIMEZONE", "Europe/Berlin")
    assert (settings.refresh_cron(), settings.refresh_timezone()) == (
        "30 2 * * 1-5",
        "Europe/Berlin",
    )


@pytest.fixture(scope="module")
def dagster_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("dagster") / "dagster.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        for name, value in dbt_env(db).items():
            patch.setenv(name, value)
        yield db, patch


def _run(vars_yaml: str | None = None):
    if vars_yaml:
        os.environ["CX_DBT_VARS"] = vars_yaml
    try:
        return defs.get_job_def("cx_refresh").execute_in_process(
            instance=DagsterInstance.ephemeral(), raise_on_error=False
        )
    finally:
        os.environ.pop("CX_DBT_VARS", None)


def test_refresh_materializes_everything_then_a_bad_input_blocks_it(dagster_db):
    db, _ = dagster_db
    result = _run()
    assert result.success
    built = {e.materialization.asset_key for e in result.get_asset_materialization_events()}
    assert AssetKey(["marts", "cx__cx_index"]) in built
    (nps,) = [
        e.materialization
        for e in result.get_asset_materialization_events()
        if e.materialization.asset_key == AssetKey(["marts", "cx__nps"])
    ]
    assert (
        nps.metadata["dagster/row_count"].value == query(db, "select count(*) from cx__nps")[0][0]
    )
    gx = {
        c.asset_key.path[-1]: c.passed
        for c in result.get_asset_check_evaluations()
        if c.check_name == "great_expectations"
    }
    assert gx == dict.fromkeys(INPUTS, True)

    # Back to back, with a threshold no demo input meets: the checks block the models.
    blocked = _run("{cx_validation_max_rejected_pct: 1}")
    assert not blocked.success
    built = {
        e.materialization.asset_key.path[0] for e in blocked.get_asset_materialization_events()
    }
    assert built == {"seeds"}
    (surveys,) = [
        c
        for c in blocked.get_asset_check_evaluations()
        if c.check_name == "great_expectations" and c.asset_key.path[-1] == INPUTS[0]
    ]
    assert not surveys.passed
    assert surveys.metadata["failed_blocking"].value == ["<= 1% of rows would be rejected"]
    assert (
        surveys.metadata["failed_rows_by_problem"].value["<= 1% of rows would be rejected"] == 216
    )

    # The runs left the DuckDB file unlocked, and build folders do not pile up.
    after = run_dbt(["run", "--select", "cx__nps"], db)
    assert after.returncode == 0, after.output[-2000:]
    assert len(list((REPO / "target").glob("cx_dbt_*-*"))) <= 5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_webserver_serves_the_asset_graph_and_stops_cleanly(tmp_path):
    port = _free_port()
    env = {**os.environ, **dbt_env(tmp_path / "web.duckdb"), "DAGSTER_HOME": str(tmp_path)}
    server = subprocess.Popen(
        [
            str(BIN / "dagster-webserver"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-m",
            "cx_metrics.orchestration.definitions",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        body = json.dumps(
            {"query": "{ assetNodes { assetKey { path } dependencyKeys { path } } }"}
        ).encode()
        deadline, nodes = time.monotonic() + 90, None
        while time.monotonic() < deadline and nodes is None:
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/graphql",
                    data=body,
                    headers={"Content-Type": "application/json"},
                )
                with urllib.request.urlopen(request, timeout=10) as response:
                    nodes = json.load(response)["data"]["assetNodes"]
            except (OSError, KeyError, TypeError):
                assert server.poll() is None, server.stdout.read().decode()[-3000:]
                time.sleep(1)
        assert nodes, "the webserver did not answer within 90 s"
        parents = {
            "/".join(n["assetKey"]["path"]): {"/".join(d["path"]) for d in n["dependencyKeys"]}
            for n in nodes
        }
        assert "raw/survey_responses" in parents["staging/stg_cx__survey_responses"]
        assert "marts/cx__survey_responses" in parents["marts/cx__nps"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        assert server.wait(timeout=30) is not None
