"""Checks on the raw inputs: the Great Expectations suites (blocking) and freshness (warning)."""

import json
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from string import Template

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckKey,
    AssetCheckResult,
    AssetChecksDefinition,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetKey,
    AssetSpec,
    PipesSubprocessClient,
    multi_asset_check,
)
from dagster_dbt import DbtCliResource

from cx_metrics.orchestration.project import prune_build_folders
from cx_metrics.orchestration.publishing import DuckdbPublisher
from cx_metrics.orchestration.settings import CxSettings
from cx_metrics.project import DbtSettings, target_root
from cx_metrics.refresh import cx_command

# The check cx-metrics validate --dagster-pipes reports (expectations/pipes.py); not imported
# from there, which would load Great Expectations into every code location that loads this.
CHECK_NAME = "great_expectations"
# The tag of a run started for new loads: its validation reads only those loads.
NEW_LOADS_TAG = "cx/new_loads"
EVENT_TIME = {
    "survey_responses": "responded_at",
    "customers": "started_at",
    "support_tickets": "created_at",
    "feedback_followups": "followed_up_at",
    "orders": "ordered_at",
    "reviews": "posted_at",
}


def run_validation(
    context: AssetCheckExecutionContext, settings: DbtSettings, scope: Sequence[str]
) -> dict[AssetKey, AssetCheckResult]:
    """`cx-metrics validate` on the project, with its target and vars, in a child process (it
    opens the database, and on Spark a JVM, that end with it); each input's check arrives
    through Dagster Pipes. scope: more options (--only, --new-loads)."""
    invocation = PipesSubprocessClient().run(
        context=context.op_execution_context,
        command=cx_command("validate", settings, "--dagster-pipes", *scope),
        cwd=str(settings.project_dir),
    )
    return {r.asset_key: r for r in invocation.get_results() if isinstance(r, AssetCheckResult)}


# One input's newest event time (UTC, as text), parsed as staging parses it, read from where
# the package reads the input (a table, or Parquet files): the same on every target. Not
# `dbt source freshness`: its loaded_at_field takes max() of the raw column, and the input
# contract allows text times with offsets, whose max() as text is not the newest time.
FRESHNESS_SQL = Template(
    "select '$name' as input_name, cast(max({{ cx_metrics.parse_timestamp('$column') }})"
    " as {{ dbt.type_string() }}) as newest_at from {{ cx_metrics.cx_source('$name') }}"
)


def freshness_sql(inputs: Sequence[str]) -> str:
    return "\nunion all\n".join(
        FRESHNESS_SQL.substitute(name=name, column=EVENT_TIME[name]) for name in inputs
    )


def newest_rows(
    dbt: DbtCliResource, settings: DbtSettings, inputs: Sequence[str]
) -> dict[str, datetime | None]:
    """`dbt show` of freshness_sql in a child process; {} when it fails (no freshness)."""
    if not inputs:
        return {}
    folder = target_root(settings.project_dir) / f"cx_dbt_input_checks-{uuid.uuid4().hex[:7]}"
    args = ["show", "--inline", freshness_sql(inputs), "--output", "json", "--limit", "10"]
    invocation = dbt.cli([*args, *settings.options()], raise_on_error=False, target_path=folder)
    rows: list[dict] = []
    for event in invocation.stream_raw_events():
        if event.raw_event["info"]["name"] == "ShowNode":
            rows = json.loads(event.raw_event["data"]["preview"])
    prune_build_folders(settings.project_dir)
    return {
        row["input_name"]: datetime.fromisoformat(row["newest_at"]) if row["newest_at"] else None
        for row in rows
    }


def _freshness(key: AssetKey, newest: datetime | None, limit: int) -> AssetCheckResult:
    now = datetime.now(UTC).replace(tzinfo=None)
    age = (now - newest).total_seconds() / 3600 if newest else None
    return AssetCheckResult(
        asset_key=key,
        check_name="freshness",
        passed=age is not None and age <= limit,
        severity=AssetCheckSeverity.WARN,
        metadata={
            "newest_row_at": str(newest),
            "age_hours": round(age, 1) if age is not None else -1.0,
            "max_age_hours": limit,
        },
    )


def _validation(key: AssetKey, results: dict[AssetKey, AssetCheckResult]) -> AssetCheckResult:
    if key in results:
        return results[key]
    # validation and the manifest disagree on which inputs are on
    return AssetCheckResult(
        asset_key=key,
        check_name=CHECK_NAME,
        passed=False,
        metadata={"problem": "not validated: cx-metrics validate did not report this input"},
    )


