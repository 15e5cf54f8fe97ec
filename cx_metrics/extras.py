"""The optional extras (pyproject.toml) by role: what each command imports, and the message a
user gets instead of an ImportError when its extra is not installed."""

from __future__ import annotations

import importlib.util
import re

# {extra: the module whose absence means the extra is missing}.
EXTRA_MODULES = {
    "validate": "great_expectations",
    "dashboard": "plotly",
    "dagster": "dagster_dbt",
    "semantic": "dbt_metricflow",
    "postgres": "dbt.adapters.postgres",
    "spark": "dbt.adapters.spark",
}
# {dbt adapter type of a target: the extra that installs it}; DuckDB is in the core.
ADAPTER_EXTRAS = {"postgres": "postgres", "spark": "spark"}
# dbt's words when a target's adapter is not installed.
MISSING_ADAPTER = re.compile(r"Could not find adapter type (\w+)")


class MissingExtra(SystemExit):
    """A command needs an extra that is not installed: exits with the install line."""

    def __init__(self, extra: str, what: str) -> None:
        super().__init__(
            f"cx-metrics: {what} needs the [{extra}] extra, which is not installed:"
            f" pip install 'cx-metrics[{extra}]'"
        )
        self.extra = extra


def installed(extra: str) -> bool:
    try:
        return importlib.util.find_spec(EXTRA_MODULES[extra]) is not None
    except ModuleNotFoundError:  # a parent package (dbt.adapters) is missing too
        return False


def require(extras: str | list[str], what: str) -> None:
    """Raise MissingExtra for the first of extras that is not installed."""
    for extra in [extras] if isinstance(extras, str) else extras:
        if not installed(extra):
            raise MissingExtra(extra, what)


def require_adapter(adapter_type: str, target: str | None) -> None:
    """The extra of a dbt target's adapter, when one is needed (DuckDB needs none)."""
    extra = ADAPTER_EXTRAS.get(adapter_type)
    if extra:
        require(extra, f"the dbt target {target or '(default)'} ({adapter_type})")


def explain_missing_adapter(error: object, target: str | None) -> None:
    """When error is dbt's missing-adapter error, raise MissingExtra naming the adapter's extra."""
    found = MISSING_ADAPTER.search(str(error))
    if found:
        require_adapter(found.group(1), target)
