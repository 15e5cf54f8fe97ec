"""cx__metric_changes (the survey metrics, churn, retention and FCR) and cx__touchpoint_drivers
recomputed in Python on the demo build: the previous calendar period, the z-tests and their
two-sided p-values (from math.erfc, exact to double precision, against the SQL normal_cdf
approximation, |error| < 7.5e-8)."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
import yaml
from conftest import REPO, SHARES, query

VARS = yaml.safe_load((REPO / "dbt_project.yml").read_text())["vars"]
ALPHA = VARS["cx_significance_alpha"]
MIN_RESPONSES = VARS["cx_min_responses_for_significance"]
# The SQL p-value's error bound is 1.5e-7: a p-value this close to alpha may fall either side.
TOLERANCE = 1e-6

# metric -> (mart, value column, the x of the two-proportion test)
MARTS = {
    "nps": ("cx__nps", "nps", None),
    "csat": ("cx__csat", "csat_pct", "satisfied_responses"),
    "ces": ("cx__ces", "ces_easy_pct", "easy_responses"),
}


def _previous_start(grain: str, start: date) -> date:
    if grain == "day":
        return start - timedelta(days=1)
    if grain == "week":
        return start - timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[grain]
    index = start.year * 12 + start.month - 1 - months
    return date(index // 12, index % 12 + 1, start.day)


def _two_sided_p(z: float) -> float:
    return math.erfc(abs(z) / math.sqrt(2))


def _z_nps(one: tuple[int, int, int], zero: tuple[int, int, int]) -> float | None:
    """(promoters, detractors, responses) of each sample: the Wald z of the NPS difference."""
    variances, scores = [], []
    for promoters, detractors, n in (one, zero):
        p_p, p_d = promoters / n, detractors / n
        scores.append(p_p - p_d)
        variances.append((p_p + p_d - (p_p - p_d) ** 2) / n)
    total = sum(variances)
    return (scores[0] - scores[1]) / math.sqrt(total) if total > 0 else None


def _z_proportions(one: tuple[int, int], zero: tuple[int, int]) -> float | None:
    """(successes, total) of each sample: the pooled two-proportion z."""
    (x1, n1), (x0, n0) = one, zero
    pooled = (x1 + x0) / (n1 + n0)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n0)
    return (x1 / n1 - x0 / n0) / math.sqrt(variance) if variance > 0 else None


def _z(metric: str, one: tuple, zero: tuple) -> float | None:
    """one, zero: (responses, promoters, detractors, favorable) of each sample."""
    if metric == "nps":
        return _z_nps((one[1], one[2], one[0]), (zero[1], zero[2], zero[0]))
    return _z_proportions((one[3], one[0]), (zero[3], zero[0]))


def _mart_rows(db, metric: str) -> dict[tuple, tuple]:
    """(grain, start, dimension, value) -> (responses, promoters, detractors, favorable, value):
    for the shares, n as responses and x as favorable."""
    if metric in SHARES:
        table, value, favorable, total = SHARES[metric]
        counts, where = f"{total}, null, null, {favorable}", f" where {total} > 0"
    else:
        table, value, favorable = MARTS[metric]
        counts = "promoters, detractors, null" if favorable is None else f"null, null, {favorable}"
        counts, where = f"responses, {counts}", ""
    rows = query(
        db,
        f"select period_grain, period_start, dimension, dimension_value, {counts}, {value}"
        f" from {table}{where}",
    )
    return {tuple(row[:4]): tuple(row[4:]) for row in rows}


def _check(z: float | None, p_value, is_significant, label) -> int:
    """Assert the table's p-value and flag against z; 1 when a test was made."""
    if z is None:
        assert p_value is None and is_significant is None, label
        return 0
    expected = _two_sided_p(z)
    assert p_value == pytest.approx(expected, abs=TOLERANCE), label
    if abs(expected - ALPHA) > TOLERANCE:
        assert is_significant == (expected < ALPHA), label
    return 1


