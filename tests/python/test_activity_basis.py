"""The CX index on activity churn (issue 20): with cx_churn_basis: activity its retention
component is cx__activity_churn's retention rate, row for row, and without the orders input the
setting fails fast with the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import query, run_dbt

ACTIVITY = {"cx_churn_basis": "activity"}
GRAIN = "using (period_grain, period_start, dimension, dimension_value)"


@pytest.fixture(scope="module")
def activity_basis(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("activity_basis") / "activity.duckdb"
    done = run_dbt(
        [
            "build",
            "--select",
            "+cx__cx_index",
            "+cx__customer_churn",
            "--exclude",
            "test_type:unit",
            "--indirect-selection",
            "cautious",
        ],
        db,
        ACTIVITY,
    )
    assert done.returncode == 0, done.output[-5000:]
    return db


def test_the_index_takes_its_retention_from_activity_churn(activity_basis):
    rows = query(
        activity_basis,
        "select i.retention_component, a.retention_rate_pct, c.retention_rate_pct"
        f" from cx__cx_index as i left join cx__activity_churn as a {GRAIN}"
        f" left join cx__customer_churn as c {GRAIN}",
    )
    assert rows and all(index == activity for index, activity, _ in rows)
    assert sum(activity is not None for _, activity, _ in rows) > 10
    # ... and not the subscription rate: the two differ on the demo.
    assert any(a is not None and s is not None and abs(a - s) > 1 for _, a, s in rows)


def test_activity_basis_without_orders_fails_naming_the_fix(tmp_path):
    done = run_dbt(
        ["compile", "--select", "cx__cx_index"],
        tmp_path / "x.duckdb",
        {**ACTIVITY, "cx_using_orders": False},
    )
    assert done.returncode != 0
    assert (
        "cx_churn_basis: activity needs the orders input: set cx_using_orders: true" in done.output
    )
