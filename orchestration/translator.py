"""How dbt nodes appear in Dagster: readable keys grouped by layer, raw inputs as their sources."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dagster import AssetKey
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings

RAW_GROUP = "raw"


class CxDbtTranslator(DagsterDbtTranslator):
    """Keys are <layer>/<name>: raw/survey_responses, staging/stg_cx__customers, marts/cx__nps."""

    def __init__(self) -> None:
        super().__init__(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))

    @staticmethod
    def layer(props: Mapping[str, Any]) -> str:
        if props["resource_type"] == "source":
            return RAW_GROUP
        if props["resource_type"] == "seed":
            return "seeds"
        folders = props.get("fqn", [])[1:-1]
        return folders[0] if folders else "models"

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        return AssetKey([self.layer(dbt_resource_props), dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return self.layer(dbt_resource_props)
