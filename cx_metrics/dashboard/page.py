"""The dashboard as one self-contained HTML file: plotly.js inline, no fonts or scripts
fetched, so it opens from file:// or any static host with no network."""

from __future__ import annotations

import html
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from cx_metrics.dashboard.datasets import Datasets
from cx_metrics.dashboard.figures import charts, overdue_by_age
from cx_metrics.dashboard.tiles import Tile, previous_month

# Lower is better for these: their changes are coloured the other way round.
LOWER_IS_BETTER = {"churn", "first_response", "resolution", "backlog"}

SECTIONS = {
    "nps_trend": "Net Promoter Score",
    "csat_ces_trend": "Satisfaction (CSAT) and effort (CES)",
    "churn_retention": "Churn and retention",
    "cohort_retention": "Cohort retention",
    "service_levels": "Service levels",
    "nps_by_touchpoint_and_channel": "Where NPS is won and lost",
    "topic_impact": "What customers say",
    "comment_sentiment": "What customers say",  # the same section: consecutive charts share it
    "reviews": "Online reviews",
    "cx_index_by_segment": "CX index by segment",
    "close_the_loop": "Close the loop",
    "data_health": "Data health",
}

DEFINITIONS = [
    (
        "NPS",
        "100 × (promoters − detractors) / answers; promoter 9–10, passive 7–8, detractor "
        "0–6. 95% CI: NPS ± 100 × 1.96 × √((pP + pD − (pP − pD)²) / n), clipped to ±100.",
    ),
    (
        "CSAT",
        "100 × satisfied / answers; satisfied = score ≥ 4 on 1–5 (top-2-box). Interval: "
        "Wilson score interval at 95%.",
    ),
    ("CES", "100 × easy / answers; easy = score ≥ 5 on the 1–7 scale. Interval: Wilson."),
    ("Churn", "100 × customers who churned in the month / customers at its start."),
    ("Retention", "100 × (customers at the end − new customers) / customers at the start."),
    (
        "Cohort retention",
        "share of a start month's customers not churned by the end of the k-th month after it.",
    ),
    (
        "First response, resolution",
        "median minutes from a ticket's creation to the first "
        "response, median hours to resolution, over the month's tickets.",
    ),
    (
        "First-contact resolution",
        "100 × resolved tickets with at most one agent reply / resolved tickets.",
    ),
    (
        "CX index",
        "weighted mean of (NPS + 100) / 2, CSAT, CES, retention and FCR (weights .30, "
        ".25, .20, .15, .10) over the components present.",
    ),
    (
        "Comment sentiment",
        "VADER compound score of each survey comment, −1 (most negative) to 1 (most positive); "
        "negative = score ≤ −0.05 (very negative ≤ −0.6) and not mixed. Average and negative % "
        "are over the month's comments.",
    ),
    (
        "Topic NPS impact",
        "NPS of all answers − NPS of the answers whose comment does not mention the topic: "
        "the points NPS would move without them (negative: the topic costs points).",
    ),
    (
        "Close the loop",
        "every negative answer (NPS detractor, CSAT not satisfied, CES not easy) "
        "is closed when followed up, overdue once 48 hours pass without a follow-up, else open.",
    ),
    (
        "Significant",
        "the change against the previous month is unlikely to be chance: two-sided "
        "p < 0.05 (NPS: difference of two Wald estimates; shares: pooled two-proportion z-test), "
        "tested only with at least 30 answers or customers in each month.",
    ),
    (
        "Data health",
        "every input row is accepted or rejected with a reason (input = accepted + "
        "rejected); rejected rows are listed in cx__rejected_records.",
    ),
]

STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;background:#f5f6f8;
color:#1d2330}
header{background:#1f3a5f;color:#fff;padding:18px 28px}header h1{margin:0;font-size:24px}
header p{margin:4px 0 0;opacity:.85;font-size:14px}
main{padding:18px 28px;max-width:1400px;margin:auto}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px}
.tile{background:#fff;border-radius:8px;padding:12px 14px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.tile .label{font-size:13px;color:#5a6170}.tile .value{font-size:28px;font-weight:600;margin:2px 0}
.tile .change{font-size:13px}.tile .detail{font-size:12px;color:#5a6170;margin-top:2px}
.better{color:#2e8540}.worse{color:#b3261e}.flat{color:#5a6170}
.badge{display:inline-block;font-size:11px;border-radius:9px;padding:1px 7px;margin-left:4px;
background:#e8eaee;color:#3d4452}.badge.significant{background:#1f5fa8;color:#fff}
section{background:#fff;border-radius:8px;margin:16px 0;padding:10px 16px;
box-shadow:0 1px 2px rgba(0,0,0,.08)}section h2{font-size:18px;margin:6px 0}
section p.note{font-size:13px;color:#5a6170;margin:2px 0 6px}
table{border-collapse:collapse;font-size:13px;margin:8px 0}
th,td{border-bottom:1px solid #e3e5e9;padding:4px 8px;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
footer{padding:10px 28px 30px;font-size:13px;color:#3d4452;max-width:1400px;margin:auto}
footer dt{font-weight:600;margin-top:6px}footer dd{margin-left:0}
"""


def _number(value: float | None, decimals: int, signed: bool = False) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{value:+.{decimals}f}" if signed else f"{value:,.{decimals}f}"


def _tile_html(tile: Tile, previous_label: str) -> str:
    signed = tile.key == "nps"
    value = _number(tile.value, tile.decimals, signed) + (
        tile.unit if tile.value is not None else ""
    )
    change = tile.change
    if change is None:
        change_html = f'<span class="flat">no {previous_label} figure to compare</span>'
    else:
        good = change < 0 if tile.key in LOWER_IS_BETTER else change > 0
        mood = "flat" if change == 0 else ("better" if good else "worse")
        arrow = "▲" if change > 0 else ("▼" if change < 0 else "■")
        # a change of a share or of NPS is in percentage points
        unit = " pts" if tile.unit == "%" or tile.key == "nps" else tile.unit
        badge = f'<span class="badge {tile.verdict.replace(" ", "-")}">{tile.verdict}</span>'
        change_html = (
            f'<span class="{mood}">{arrow} {_number(change, tile.decimals, True)}'
            f"{unit} vs {previous_label}</span>{badge}"
        )
    return (
        f'<div class="tile" data-metric="{tile.key}" data-verdict="{tile.verdict}">'
        f'<div class="label">{html.escape(tile.label)}</div>'
        f'<div class="value">{value}</div><div class="change">{change_html}</div>'
        f'<div class="detail">{html.escape(tile.detail)}</div></div>'
    )


def _table(frame: pd.DataFrame, columns: dict[str, str]) -> str:
    head = "".join(f"<th>{html.escape(label)}</th>" for label in columns.values())
    body = []
    for _, row in frame.iterrows():
        cells = []
        for column in columns:
            value = row[column]
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            if value is None or (numeric and pd.isna(value)):
                text = ""
            elif numeric and float(value).is_integer():
                text = f"{int(value):,d}"
            else:
                text = str(value)
            cells.append(f"<td{' class=n' if numeric else ''}>{html.escape(text)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def _chart_html(name: str, figure: go.Figure) -> str:
    chart = pio.to_html(
        figure,
        include_plotlyjs=False,
        full_html=False,
        div_id=f"chart-{name}",
        config={"displaylogo": False, "responsive": True},
    )
    return f'<div class="cx-chart" data-chart="{name}">{chart}</div>'


def _close_the_loop_extra(data: Datasets, include_details: bool) -> str:
    summary = overdue_by_age(data)
    totals = summary.groupby("segment", as_index=False)["answers"].sum()
    text = _table(totals, {"segment": "segment", "answers": "overdue answers"})
    if not include_details:
        return (
            '<p class="note">Counts only: customer ids and comments are left out of the'
            " company-wide dashboard (render with --include-details for the case list).</p>" + text
        )
    cases = data.oldest_overdue.copy()
    cases["responded_at"] = cases["responded_at"].astype(str)
    columns = {
        "responded_at": "answered (UTC)",
        "response_id": "response",
        "customer_id": "customer",
        "survey_type": "survey",
        "score": "score",
        "touchpoint": "touchpoint",
        "segment": "segment",
        "comment": "comment",
    }
    return text + "<h3>Oldest overdue answers</h3>" + _table(cases, columns)


def _comments_extra(data: Datasets, include_details: bool) -> str:
    """Below the sentiment chart: no comment text unless include_details (then the latest
    month's most negative comments)."""
    if not include_details:
        return (
            '<p class="note">Scores, counts and topics only: the comments themselves are left out'
            " of the company-wide dashboard (render with --include-details for examples).</p>"
        )
    cases = data.negative_comments.copy()
    if cases.empty:
        return '<p class="note">No negative comments in the latest full month.</p>'
    cases["responded_at"] = cases["responded_at"].astype(str)
    cases["sentiment_score"] = cases["sentiment_score"].map(lambda v: f"{v:+.3f}")
    columns = {
        "responded_at": "answered (UTC)",
        "response_id": "response",
        "survey_type": "survey",
        "score": "score",
        "touchpoint": "touchpoint",
        "segment": "segment",
        "sentiment_score": "sentiment",
        "comment": "comment",
    }
    return "<h3>Most negative comments of the month</h3>" + _table(cases, columns)


def _data_health_extra(data: Datasets) -> str:
    inputs = _table(
        data.inputs,
        {"input": "input", "input_rows": "rows", "accepted": "accepted", "rejected": "rejected"},
    )
    reasons = data.rejections.head(10)
    return (
        inputs
        + "<h3>Top rejection reasons</h3>"
        + _table(reasons, {"source_table": "input", "reason": "reason", "rows_rejected": "rows"})
    )


def render(data: Datasets, tiles: list[Tile], include_details: bool, rendered_at: datetime) -> str:
    """The whole page."""
    month = pd.Timestamp(data.latest_month)
    previous = previous_month(data.latest_month).strftime("%b %Y")
    figures = charts(data)
    extras = {
        "close_the_loop": lambda: _close_the_loop_extra(data, include_details),
        "data_health": lambda: _data_health_extra(data),
        "comment_sentiment": lambda: _comments_extra(data, include_details),
    }
    if "comment_sentiment" not in figures:  # the note goes below whichever comment chart is last
        extras["topic_impact"] = extras.pop("comment_sentiment")
    parts: list[tuple[str, str]] = []  # (heading, body): consecutive charts of one heading share it
    for name, figure in figures.items():
        extra = extras[name]() if name in extras else ""
        body = _chart_html(name, figure) + extra
        if parts and parts[-1][0] == SECTIONS[name]:
            parts[-1] = (SECTIONS[name], parts[-1][1] + body)
        else:
            parts.append((SECTIONS[name], body))
    sections = [f"<section><h2>{heading}</h2>{body}</section>" for heading, body in parts]
    off = ", ".join(data.switched_off)
    missing = f'<p class="note">Not built (input switched off): {off}.</p>' if off else ""
    as_of = f"; statuses as of {data.as_of:%Y-%m-%d %H:%M} UTC" if data.as_of else ""
    definitions = "".join(
        f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in DEFINITIONS
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Customer experience, {month:%B %Y}</title><style>{STYLE}</style>
<script type="text/javascript">{get_plotlyjs()}</script></head>
<body><header><h1>Customer experience: {month:%B %Y}</h1>
<p>Latest full month {month:%B %Y}, compared with {previous}. Answers through
{data.newest_answer:%Y-%m-%d}{as_of}.</p></header>
<main><div class="tiles">{"".join(_tile_html(t, previous) for t in tiles)}</div>{missing}
{"".join(sections)}</main>
<footer><h2>Definitions</h2>
<p>With the package's default settings (a project's vars may change thresholds and weights).
</p><dl>{definitions}</dl>
<p id="built">Rendered {rendered_at:%Y-%m-%d %H:%M:%S} UTC by cx-metrics dashboard from the
cx__* metric tables.</p></footer></body></html>
"""


def write(page: str, out: Path) -> None:
    """Write atomically: a reader, or a failed render, never sees half a file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(page)
    os.chmod(temporary, 0o644)
    os.replace(temporary, out)


def now() -> datetime:
    return datetime.now(UTC)
