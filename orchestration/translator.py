"""How dbt nodes appear in Dagster: the package's nodes by layer, the raw inputs as its sources,
and every other project's nodes (the user's own, the demo's seeds) under that project's name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dagster import AssetKey
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings

from cx_metrics.refresh import AFTER_THE_ROUND_TAG

PACKAGE = "cx_metrics"
RAW_GROUP = "raw"


def is_package_node(props: Mapping[str, Any]) -> bool:
    return props.get("package_name") == PACKAGE


def is_raw_input(props: Mapping[str, Any]) -> bool:
    """One of the package's four inputs (a source of the package, enabled by cx_using_*)."""
    return (
        props["resource_type"] == "source"
        and is_package_node(props)
        and props["source_name"] == PACKAGE
    )


def is_connector_table(props: Mapping[str, Any]) -> bool:
    """A connector's raw table that one of the package's adapters reads (docs/connectors.md):
    a source of the package named cx_<connector>."""
    return (
        props["resource_type"] == "source"
        and is_package_node(props)
        and props["source_name"] != PACKAGE
    )


def _has_own_key(props: Mapping[str, Any]) -> bool:
    """A node whose meta names its Dagster key (dagster-dbt's meta: {dagster: {asset_key}})."""
    meta = props.get("config", {}).get("meta") or props.get("meta") or {}
    return "asset_key" in (meta.get("dagster") or {})


class CxDbtTranslator(DagsterDbtTranslator):
    """The package's nodes: <layer>/<name> (raw/survey_responses, seeds/cx_score_labels,
    staging/stg_cx__customers, marts/cx__nps), a connector's tables raw/<connector>/<table>.
    Any other project's: <project>/<name> (and <project>/<source>/<table> for its sources), so
    a user's model named like an input (shop/customers) never meets raw/customers. dbt tests
    become asset checks."""

    def __init__(self, after_alerts: AssetKey | None = None) -> None:
        super().__init__(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))
        self.after_alerts = after_alerts

    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project: Any = None):
        """With alerts on, the models built after the round (AFTER_THE_ROUND_TAG) wait for
        after_alerts (publish/metrics, which waits for the round)."""
        spec = super().get_asset_spec(manifest, unique_id, project)
        props = self.get_resource_props(manifest, unique_id)
        if self.after_alerts and AFTER_THE_ROUND_TAG in (props.get("tags") or []):
            return spec.merge_attributes(deps=[self.after_alerts])
        return spec

    @staticmethod
    def layer(props: Mapping[str, Any]) -> str:
        if not is_package_node(props):
            return props["package_name"]
        if props["resource_type"] == "source":
            return RAW_GROUP
        if props["resource_type"] == "seed":
            return "seeds"
        folders = props.get("fqn", [])[1:-1]
        return folders[0] if folders else "models"

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        props = dbt_resource_props
        if is_connector_table(props):
            # raw/zendesk/ticket: connectors' table names repeat (Delighted's survey_responses).
            connector = props["source_name"].removeprefix("cx_")
            return AssetKey([RAW_GROUP, connector, props["name"]])
        if is_package_node(props):
            return AssetKey([self.layer(props), props["name"]])
        if _has_own_key(props):
            return super().get_asset_key(props)
        source = [props["source_name"]] if props["resource_type"] == "source" else []
        return AssetKey([props["package_name"], *source, props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return self.layer(dbt_resource_props)
