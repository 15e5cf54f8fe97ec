"""The input contract is declared once, in the sources yml, and everything reads it there.

A throwaway optional column added to a copy of the package in that one place reaches staging
(parsed by its kind, carried, an unparseable value rejected with its raw value kept), validation
(a count of the rows without it) and dbt's docs (the manifest the docs site reads); an input
without the column still builds. The table of docs/inputs.md is generated from the same file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import contract  # beside this module
import pytest
import yaml
from conftest import BIN, FIXTURES, REPO, dbt_env, load_raw_csvs, own_inputs, query, relation

from cx_metrics.expectations.runner import expectation_rows, validate
from cx_metrics.project import close_duckdb_in_process

# The throwaway columns: (input, column, its meta).
LANGUAGE = ("survey_responses", "language", {"kind": "text", "required": False})
FIRST_CONTACT = ("support_tickets", "first_contact_at", {"kind": "timestamp", "required": False})
# The label map (a seed staging reads) and the staging of the two inputs.
STAGING = [
    "cx_score_labels",
    "base_cx__survey_responses",
    "stg_cx__survey_responses",
    "stg_cx__support_tickets",
]
SURVEYS, TICKETS = relation("stg_cx__survey_responses"), relation("stg_cx__support_tickets")
COPIED = shutil.ignore_patterns(
    ".git", ".venv", "build", "target", "dbt_packages", "logs", "*.duckdb*"
)


def test_the_documented_table_is_generated_from_the_sources_yml():
    page = contract.INPUTS_DOC.read_text()
    assert contract.with_table(page) == page, "run: python tests/python/contract.py"


def test_every_input_column_is_described_with_its_kind():
    for table, columns in contract.contract().items():
        for column, meta in columns.items():
            assert meta.get("kind") in {"text", "number", "integer", "timestamp"}, (table, column)
            assert isinstance(meta.get("required"), bool), (table, column)


def _package_with_optional_columns(root: Path) -> Path:
    """A copy of the package whose sources yml, and nothing else, declares the throwaway columns."""
    package = root / "package"
    shutil.copytree(REPO, package, ignore=COPIED, symlinks=True)
    sources_yml = package / contract.SOURCES_YML.relative_to(REPO)
    sources = yaml.safe_load(sources_yml.read_text())
    tables = {t["name"]: t for t in sources["sources"][0]["tables"]}
    for table, column, meta in (LANGUAGE, FIRST_CONTACT):
        description = f"A throwaway optional column ({meta['kind']})."
        tables[table]["columns"].append({"name": column, "description": description, "meta": meta})
    sources_yml.write_text(yaml.safe_dump(sources, sort_keys=False))
    return package / "integration_tests"


def _dbt(project: Path, db: Path, *args: str) -> None:
    options = ["--project-dir", str(project), "--profiles-dir", str(project)]
    env = {**os.environ, **dbt_env(db)}
    done = subprocess.run(
        [str(BIN / "dbt"), *args, *options], cwd=project, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-5000:]


def _build_staging(project: Path, db: Path, *options: str) -> None:
    selection = ["-s", *STAGING, "--exclude-resource-type", "unit_test"]
    _dbt(project, db, "build", *selection, *options, "--vars", json.dumps(own_inputs()))


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the copied integration project, its DuckDB file): the small fixture with the throwaway
    columns (language on the answers without a 9 in their score; first_contact_at unparseable
    on ticket t1), staging built."""
    root = tmp_path_factory.mktemp("contract")
    project = _package_with_optional_columns(root)
    db = root / "contract.duckdb"
    load_raw_csvs(db, FIXTURES / "small")
    query(db, "alter table raw.survey_responses add column language varchar")
    query(db, "update raw.survey_responses set language = ' en ' where score not like '%9%'")
    query(db, "alter table raw.support_tickets add column first_contact_at varchar")
    query(
        db,
        "update raw.support_tickets set first_contact_at ="
        " case ticket_id when 't1' then 'soon' else '2025-03-12 09:30:00' end",
    )
    _dbt(project, db, "deps")
    _build_staging(project, db)
    return project, db


def test_an_optional_column_reaches_staging(copy):
    _, db = copy
    # Trimmed where the input had it; null where it had none.
    staged = (
        f"select distinct staged.language, raw.score like '%9%' from {SURVEYS}"
        " as staged join raw.survey_responses as raw using (response_id)"
    )
    assert set(query(db, staged)) == {("en", False), (None, True)}
    tickets = dict(query(db, f"select ticket_id, rejection_reason from {TICKETS}"))
    assert tickets["t1"] == "unparseable timestamp"  # t1 is otherwise a valid ticket
    (raw,) = query(db, f"select raw_record from {TICKETS} where ticket_id = 't1'")[0]
    assert json.loads(raw)["first_contact_at"] == "soon"
    t2 = f"select first_contact_at from {TICKETS} where ticket_id = 't2'"
    assert [str(parsed) for (parsed,) in query(db, t2)] == ["2025-03-12 09:30:00"]


def test_an_optional_column_reaches_validation(copy, monkeypatch):
    project, db = copy
    for name, value in {**dbt_env(db), "CX_DBT_PROJECT_DIR": str(project)}.items():
        monkeypatch.setenv(name, value)
    report = validate(["--vars", json.dumps(own_inputs())])
    close_duckdb_in_process()  # dbt in process keeps the file open; the next test builds on it
    rows = {
        table.name: {row.problem: row for row in expectation_rows(table.result)}
        for table in report.tables
    }
    ((no_language,),) = query(db, "select count(*) - count(language) from raw.survey_responses")
    counted = rows["survey_responses"]["rows without the optional column language"]
    assert counted.success and counted.unexpected_count == no_language > 0
    assert "rows without the optional column first_contact_at" in rows["support_tickets"]


def test_an_optional_column_reaches_the_docs(copy):
    _, db = copy
    manifest = json.loads((db.parent / "target" / "manifest.json").read_text())
    source = manifest["sources"]["source.cx_metrics.cx_metrics.survey_responses"]
    column = source["columns"]["language"]
    assert column["description"] and column["meta"]["kind"] == "text"


def test_an_input_without_the_optional_column_still_builds(copy):
    project, db = copy
    query(db, "alter table raw.survey_responses drop column language")
    # An incremental table changes its columns only with a full refresh (docs/inputs.md: Loads).
    _build_staging(project, db, "--full-refresh")
    assert query(db, f"select count(language) from {SURVEYS}") == [(0,)]
