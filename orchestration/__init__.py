"""Dagster definitions: dbt models, seeds and tests as assets and checks, the Great
Expectations suites as blocking checks on the raw inputs, and a daily refresh schedule, for
any dbt project that installs cx_metrics (build_definitions). Importable as
cx_metrics.orchestration; `dagster dev` loads cx_metrics.orchestration.definitions."""

from cx_metrics.extras import require

require("dagster", "the Dagster definitions (cx_metrics.orchestration)")

from cx_metrics.orchestration.factory import build_definitions  # noqa: E402

__all__ = ["build_definitions"]