def test_metric_changes_match_an_independent_computation(demo):
    db, _ = demo
    changes = query(
        db,
        "select metric, period_grain, period_start, dimension, dimension_value,"
        " previous_period_start, previous_value, previous_responses, change, p_value,"
        " is_significant from cx__metric_changes",
    )
    tested, shares_tested = 0, {}
    for metric in [*MARTS, *SHARES]:
        marts = _mart_rows(db, metric)
        rows = [row for row in changes if row[0] == metric]
        assert len(rows) == len(marts), metric
        for row in rows:
            _, grain, start, dimension, dimension_value, previous_start = row[:6]
            previous_value, previous_responses, change, p_value, is_significant = row[6:]
            label = row[:5]
            current = marts[(grain, start, dimension, dimension_value)]
            assert previous_start == _previous_start(grain, start), label
            previous = marts.get((grain, previous_start, dimension, dimension_value))
            if previous is None:
                assert (previous_value, previous_responses, change) == (None, None, None), label
                assert p_value is None and is_significant is None, label
                continue
            assert previous_responses == previous[0], label
            assert change == pytest.approx(current[4] - previous[4], abs=1e-9), label
            enough = current[0] >= MIN_RESPONSES and previous[0] >= MIN_RESPONSES
            if metric in SHARES:  # a share outside 0..n is no proportion to test
                enough = enough and all(0 <= s[3] <= s[0] for s in (current, previous))
            z = _z(metric, current, previous) if enough else None
            tested += _check(z, p_value, is_significant, label)
            shares_tested[metric] = shares_tested.get(metric, 0) + (z is not None)
    assert tested > 100  # the demo has enough answers to test a good share of the changes
    assert all(shares_tested[m] > 10 for m in SHARES), shares_tested


def test_touchpoint_drivers_match_an_independent_computation(demo):
    db, _ = demo
    columns = {
        "nps": "nps_gap_p_value, nps_gap_is_significant",
        "csat": "csat_gap_p_value, csat_gap_is_significant",
        "ces": "ces_gap_p_value, ces_gap_is_significant",
    }
    drivers = query(
        db,
        "select period_grain, period_start, touchpoint, nps_gap, driver_rank, detractor_share_pct, "
        + ", ".join(columns.values())
        + " from cx__touchpoint_drivers",
    )
    marts = {metric: _mart_rows(db, metric) for metric in MARTS}
    tested = 0
    periods: dict[tuple, list] = {}
    for row in drivers:
        grain, start, touchpoint = row[:3]
        label = row[:3]
        periods.setdefault((grain, start), []).append(row)
        for i, metric in enumerate(MARTS):
            p_value, is_significant = row[6 + 2 * i : 8 + 2 * i]
            one = marts[metric].get((grain, start, "touchpoint", touchpoint))
            if one is None:
                assert p_value is None and is_significant is None, label
                continue
            overall = marts[metric][(grain, start, "all", "all")]
            rest = tuple(
                None if a is None else a - b for a, b in zip(overall[:4], one[:4], strict=True)
            )
            enough = one[0] >= MIN_RESPONSES and rest[0] >= MIN_RESPONSES
            z = _z(metric, one, rest) if enough else None
            tested += _check(z, p_value, is_significant, (metric, *label))
            if metric == "nps":
                share = 100 * one[2] / overall[2] if overall[2] else None
                assert row[5] == pytest.approx(share, abs=1e-9), label
    assert tested > 50
    # The rank: significant negative NPS gaps first, then by NPS gap, no NPS last, then the name.
    for rows in periods.values():

        def order(row):
            flagged = row[7] is True and row[3] < 0
            return (not flagged, row[3] is None, row[3] if row[3] is not None else 0.0, row[2])

        assert [row[4] for row in sorted(rows, key=order)] == list(range(1, len(rows) + 1))
