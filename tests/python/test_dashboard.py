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

from cx_metrics.periods import latest_full_month
from devtools.browser import open_offline

CHARTS = {
    "nps_trend",
    "csat_ces_trend",
    "churn_retention",
    "cohort_retention",
    "service_levels",
    "nps_by_touchpoint_and_channel",
    "topic_impact",
    "comment_sentiment",
    "reviews",
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


def _chart(seen, name: str) -> dict:
    (chart,) = [c for c in seen.charts if c["name"] == name]
    return chart


def _approx(got: list, expected: list) -> None:
    """Plotted numbers against the recomputed ones: nulls (NaN drawn as a gap) where expected."""
    assert len(got) == len(expected)
    for actual, value in zip(got, expected, strict=True):
        if value is None:
            assert actual is None or math.isnan(actual)
        else:
            assert actual == pytest.approx(value, rel=1e-9, abs=1e-12)


# NPS impact recomputed from the answers: NPS of the month's NPS answers less the NPS of those
# whose comment does not mention the topic (cx__comment_topics): 0 without an NPS answer
# that mentions it, null without one that does not. Mentions and the mean topic sentiment count
# every answer whose comment mentions the topic.
TOPICS_RECOMPUTED = """
with nps as (
    select response_id, case when score >= 9 then 1 when score <= 6 then -1 else 0 end as sign
    from cx__survey_responses
    where survey_type = 'nps' and responded_at >= cast(? as date)
        and responded_at < cast(? as date) + interval 1 month
),
mentions as (
    select topic, response_id, topic_sentiment from cx__comment_topics
    where responded_at >= cast(? as date) and responded_at < cast(? as date) + interval 1 month
),
topics as (
    select topic, count(*) as mentions, avg(topic_sentiment) as avg_sentiment
    from mentions group by topic
)
select
    t.topic, t.mentions, t.avg_sentiment,
    100 * cast(sum(n.sign) as double) / count(*)
    - 100 * cast(sum(n.sign) filter (where m.response_id is null) as double)
        / nullif(count(*) filter (where m.response_id is null), 0) as nps_impact
from topics as t
cross join nps as n
left join mentions as m on m.topic = t.topic and m.response_id = n.response_id
group by t.topic, t.mentions, t.avg_sentiment
"""


def test_topics_chart_plots_each_topics_nps_impact_in_rank_order(demo, page):
    """The latest full month, all answers: one bar per topic, in impact_rank order, its NPS
    impact, mentions and mean sentiment recomputed from the answers and their topics."""
    db, _ = demo
    _, seen = page
    month = _latest_month(db)
    (bars,) = _chart(seen, "topic_impact")["series"]
    assert bars["type"] == "bar"
    ranked = [
        topic
        for (topic,) in query(
            db,
            "select topic from cx__topic_impact where period_grain = 'month'"
            " and dimension = 'all' and period_start = ? order by impact_rank, topic",
            [month],
        )
    ]
    assert len(ranked) >= 3 and bars["y"] == ranked
    expected = {row[0]: row[1:] for row in query(db, TOPICS_RECOMPUTED, [month] * 4)}
    assert sorted(expected) == sorted(ranked)
    _approx(bars["x"], [expected[topic][2] for topic in ranked])
    assert [c[0] for c in bars["customdata"]] == [expected[topic][0] for topic in ranked]
    _approx([c[1] for c in bars["customdata"]], [expected[topic][1] for topic in ranked])
    # The demo's month has topics that cost NPS points, and the first bar is the costliest.
    impacts = [x for x in bars["x"] if x is not None and not math.isnan(x)]
    assert min(impacts) < 0 and bars["x"][0] == min(impacts)


def test_sentiment_chart_plots_the_monthly_comment_sentiment(demo, page):
    """Average sentiment and the negative share of each month, recomputed from the comments'
    scores and labels (cx__comment_sentiment), for every month with comments."""
    db, _ = demo
    _, seen = page
    series = {s["name"]: s for s in _chart(seen, "comment_sentiment")["series"]}
    rows = query(
        db,
        "select cast(date_trunc('month', responded_at) as date), avg(sentiment_score),"
        " 100 * cast(count(*) filter (where sentiment_label in ('negative', 'very negative'))"
        " as double) / count(*)"
        " from cx__comment_sentiment group by 1 order by 1",
    )
    assert len(rows) >= 12
    months = [str(m) for m, _, _ in rows]
    for name, column in (("Average sentiment", 1), ("Negative comments %", 2)):
        plotted = series[name]
        assert [x[:10] for x in plotted["x"]] == months, name
        _approx(plotted["y"], [row[column] for row in rows])


def test_reviews_chart_plots_monthly_ratings_and_sentiment(demo, page):
    """Average stars of each month's accepted reviews, and the average score of their texts
    (cx__review_sentiment), recomputed from the rows, for every month with reviews."""
    db, _ = demo
    _, seen = page
    series = {s["name"]: s for s in _chart(seen, "reviews")["series"]}
    ratings = query(
        db,
        "select cast(date_trunc('month', posted_at) as date), avg(rating)"
        " from main_cx_intermediate.int_cx__reviews_accepted group by 1 order by 1",
    )
    texts = dict(
        query(
            db,
            "select cast(date_trunc('month', posted_at) as date), avg(sentiment_score)"
            " from cx__review_sentiment group by 1",
        )
    )
    assert len(ratings) >= 12
    months = [str(m) for m, _ in ratings]
    for name, values in (
        ("Average rating", [r for _, r in ratings]),
        ("Average sentiment", [texts.get(m) for m, _ in ratings]),
    ):
        plotted = series[name]
        assert [x[:10] for x in plotted["x"]] == months, name
        _approx(plotted["y"], values)


def test_comments_switched_off_leave_out_what_customers_say(demo, tmp_path):
    """With cx_using_comments false the text tables are not in the project: the page is drawn
    without their charts and names them among the tables not built."""
    db, _ = demo
    out = tmp_path / "no_comments.html"
    done = render(db, out, "--vars", '{"cx_using_comments": false}', "--include-details")
    assert done.returncode == 0, done.stderr
    seen = open_offline(out)
    assert seen.errors == []
    assert {c["name"] for c in seen.charts} == CHARTS - {"topic_impact", "comment_sentiment"}
    assert "Not built (input switched off): cx__topic_impact, cx__sentiment." in seen.text
    assert "What customers say" not in seen.text


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
    # Nor the comments the sentiment and topic charts are drawn from (scores and counts only).
    commented = query(
        db,
        "select distinct r.comment from cx__comment_sentiment c"
        " join cx__survey_responses r using (response_id) where r.comment is not null"
        " order by c.responded_at desc limit 5",
    )
    assert len(commented) == 5 and [c for (c,) in commented if c in html] == []
    assert "Most negative comments" not in html

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
    # With details, the latest month's most negative comment, text and all.
    month = _latest_month(db)
    negative_response, negative_comment = query(
        db,
        "select c.response_id, r.comment from cx__comment_sentiment c"
        " join cx__survey_responses r using (response_id)"
        " where c.responded_at >= cast(? as date)"
        " and c.responded_at < cast(? as date) + interval 1 month"
        " and c.sentiment_label in ('negative', 'very negative')"
        " order by c.sentiment_score, c.response_id limit 1",
        [month, month],
    )[0]
    assert "Most negative comments of the month" in text
    assert negative_response in text and negative_comment in text


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
