"""What validation reads, taken from dbt itself so it can never drift from the build.

One `dbt compile` of the staging models and the `cx_validation_settings` analysis, with the same
--target and --vars a build would get, yields the inputs' locations, the thresholds and scales
(dbt_project.yml vars), and the staging SQL that parses and flags every raw row. Structural
problems (a missing table or column) come back as the readable errors of the `cx_source` macro.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from cx_metrics.project import run_dbt

SETTINGS_ANALYSIS = "cx_validation_settings"
STAGING_MODELS = {
    "survey_responses": "stg_cx__survey_responses",
    "customers": "stg_cx__customers",
    "support_tickets": "stg_cx__support_tickets",
    "feedback_followups": "stg_cx__feedback_followups",
}


@dataclass
class TableSettings:
    name: str
    relation: str
    key: list[str]
    columns: list[str]
    staging_sql: str | None = None  # None when the table could not be compiled
    problem: str | None = None  # a structural problem, as one readable line


@dataclass
class ValidationSettings:
    target_type: str
    tables: dict[str, TableSettings]
    labels_relation: str
    labels_model: str
    csat_scale: dict[str, float]
    ces_scale: dict[str, float]
    max_rejected_pct: float
    min_key_present_pct: float
    dbt_args: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return [t.problem for t in self.tables.values() if t.problem]


def _one_line(message: str) -> str:
    """The cx_metrics sentence out of a dbt error, without dbt's framing."""
    found = re.search(r"cx_metrics: (.*?)(?:\n|$)", message)
    text = found.group(1) if found else message.strip().splitlines()[-1]
    return re.sub(r"\s+", " ", text).strip()


def load_settings(dbt_args: list[str]) -> ValidationSettings:
    """Compile the settings analysis and the staging models; raise SystemExit if dbt fails."""
    selection = [SETTINGS_ANALYSIS, *STAGING_MODELS.values()]
    # Errors come back in the results; the log level keeps dbt from echoing compiled nodes.
    result = run_dbt(["compile", "--log-level", "none", "--select", *selection, *dbt_args])
    if result.result is None:
        raise SystemExit(f"cx-metrics validate: dbt could not compile: {result.exception}")
    compiled = {r.node.name: r for r in result.result.results}
    if SETTINGS_ANALYSIS not in compiled or str(compiled[SETTINGS_ANALYSIS].status) != "success":
        message = compiled[SETTINGS_ANALYSIS].message if SETTINGS_ANALYSIS in compiled else ""
        raise SystemExit(f"cx-metrics validate: could not read the settings: {message}")
    raw = json.loads(compiled[SETTINGS_ANALYSIS].node.compiled_code)
    tables = {}
    for name, table in raw["tables"].items():
        settings = TableSettings(
            name=name, relation=table["relation"], key=table["key"], columns=table["columns"]
        )
        node = compiled.get(table["staging_model"])
        if node is not None and str(node.status) == "success":
            settings.staging_sql = node.node.compiled_code
        else:
            settings.problem = _one_line(node.message if node is not None else "not compiled")
        tables[name] = settings
    return ValidationSettings(
        target_type=raw["target_type"],
        tables=tables,
        labels_relation=raw["labels_relation"],
        labels_model=raw["labels_model"],
        csat_scale=raw["csat_scale"],
        ces_scale=raw["ces_scale"],
        max_rejected_pct=float(raw["max_rejected_pct"]),
        min_key_present_pct=float(raw["min_key_present_pct"]),
        dbt_args=dbt_args,
    )
