"""The raw inputs, and every dbt model and seed of the project, as assets (dbt tests become
asset checks)."""

import os
from collections.abc import Iterator, Mapping
from typing import Any

from dagster import (
    AssetExecutionContext,
    AssetMaterialization,
    AssetsDefinition,
    AssetSpec,
    Failure,
    MetadataValue,
    Output,
)
from dagster_dbt import DbtCliResource, DbtProject, dbt_assets

from cx_metrics.orchestration.checks import is_new_loads_run
from cx_metrics.orchestration.engines import after_exit, holds_metastore, release_database
from cx_metrics.orchestration.project import prune_build_folders
from cx_metrics.orchestration.publishing import DuckdbPublisher
from cx_metrics.orchestration.translator import (
    RAW_GROUP,
    CxDbtTranslator,
    is_connector_table,
    is_raw_input,
)
from cx_metrics.project import DbtSettings
from cx_metrics.refresh import AFTER_THE_ROUND

SEEDS_OP = "cx_dbt_seeds"
MODELS_OP = "cx_dbt_models"
AFTER_ALERTS_OP = "cx_dbt_after_alerts"


def raw_input_specs(
    manifest: Mapping[str, Any], translator: CxDbtTranslator, connectors: bool = False
) -> list[AssetSpec]:
    """The package's inputs that are switched on (cx_using_*), as external assets: loaded by
    the user's warehouse, read by the staging models. With connectors, the connectors' raw
    tables the adapters read instead (docs/connectors.md)."""
    adapter = manifest["metadata"]["adapter_type"]
    chosen = is_connector_table if connectors else is_raw_input
    what = "A connector table cx_metrics reads" if connectors else "An input of cx_metrics"
    return [
        AssetSpec(
            key=translator.get_asset_key(props),
            group_name=RAW_GROUP,
            description=f"{props['description']} {what} (docs/inputs.md).",
            metadata={"dagster/table_name": props["relation_name"]},
            kinds={adapter},
        )
        for props in manifest["sources"].values()
        if chosen(props)
    ]


def new_loads_options(context: AssetExecutionContext) -> list[str]:
    """A new-loads run leaves dbt's unit tests to the daily refresh: they test the SQL on
    fixtures, not the data, so two runs of the same code cannot differ (about 3 s at 10M)."""
    return ["--exclude-resource-type", "unit_test"] if is_new_loads_run(context) else []


def _dbt_build(
    context: AssetExecutionContext, dbt: DbtCliResource, settings: DbtSettings
) -> Iterator:
    """`dbt build` of the selected nodes and their tests; each table's row count attached
    (dagster-dbt counts through the dbt adapter, once dbt has exited where the engine needs)."""
    args = ["build", *new_loads_options(context), *settings.options()]
    invocation = dbt.cli(args, context=context)
    events = invocation.stream()
    if holds_metastore(invocation):
        events = after_exit(events, invocation)
    folder = os.getcwd()
    try:
        yield from all_selected_built(context, events.fetch_row_counts())
    finally:
        # dagster-dbt counts rows in threads that each pushd into the project: their restores
        # race, and can leave this process in the project's folder.
        os.chdir(folder)
        prune_build_folders(settings.project_dir)  # failed runs' folders too
    release_database(invocation)


def all_selected_built(context: AssetExecutionContext, events: Iterator) -> Iterator:
    """The events, then a failure if dbt exited well but left a selected asset unbuilt: a model
    switched off or removed since the definitions loaded is not a green run."""
    built = set()
    for event in events:
        if isinstance(event, Output):
            built.add(context.asset_key_for_output(event.output_name))
        elif isinstance(event, AssetMaterialization):
            built.add(event.asset_key)
        yield event
    missing = sorted(key.to_user_string() for key in context.selected_asset_keys - built)
    if missing:
        raise Failure(
            description=(
                f"dbt built {len(built)} of the {len(built) + len(missing)} selected assets; not"
                f" built: {', '.join(missing)}. dbt's project no longer has them as the"
                " definitions do (a model switched off or removed since they loaded). Fix:"
                " reload the code location (or restart Dagster) so that it reads the project"
                " again."
            ),
            metadata={"not_built": MetadataValue.json(missing)},
        )


def after_alerts_assets(
    manifest: Mapping[str, Any], project: DbtProject, settings: DbtSettings, translator
) -> AssetsDefinition:
    """The models built after the round (AFTER_THE_ROUND), in a dbt command of their own: the
    alert audit's, on the copy the run goes on with once publish/metrics published the rest."""

    @dbt_assets(
        manifest=manifest,
        project=project,
        dagster_dbt_translator=translator,
        select=AFTER_THE_ROUND,
        name=AFTER_ALERTS_OP,
    )
    def after_alerts(
        context: AssetExecutionContext, dbt: DbtCliResource, cx_publisher: DuckdbPublisher
    ) -> Iterator:
        yield from _dbt_build(context, dbt, settings)

    return after_alerts


def dbt_build_assets(
    manifest: Mapping[str, Any],
    project: DbtProject,
    settings: DbtSettings,
    translator: CxDbtTranslator,
) -> tuple[AssetsDefinition, AssetsDefinition]:
    """(seeds, everything else): seeds build first, since the input checks read them (the
    label map, and the demo's inputs); the models run after the blocking input checks. Both
    take cx_publisher, so that on DuckDB they build the run's copy, never the live file.
    With alerts on (translator.after_alerts), AFTER_THE_ROUND is left to after_alerts_assets."""
    later = AFTER_THE_ROUND if translator.after_alerts else ""

    @dbt_assets(
        manifest=manifest,
        project=project,
        dagster_dbt_translator=translator,
        select="resource_type:seed",
        name=SEEDS_OP,
    )
    def seeds(
        context: AssetExecutionContext, dbt: DbtCliResource, cx_publisher: DuckdbPublisher
    ) -> Iterator:
        yield from _dbt_build(context, dbt, settings)

    @dbt_assets(
        manifest=manifest,
        project=project,
        dagster_dbt_translator=translator,
        exclude=f"resource_type:seed {later}".strip(),
        name=MODELS_OP,
    )
    def models(
        context: AssetExecutionContext, dbt: DbtCliResource, cx_publisher: DuckdbPublisher
    ) -> Iterator:
        yield from _dbt_build(context, dbt, settings)

    return seeds, models
