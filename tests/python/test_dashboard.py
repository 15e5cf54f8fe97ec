"""The dashboard: rendered on the demo build, opened in headless Chromium from file:// with the
network off; its figures against the tables, its privacy, and its failures."""

from __future__ import annotations

import math
import os
import subprocess
from datetime import date, datetime
from pathlib import Path
from statistics import NormalDist

import pytest
from conftest import BIN, REPO, SHARES, dbt_env, query

from cx_metrics.dashboard.browser import open_offline
from cx_metrics.periods import latest_full_month

CHARTS = {
    "nps_trend",
    "csat_ces_trend",
    "churn_retention",
    "cohort_retention",
    "service_levels",
    "nps_by_touchpoint_and_channel",
    "cx_index_by_segment",
    "close_the_loop",
    "data_health",
}


def render(db: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "cx-metrics"), "dashboard", "--out", str(out), *extra],
        cwd=REPO,
        env={**os.environ, **dbt_env(db)},
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def page(demo):
    """The dashboard `cx-metrics demo` wrote, as Chromium showed it."""
    db, printed = demo
    path = db.with_suffix(".html")
    assert printed.strip().splitlines()[-1] == f"Dashboard (open it in a browser): {path}"
    return path, open_offline(path)


def _latest_month(db: Path) -> str:
    """The demo's answers end on 2025-09-30: September 2025 is the latest full month."""
    (newest,) = query(db, "select max(responded_at) from cx__survey_responses")[0]
    assert newest.date() == date(2025, 9, 30)
    return "2025-09-01"


def _tile(seen, metric: str) -> dict:
    (tile,) = [t for t in seen.tiles if t["metric"] == metric]
    return tile


def test_the_page_draws_every_chart_offline_and_requests_nothing(page):
    path, seen = page
    assert seen.requests == [path.resolve().as_uri()]
    assert seen.errors == []
    assert {c["name"] for c in seen.charts} == CHARTS
    for chart in seen.charts:
        assert chart["traces"] > 0 and chart["drawn"] > 0, chart
    html = path.read_text()
    assert "<script src" not in html and "<link" not in html  # everything inline


def test_headline_tiles_equal_the_tables(demo, page):
    db, _ = demo
    _, seen = page
    month = _latest_month(db)
    where = f"period_grain = 'month' and dimension = 'all' and period_start = '{month}'"
    nps, low, high = query(
        db, f"select nps, nps_ci_lower, nps_ci_upper from cx__nps where {where}"
    )[0]
    assert _tile(seen, "nps")["value"] == f"{nps:+.1f}"
    (churn,) = query(db, f"select churn_rate_pct from cx__customer_churn where {where}")[0]
    assert _tile(seen, "churn")["value"] == f"{churn:.1f}%"
    (minutes,) = query(
        db, f"select median_first_response_minutes from cx__service_levels where {where}"
    )[0]
    assert _tile(seen, "first_response")["value"] == f"{minutes:.1f} min"
    assert f"95% CI {low:+.1f} to {high:+.1f}" in seen.text
    # NPS's verdict is the table's; its change is this month's NPS minus the month before.
    change, significant = query(
        db,
        "select change, is_significant from cx__metric_changes where metric = 'nps' and " + where,
    )[0]
    tile = _tile(seen, "nps")
    assert tile["verdict"] == ("significant" if significant else "not significant")
    assert tile["change"].split()[1] == f"{change:+.1f}"


def test_share_tiles_show_the_two_proportion_test(demo, page):
    """Churn, retention and FCR verdicts recomputed from their tables' counts with the standard
    library's normal distribution at alpha 0.05 (the page reads them from the warehouse)."""
    db, _ = demo
    _, seen = page
    month = _latest_month(db)
    for tile, (table, _, x, n) in SHARES.items():
        rows = query(
            db,
            f"select period_start, {x}, {n} from {table}"
            " where period_grain = 'month' and dimension = 'all' and period_start <= ?"
            " order by period_start desc limit 2",
            [month],
        )
        (_, x1, n1), (_, x0, n0) = rows
        assert min(n1, n0) >= 30, tile  # the demo's months are large enough to test
        pooled = (x1 + x0) / (n1 + n0)
        z = (x1 / n1 - x0 / n0) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0))
        p_value = 2 * NormalDist().cdf(-abs(z))
        expected = "significant" if p_value < 0.05 else "not significant"
        assert _tile(seen, tile)["verdict"] == expected, tile
    for metric in ("first_response", "resolution", "cx_index", "backlog"):
        assert _tile(seen, metric)["verdict"] == "not tested"


def test_the_backlog_is_counted_from_the_queue(demo, page):
    """Negative answers given before the month's end and not followed up by then."""
    db, _ = demo
    _, seen = page
    month = _latest_month(db)
    (backlog,) = query(
        db,
        "select count(*) from cx__feedback_followups"
        " where responded_at < cast(? as date) + interval 1 month"
        " and (followed_up_at is null or followed_up_at >= cast(? as date) + interval 1 month)",
        [month, month],
    )[0]
    assert _tile(seen, "backlog")["value"] == f"{backlog:,d}"


def test_no_customer_ids_or_comments_unless_asked(demo, page, tmp_path):
    db, _ = demo
    path, _ = page
    html = path.read_text()
    customers = {
        c for (c,) in query(db, "select distinct customer_id from cx__survey_responses") if c
    }
    responses = {r for (r,) in query(db, "select response_id from cx__feedback_followups")}
    comments = {c for (c,) in query(db, "select distinct comment from cx__survey_responses") if c}
    assert customers and responses and comments
    assert [c for c in customers if c in html] == []
    assert [r for r in responses if r in html] == []
    assert [c for c in comments if c in html] == []

    detailed = tmp_path / "details.html"
    done = render(db, detailed, "--include-details")
    assert done.returncode == 0, done.stderr
    response, customer, comment = query(
        db,
        "select response_id, customer_id, comment from cx__feedback_followups"
        " where status = 'overdue' order by responded_at, response_id limit 1",
    )[0]
    text = open_offline(detailed).text
    assert response in text and customer in text and (comment or "") in text


def test_an_empty_or_missing_build_gives_a_message_and_keeps_the_old_page(demo, tmp_path):
    db, _ = demo
    out = tmp_path / "kept.html"
    out.write_text("the previous dashboard")
    missing = render(tmp_path / "never_built.duckdb", out)
    assert missing.returncode == 1
    assert missing.stderr.startswith("cx-metrics dashboard: could not read the metric tables")
    assert "Traceback" not in missing.stderr
    assert "Build them first" in missing.stderr

    empty = tmp_path / "empty.duckdb"
    empty.write_bytes(db.read_bytes())
    query(empty, "delete from cx__survey_responses")
    done = render(empty, out)
    assert done.returncode == 1
    assert "cx__survey_responses has no accepted survey answers" in done.stderr
    assert "Traceback" not in done.stderr
    assert out.read_text() == "the previous dashboard"


@pytest.mark.parametrize(
    ("newest", "month"),
    [
        ("2025-09-30 23:59:59", "2025-09-01"),  # the month's last day has answers: complete
        ("2025-09-29 12:00:00", "2025-08-01"),  # September is still open
        ("2024-12-31 00:00:00", "2024-12-01"),  # across the year
        ("2025-01-01 00:00:00", "2024-12-01"),
    ],
)
def test_the_latest_full_month(newest, month):
    """The headline month of the dashboard and the demo's summary (one function)."""
    assert latest_full_month(datetime.fromisoformat(newest)) == date.fromisoformat(month)
