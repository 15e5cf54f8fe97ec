"""`cx-metrics demo` end to end on a throwaway DuckDB: every dbt unit and data test runs in it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import query

from cx_metrics.demo_data.bad_rows import DEFECTS
from cx_metrics.demo_data.generator import CES_LABELS, CSAT_LABELS, DemoConfig, generate_chunk


def test_demo_prints_the_headline_metrics(demo):
    _, output = demo
    assert "passed (" in output and " of " in output
    assert "Survey metrics, latest full month (2025-09)" in output
    assert "Validation passed with" in output
    for label in ("all", "relationship", "transactional"):
        assert f"\n  {label} " in output
    for line in (
        "Churn",
        "Retention",
        "First response",
        "First-contact resolution",
        "CX index",
        "Close the loop",
    ):
        assert f"\n  {line} " in output, line
    assert ".duckdb" in output


def test_every_injected_defect_is_rejected_with_its_reason(demo):
    db, _ = demo
    found = {
        (t, r): n
        for t, r, n in query(
            db, "select source_table, reason, count(*) from cx__rejected_records group by 1, 2"
        )
    }
    expected = {
        (table, reason): DemoConfig().bad_rows[table]
        for table, defects in DEFECTS.items()
        for reason in defects
    }
    assert found == expected


def _clean_scores() -> pd.DataFrame:
    """The generator's valid answers (before bad rows are added), scored independently."""
    responses = generate_chunk(DemoConfig(), 0).survey_responses
    labels = {label.lower(): i + 1 for i, label in enumerate(CSAT_LABELS)}
    labels |= {label.lower(): i + 1 for i, label in enumerate(CES_LABELS)}
    text = responses["score"].str.strip().str.lower()
    numeric = pd.to_numeric(text, errors="coerce")
    responses["value"] = numeric.fillna(text.map(labels))
    responses["type"] = responses["survey_type"].str.strip().str.lower()
    responses["month"] = responses["responded_at"].str[:7]
    return responses


def test_demo_marts_agree_with_an_independent_pandas_computation(demo):
    db, _ = demo
    clean = _clean_scores()
    september = clean[clean["month"] == "2025-09"]
    nps = september[september["type"] == "nps"]["value"]
    expected_nps = 100 * ((nps >= 9).sum() - (nps <= 6).sum()) / len(nps)
    csat = september[september["type"] == "csat"]["value"]
    ces = september[september["type"] == "ces"]["value"]
    got = query(
        db,
        """
        select n.responses, n.nps, c.responses, c.csat_pct, e.responses, e.ces_easy_pct
        from cx__nps n, cx__csat c, cx__ces e
        where n.period_grain = 'month' and n.period_start = '2025-09-01' and n.dimension = 'all'
          and c.period_grain = 'month' and c.period_start = '2025-09-01' and c.dimension = 'all'
          and e.period_grain = 'month' and e.period_start = '2025-09-01' and e.dimension = 'all'
    """,
    )
    assert got == [
        (
            len(nps),
            pytest.approx(expected_nps, rel=1e-12),
            len(csat),
            pytest.approx(100 * (csat >= 4).mean(), rel=1e-12),
            len(ces),
            pytest.approx(100 * (ces >= 5).mean(), rel=1e-12),
        )
    ]
    assert np.isfinite(expected_nps)
