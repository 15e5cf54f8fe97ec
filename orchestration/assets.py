"""The raw inputs and every dbt model and seed, as assets (dbt tests become asset checks)."""

from collections.abc import Iterator
from pathlib import Path

import duckdb
from dagster import AssetExecutionContext, AssetKey, AssetSpec, Output
from dagster_dbt import DbtCliResource, dbt_assets

from cx_metrics.orchestration.project import cx_dbt_project, prune_build_folders
from cx_metrics.orchestration.settings import dbt_options, dbt_target
from cx_metrics.orchestration.translator import RAW_GROUP, CxDbtTranslator
from cx_metrics.project import duckdb_path

INPUTS = {
    "survey_responses": "One row per answer to a scored survey question (NPS, CSAT, CES).",
    "customers": "One row per customer relationship, from the CRM.",
    "support_tickets": "One row per support ticket, from the help desk.",
    "feedback_followups": "Optional close-the-loop actions on survey responses.",
}

cx_project = cx_dbt_project()
translator = CxDbtTranslator()

raw_inputs = [
    AssetSpec(
        key=AssetKey([RAW_GROUP, name]),
        group_name=RAW_GROUP,
        description=f"{text} Staged by the user's warehouse; see the input contract in README.",
        kinds={"duckdb"},
    )
    for name, text in INPUTS.items()
]


def _row_counts(tables: list[str]) -> dict[str, int]:
    """Rows of each built table or view, read after dbt has exited and released the file."""
    counts = {}
    con = duckdb.connect(str(duckdb_path()), read_only=True)
    try:
        for table in tables:
            try:
                counts[table] = con.execute(f'select count(*) from "{table}"').fetchone()[0]
            except duckdb.Error:
                continue
    finally:
        con.close()
    return counts


def _dbt_build(context: AssetExecutionContext, dbt: DbtCliResource) -> Iterator:
    """`dbt build` of the selected nodes and their tests, then each table's row count."""
    invocation = dbt.cli(["build", *dbt_options()], context=context)
    events = list(invocation.stream())
    names = {
        e.output_name: context.asset_key_for_output(e.output_name).path[-1]
        for e in events
        if isinstance(e, Output)
    }
    counts = _row_counts(list(names.values())) if dbt_target() in (None, "duckdb") else {}
    for event in events:
        if isinstance(event, Output) and names[event.output_name] in counts:
            row_count = counts[names[event.output_name]]
            event = event.with_metadata({**event.metadata, "dagster/row_count": row_count})
        yield event
    prune_build_folders(Path(cx_project.project_dir) / "target")


# Seeds (the label map, and the demo inputs) build first: the input checks read them.
@dbt_assets(
    manifest=cx_project.manifest_path,
    project=cx_project,
    dagster_dbt_translator=translator,
    select="resource_type:seed",
    name="cx_dbt_seeds",
)
def cx_dbt_seeds(context: AssetExecutionContext, dbt: DbtCliResource) -> Iterator:
    yield from _dbt_build(context, dbt)


@dbt_assets(
    manifest=cx_project.manifest_path,
    project=cx_project,
    dagster_dbt_translator=translator,
    exclude="resource_type:seed",
    name="cx_dbt_models",
)
def cx_dbt_models(context: AssetExecutionContext, dbt: DbtCliResource) -> Iterator:
    """Every model and its tests; runs after the blocking input checks pass."""
    yield from _dbt_build(context, dbt)
