"""The extras by role (pyproject.toml) and the modules cx_metrics.extras probes for them: each
probed module comes from a distribution that its extra installs, so a missing extra is
reported by name and an installed one never is. (test_wheel.py installs the extras for real.)"""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from cx_metrics import extras

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def _requirements(extra: str, table: dict[str, list[str]]) -> set[str]:
    """The distributions an extra installs, following cx-metrics[...] to the extras it names."""
    found: set[str] = set()
    for line in table[extra]:
        name = re.match(r"[A-Za-z0-9_.-]+", line).group(0).lower().replace("_", "-")
        if name == "cx-metrics":
            for inner in re.search(r"\[(.*)\]", line).group(1).split(","):
                found |= _requirements(inner.strip(), table)
        else:
            found.add(name)
    return found


def test_each_probed_module_is_installed_by_its_extra():
    table = tomllib.loads(PYPROJECT.read_text())["project"]["optional-dependencies"]
    roles = {"validate", "dashboard", "alerts", "dagster", "semantic", "postgres", "spark"}
    assert _requirements("all", table) == set().union(*(_requirements(r, table) for r in roles))
    owners = packages_distributions()
    for extra, module in extras.EXTRA_MODULES.items():
        top = module.split(".")[0]
        # dbt.adapters.<x> is a namespace every adapter shares: its package is dbt-<x>.
        dist = f"dbt-{module.split('.')[2]}" if top == "dbt" else owners[top][0]
        assert dist.lower().replace("_", "-") in _requirements(extra, table), (extra, module)
        assert extras.installed(extra), extra  # the test environment has every extra
    assert set(extras.ADAPTER_EXTRAS.values()) <= set(table)


def test_a_missing_extra_names_its_install_line(monkeypatch):
    monkeypatch.setitem(extras.EXTRA_MODULES, "dashboard", "cx_no_such_module")
    with pytest.raises(SystemExit, match=r"pip install 'cx-metrics\[dashboard\]'"):
        extras.require(["validate", "dashboard"], "cx-metrics dashboard")
    with pytest.raises(SystemExit, match=r"pip install 'cx-metrics\[spark\]'"):
        monkeypatch.setitem(extras.EXTRA_MODULES, "spark", "dbt.adapters.no_such_adapter")
        extras.explain_missing_adapter("Could not find adapter type spark!", "spark")
    extras.explain_missing_adapter("some other dbt error", None)  # not a missing adapter