# Inputs whose suite is an op of its own: a new-loads run selects it whole, since Dagster
# drops a blocking check's hold on the ops downstream when it runs part of a multi-check op.
OWN_OP_INPUTS = ("survey_responses",)
SURVEY_CHECK_OP = "survey_input_check"


def validation_specs(inputs: Sequence[AssetSpec], after: Sequence[AssetKey]) -> list:
    """Per input: great_expectations (blocking), run after `after`."""
    return [
        AssetCheckSpec(
            name=CHECK_NAME,
            asset=spec.key,
            blocking=True,
            additional_deps=after,
            description="The input's Great Expectations suite (expectations/suites.py): a"
            " failed blocking expectation stops everything downstream in the run.",
        )
        for spec in inputs
    ]


def freshness_specs(inputs: Sequence[AssetSpec], after: Sequence[AssetKey]) -> list:
    """Per input: freshness (a warning), run after `after`."""
    return [
        AssetCheckSpec(
            name="freshness",
            asset=spec.key,
            additional_deps=after,
            description="The newest row is at most CX_INPUT_MAX_AGE_HOURS (48) old (a warning).",
        )
        for spec in inputs
    ]


def _selected(context: AssetCheckExecutionContext, inputs: Sequence[AssetSpec], name: str):
    return [
        s.key for s in inputs if AssetCheckKey(s.key, name) in context.selected_asset_check_keys
    ]


def validation_scope(context: AssetCheckExecutionContext, chosen: Sequence[AssetKey]) -> list[str]:
    """--only per input checked; --new-loads for a new-loads run (its tag)."""
    only = [f"--only={k.path[-1]}" for k in chosen]
    return only + (["--new-loads"] if is_new_loads_run(context) else [])


def is_new_loads_run(context: AssetExecutionContext | AssetCheckExecutionContext) -> bool:
    """A run the cx_new_loads sensor started (its tag)."""
    return context.run.tags.get(NEW_LOADS_TAG) == "true"


def _checks_op(
    name: str,
    specs: list[AssetCheckSpec],
    inputs: Sequence[AssetSpec],
    settings: DbtSettings,
) -> AssetChecksDefinition:
    """One op: validates the inputs whose great_expectations check is selected (one
    `cx-metrics validate`), then reads the newest rows of those whose freshness is."""

    @multi_asset_check(specs=specs, name=name, can_subset=True)
    def checks(
        context: AssetCheckExecutionContext,
        dbt: DbtCliResource,
        cx_publisher: DuckdbPublisher,
        cx_settings: CxSettings,
    ) -> Iterator[AssetCheckResult]:
        validated = _selected(context, inputs, CHECK_NAME)
        results = {}
        if validated:
            results = run_validation(context, settings, validation_scope(context, validated))
        for key in validated:
            yield _validation(key, results)
        fresh = _selected(context, inputs, "freshness")
        # An input validation could not read would fail the one query of all inputs.
        readable = [k for k in fresh if "problem" not in getattr(results.get(k), "metadata", {})]
        newest = newest_rows(dbt, settings, [k.path[-1] for k in readable])
        if readable and not newest:
            context.log.warning("freshness: `dbt show` of the inputs' newest rows failed")
        for key in fresh:
            yield _freshness(key, newest.get(key.path[-1]), cx_settings.input_max_age_hours)

    return checks


def survey_check(checks: Sequence[AssetChecksDefinition]) -> AssetChecksDefinition:
    """The op of the survey input's suite, of input_checks' ops."""
    return next(c for c in checks if c.node_def.name == SURVEY_CHECK_OP)


def input_checks(
    inputs: Sequence[AssetSpec], after: Sequence[AssetKey], settings: DbtSettings
) -> list[AssetChecksDefinition]:
    """The inputs' checks, which run after the seeds (`after`: they hold the label map and,
    in the demo, the inputs themselves): the survey input's suite in an op of its own (the
    new-loads job's: on its new loads only), the rest and every input's freshness in
    `input_checks`, validated together."""
    own = [s for s in inputs if s.key.path[-1] in OWN_OP_INPUTS]
    rest = [s for s in inputs if s not in own]
    specs = [*validation_specs(rest, after), *freshness_specs(inputs, after)]
    ops = [_checks_op("input_checks", specs, inputs, settings)]
    if own:
        ops.insert(0, _checks_op(SURVEY_CHECK_OP, validation_specs(own, after), own, settings))
    return ops
