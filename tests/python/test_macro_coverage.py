"""Every public macro is tested and documented (issue 35): called by a test model of its own in
integration_tests/models/macro_tests/ (inputs worked out by hand, as dbt-utils tests its
macros), or named in the allow-list below with the models and tests that cover it; and every
one has an entry in macros/_macros.yml or macros/metrics/_significance__macros.yml.

Pure file reading, no dbt: a macro added without a test or docs fails here at once.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
MACROS = REPO / "macros"
MACRO_TESTS = REPO / "integration_tests" / "models" / "macro_tests"
MACRO_DOCS = (MACROS / "_macros.yml", MACROS / "metrics" / "_significance__macros.yml")
# The page that lists every public macro for users, and says which are dispatched.
MACRO_PAGE = REPO / "docs" / "macros.md"

# The macros that only make sense inside a model's run (they read the warehouse, a model's own
# table, a relation or the package's vars), not on literals: name -> what covers it.
ALLOW_LIST = {
    # metrics/: builders of whole selects over a relation
    "aggregate_by_period": "cx__nps, cx__csat, cx__ces, cx__service_levels; unit test "
    "metric_grain_weeks_months_quarters_and_dimensions",
    "grain_branches": "aggregate_by_period and median_by_period (their models and unit tests)",
    "median_by_period": "cx__service_levels; unit test "
    "service_levels_averages_even_medians_and_fcr",
    "customer_flows": "cx__customer_churn, cx__activity_churn; unit tests "
    "churn_flows_at_period_boundaries, activity_churn_flows_returns_and_open_periods",
    "period_spine": "cx__customer_churn, cx__activity_churn, cx__revenue_by_nps; unit test "
    "churn_by_dimension_has_every_period",
    "running_totals": "cx__revenue_by_nps, cx__revenue_at_risk; unit tests in "
    "models/marts/revenue/_revenue__unit_tests.yml",
    "nps_category_spells": "cx__revenue_by_nps, cx__revenue_at_risk; unit test "
    "revenue_by_nps_category_switches_at_the_period_after_the_answer",
    # cross_db/: reads the package's var cx_as_of_timestamp, unseen by the test project's models
    "as_of_timestamp": "cx__feedback_followups, cx__close_the_loop, cx__customer_health; unit "
    "test followup_status_closed_late_overdue_open",
    # alerts/: a relation of the alert ledger's Parquet export
    "alert_audit": "cx__followup_alerts; tests/python/test_alerts.py",
    # incremental/: read the model's own table or the built survey answers
    "incremental_cutoff_date": "cx__survey_responses, survey_metrics_since; test_incremental.py",
    "latest_loaded_at": "stg_cx__survey_responses, cx__survey_responses; "
    "test_incremental_by_load.py",
    "loaded_through": "cx__nps, cx__csat, cx__ces; test_incremental_by_load.py",
    "survey_metric_config": "cx__nps, cx__csat, cx__ces; test_incremental.py",
    "survey_metrics_since": "cx__nps, cx__csat, cx__ces; test_incremental_by_load.py",
    "survey_rejections_built_through": "int_cx__survey_responses_rejected; "
    "test_incremental_by_load.py",
    "survey_rows_without_load_time": "stg_cx__survey_responses; test_incremental_by_load.py",
    # inputs/: read the inputs, their contract and the warehouse's column types
    "cx_source": "every staging model; test_structure.py, test_optional_inputs.py",
    "cx_input_columns": "every staging model and cx_source; test_structure.py",
    "cx_input_contract": "cx_input_columns, cx_optional_columns and the staging models; "
    "test_input_contract.py",
    "cx_optional_columns": "the staging models; test_input_contract.py, test_optional_inputs.py",
    "cx_input_kinds": "every staging model; test_consumer.py (typed inputs)",
    "cx_using": "the models of the optional inputs; test_optional_inputs.py",
    "node_named_by": "score_labels (every survey build) and cx__comment_topics' taxonomy; "
    "test_consumer.py",
    # text/: the package's vars and rule tables behind the text macros
    "text_settings": "text_tokens and sentiment_label (test_macro_vader_scores, "
    "test_macro_sentiment_label)",
    "cx_loads_column": "stg_cx__survey_responses, cx__rejected_records; "
    "test_incremental_by_load.py",
    "cx_input_upstream": "cx_source (a hook; integration_tests/macros overrides it)",
    "cx_validation_settings": "analyses/cx_validation_settings.sql; test_validation.py",
    "raw_record": "every staging model; unit tests in models/staging/_staging__unit_tests.yml",
    "raw_record_if_rejected": "every staging model; staging unit tests",
    "row_fingerprint": "every staging model; unit test "
    "survey_duplicates_keep_the_earliest_valid_copy",
    "rejection_reason": "every staging model; staging unit tests",
    "rejection_ids": "int_cx__input_rows_rejected, cx__rejected_records; "
    "test_hostile_inputs.py (cx__rejected_records)",
    "score_labels": "base_cx__survey_responses; unit test "
    "survey_staging_parses_maps_labels_and_finds_defects",
}

MACRO_DEFINITION = re.compile(r"\{%-?\s*macro\s+(\w+)\s*\(")
# An engine's implementation of a dispatched macro (default__nps, duckdb__median), not a macro
# of its own.
ADAPTER_IMPLEMENTATION = re.compile(
    r"^(default|duckdb|postgres|spark|databricks|bigquery|snowflake|redshift|trino)__"
)
CALL = re.compile(r"cx_metrics\.(\w+)\(")
MACRO_BODY = re.compile(r"\{%-?\s*macro\s+(\w+)\s*\(.*?\{%-?\s*endmacro", re.S)
LISTED = re.compile(r"`(\w+)[(`]")


def public_macros() -> dict[str, Path]:
    """Every public macro under macros/ (not _private, not an engine's implementation)."""
    found = {}
    for path in sorted(MACROS.rglob("*.sql")):
        for name in MACRO_DEFINITION.findall(path.read_text(encoding="utf-8")):
            if not name.startswith("_") and not ADAPTER_IMPLEMENTATION.match(name):
                found[name] = path.relative_to(REPO)
    return found


def tested_macros() -> set[str]:
    """The macros called by the test models."""
    return {
        name
        for path in MACRO_TESTS.glob("*.sql")
        for name in CALL.findall(path.read_text(encoding="utf-8"))
    }


def documented_macros() -> set[str]:
    return {
        entry["name"]
        for path in MACRO_DOCS
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["macros"]
    }


def test_the_macros_are_found():
    macros = public_macros()
    assert {"nps", "parse_timestamp", "cx_source", "normal_cdf"} <= set(macros)
    assert not {"default__nps", "_cx_digits", "duckdb__median"} & set(macros)


def test_every_public_macro_has_a_test_model_or_is_allow_listed():
    untested = {
        name: str(path)
        for name, path in public_macros().items()
        if name not in tested_macros() and name not in ALLOW_LIST
    }
    assert not untested, (
        f"public macros that no model in {MACRO_TESTS.relative_to(REPO)} calls: {untested}. "
        "Fix: a test_macro_<name>.sql there on inputs worked out by hand (and its entry in "
        "_macro_tests.yml), or, for a macro that only works inside a model's run, an entry in "
        "ALLOW_LIST naming what covers it."
    )


def test_the_allow_list_names_only_untested_public_macros():
    macros = public_macros()
    stale = sorted(set(ALLOW_LIST) - set(macros))
    assert not stale, f"allow-listed names that are no public macro: {stale}"
    assert not set(ALLOW_LIST) & tested_macros(), (
        "allow-listed macros that a test model calls: take them off the allow-list"
    )


def test_every_test_model_is_declared_with_a_test():
    declared = {
        model["name"]: model.get("data_tests")
        for model in yaml.safe_load((MACRO_TESTS / "_macro_tests.yml").read_text())["models"]
    }
    for path in MACRO_TESTS.glob("*.sql"):
        assert declared.get(path.stem), f"{path.name} has no data test in _macro_tests.yml"


def test_every_public_macro_is_documented():
    documented = documented_macros()
    undocumented = {
        name: str(path) for name, path in public_macros().items() if name not in documented
    }
    assert not undocumented, f"public macros without an entry in macros/_macros.yml: {undocumented}"
    stale = documented - set(public_macros())
    assert not stale, f"entries in the macro docs for no macro: {sorted(stale)}"


def test_the_macro_page_lists_every_public_macro():
    listed = set(LISTED.findall(MACRO_PAGE.read_text()))
    missing = sorted(set(public_macros()) - listed)
    assert not missing, f"public macros that docs/macros.md does not list: {missing}"


def dispatched_macros() -> set[str]:
    """The public macros whose own body calls adapter.dispatch of their own name."""
    found = set()
    for name, path in public_macros().items():
        for body in MACRO_BODY.finditer((REPO / path).read_text(encoding="utf-8")):
            own = re.search(rf"adapter\.dispatch\(\s*['\"]{name}['\"]", body.group(0))
            if body.group(1) == name and own:
                found.add(name)
    return found


def documented_as_plain() -> set[str]:
    """The names docs/macros.md lists after "Plain:" in a bullet of its list of macros."""
    bullets = re.split(r"\n(?=- )", MACRO_PAGE.read_text())
    return {
        name
        for bullet in bullets
        if bullet.startswith("- ") and "Plain:" in bullet
        for name in LISTED.findall(bullet.split("Plain:", 1)[1])
    }


def test_the_macro_page_says_which_macros_are_dispatched():
    public = set(public_macros())
    plain = public - dispatched_macros()
    assert {"nps", "parse_number"} <= dispatched_macros() and "cx_source" in plain
    assert sorted(documented_as_plain() & public) == sorted(plain)
