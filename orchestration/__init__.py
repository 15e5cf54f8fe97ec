"""Dagster definitions: dbt models, seeds and tests as assets and checks, the Great
Expectations suites as blocking checks on the raw inputs, and a daily refresh schedule.
Importable as cx_metrics.orchestration; `dagster dev` loads cx_metrics.orchestration.definitions."""
