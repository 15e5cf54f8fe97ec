"""The dashboard's charts, one plotly figure each, from the frames in datasets.py."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from cx_metrics.dashboard.datasets import Datasets

BLUE, ORANGE, GREEN = "#1f5fa8", "#d9731a", "#2e8540"
LAYOUT = {
    "template": "plotly_white",
    "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"},
    "margin": {"l": 60, "r": 20, "t": 50, "b": 40},
    "height": 380,
}


def _band(x: pd.Series, low: pd.Series, high: pd.Series, color: str, name: str) -> list:
    """A confidence band: the upper bound, then the lower bound filled up to it."""
    edge = {"width": 0}
    return [
        go.Scatter(x=x, y=high, mode="lines", line=edge, showlegend=False, hoverinfo="skip"),
        go.Scatter(
            x=x,
            y=low,
            mode="lines",
            line=edge,
            fill="tonexty",
            fillcolor=color,
            name=name,
            hoverinfo="skip",
        ),
    ]


def _slices(nps: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """(label, monthly rows) for all answers, each program and each segment."""
    out = [("All answers", nps[nps["dimension"] == "all"])]
    for dimension in ("program", "segment"):
        rows = nps[nps["dimension"] == dimension]
        for value in sorted(rows["dimension_value"].unique()):
            out.append((f"{dimension}: {value}", rows[rows["dimension_value"] == value]))
    return out


def nps_trend(data: Datasets) -> go.Figure:
    """NPS by month with its 95% CI, one slice at a time (the menu picks program or segment)."""
    fig = go.Figure()
    slices = _slices(data.nps)
    for i, (label, rows) in enumerate(slices):
        rows = rows.sort_values("period_start")
        x = rows["period_start"]
        for trace in _band(
            x, rows["nps_ci_lower"], rows["nps_ci_upper"], "rgba(31,95,168,.18)", "95% CI"
        ):
            fig.add_trace(trace.update(visible=i == 0))
        fig.add_trace(
            go.Scatter(
                x=x,
                y=rows["nps"],
                mode="lines+markers",
                name=f"NPS ({label})",
                line={"color": BLUE},
                visible=i == 0,
                customdata=rows["responses"],
                hovertemplate="%{x|%b %Y}: NPS %{y:.1f} (n=%{customdata})<extra></extra>",
            )
        )
    buttons = [
        {
            "label": label,
            "method": "update",
            "args": [{"visible": [j // 3 == i for j in range(3 * len(slices))]}],
        }
        for i, (label, _) in enumerate(slices)
    ]
    fig.update_layout(
        **LAYOUT,
        title="NPS by month, with its 95% confidence interval",
        yaxis={"title": "NPS", "range": [-100, 100]},
        updatemenus=[{"buttons": buttons, "x": 1, "xanchor": "right", "y": 1.18}],
    )
    return fig


def csat_ces_trend(data: Datasets) -> go.Figure:
    fig = go.Figure()
    for frame, column, name, color, fill in [
        (data.csat, "csat", "CSAT % satisfied", BLUE, "rgba(31,95,168,.15)"),
        (data.ces, "ces", "CES % easy", ORANGE, "rgba(217,115,26,.15)"),
    ]:
        rows = frame[frame["dimension"] == "all"].sort_values("period_start")
        x = rows["period_start"]
        for trace in _band(
            x,
            rows[f"{column}_ci_lower"],
            rows[f"{column}_ci_upper"],
            fill,
            f"{name} Wilson 95% interval",
        ):
            fig.add_trace(trace)
        value = rows["csat_pct" if column == "csat" else "ces_easy_pct"]
        fig.add_trace(
            go.Scatter(x=x, y=value, mode="lines+markers", name=name, line={"color": color})
        )
    fig.update_layout(
        **LAYOUT,
        title="CSAT and CES by month, with Wilson 95% intervals",
        yaxis={"title": "% of answers", "range": [0, 100]},
    )
    return fig


def churn_retention(data: Datasets) -> go.Figure:
    rows = data.churn[data.churn["dimension"] == "all"].sort_values("period_start")
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(
        go.Bar(
            x=rows["period_start"], y=rows["churn_rate_pct"], name="Churn %", marker_color=ORANGE
        ),
        secondary_y=False,
    )
    fig.add_trace(
        go.Scatter(
            x=rows["period_start"],
            y=rows["retention_rate_pct"],
            name="Retention %",
            mode="lines+markers",
            line={"color": GREEN},
        ),
        secondary_y=True,
    )
    fig.update_layout(**LAYOUT, title="Customer churn and retention by month")
    fig.update_yaxes(title_text="churn %", secondary_y=False)
    fig.update_yaxes(title_text="retention %", tickformat=".1f", secondary_y=True)
    return fig


def cohort_heatmap(data: Datasets) -> go.Figure:
    table = data.cohorts.pivot_table(
        index="cohort_month", columns="months_since_start", values="retention_pct"
    ).sort_index()
    fig = go.Figure(
        go.Heatmap(
            z=table.values,
            x=list(table.columns),
            y=[d.strftime("%Y-%m") for d in table.index],
            colorscale="Blues",
            zmin=0,
            zmax=100,
            colorbar={"title": "% retained"},
            hovertemplate="cohort %{y}, month %{x}: %{z:.1f}% retained<extra></extra>",
        )
    )
    fig.update_layout(
        **{**LAYOUT, "height": 460},
        title="Cohort retention (share still active)",
        xaxis={"title": "months since start"},
        yaxis={"title": "start month", "autorange": "reversed"},
    )
    return fig


def service_levels(data: Datasets) -> go.Figure:
    rows = data.service[data.service["dimension"] == "all"].sort_values("period_start")
    fig = make_subplots(
        rows=1,
        cols=3,
        subplot_titles=(
            "Median first response (min)",
            "Median resolution (h)",
            "First-contact resolution %",
        ),
    )
    for col, column, color in [
        (1, "median_first_response_minutes", BLUE),
        (2, "median_resolution_hours", ORANGE),
        (3, "fcr_pct", GREEN),
    ]:
        fig.add_trace(
            go.Scatter(
                x=rows["period_start"],
                y=rows[column],
                mode="lines+markers",
                line={"color": color},
                showlegend=False,
            ),
            row=1,
            col=col,
        )
    fig.update_layout(
        **{**LAYOUT, "margin": {**LAYOUT["margin"], "t": 90}}, title="Service levels by month"
    )
    return fig


def nps_by_touchpoint_and_channel(data: Datasets) -> go.Figure:
    month = pd.Timestamp(data.latest_month)
    latest = data.nps[data.nps["period_start"] == month]
    fig = make_subplots(
        rows=1, cols=2, subplot_titles=("By touchpoint", "By channel"), horizontal_spacing=0.18
    )
    for col, dimension in [(1, "touchpoint"), (2, "channel")]:
        rows = latest[latest["dimension"] == dimension].sort_values("nps")
        fig.add_trace(
            go.Bar(
                x=rows["nps"],
                y=rows["dimension_value"],
                orientation="h",
                marker_color=BLUE,
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": rows["nps_ci_upper"] - rows["nps"],
                    "arrayminus": rows["nps"] - rows["nps_ci_lower"],
                },
                customdata=rows["responses"],
                showlegend=False,
                hovertemplate="%{y}: NPS %{x:.1f} (n=%{customdata})<extra></extra>",
            ),
            row=1,
            col=col,
        )
    fig.update_layout(
        **{**LAYOUT, "margin": {**LAYOUT["margin"], "t": 80}},
        title=f"NPS by touchpoint and channel, {month:%B %Y}, with 95% CI",
    )
    fig.update_xaxes(range=[-100, 100])
    return fig


def latest_topics(data: Datasets) -> pd.DataFrame:
    """The topics of the latest full month (all answers), by impact_rank: 1, the topic that
    costs the most NPS points, first; topics without an impact last."""
    topics = data.topics
    if topics.empty:
        return topics
    rows = topics[topics["period_start"] == pd.Timestamp(data.latest_month)]
    return rows.sort_values(["impact_rank", "topic"])


def topic_impact(data: Datasets) -> go.Figure:
    """NPS impact per topic in the latest full month, ranked, mentions and sentiment on hover."""
    month = pd.Timestamp(data.latest_month)
    rows = latest_topics(data)
    impact = rows["nps_impact"].astype(float)
    significant = ["yes" if not pd.isna(v) and bool(v) else "no" for v in rows["is_significant"]]
    fig = go.Figure(
        go.Bar(
            x=impact,
            y=rows["topic"],
            orientation="h",
            marker_color=[ORANGE if v < 0 else BLUE for v in impact.fillna(0)],
            customdata=list(
                zip(
                    rows["mentions"],
                    rows["avg_sentiment"].astype(float),
                    rows["share_of_comments_pct"].astype(float),
                    significant,
                    strict=True,
                )
            ),
            showlegend=False,
            hovertemplate=(
                "%{y}: NPS impact %{x:+.1f} pts<br>%{customdata[0]} mentions"
                " (%{customdata[2]:.1f}% of comments), avg sentiment %{customdata[1]:+.2f}"
                "<br>significant: %{customdata[3]}<extra></extra>"
            ),
        )
    )
    fig.update_layout(
        **{**LAYOUT, "margin": {**LAYOUT["margin"], "l": 140}},
        title=f"Topics by NPS impact, {month:%B %Y} (negative: the topic costs NPS points)",
        xaxis={"title": "NPS points (NPS of all answers − NPS without the topic)"},
        yaxis={
            "categoryorder": "array",
            "categoryarray": list(rows["topic"]),
            "autorange": "reversed",
        },
    )
    return fig


def comment_sentiment(data: Datasets) -> go.Figure:
    """Average comment sentiment (-1..1) and the share of negative comments, by month."""
    rows = data.sentiment.sort_values("period_start")
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(
        go.Bar(
            x=rows["period_start"],
            y=rows["negative_comment_pct"],
            name="Negative comments %",
            marker_color=ORANGE,
            opacity=0.6,
            customdata=rows["comments"],
            hovertemplate="%{x|%b %Y}: %{y:.1f}% negative (of %{customdata} comments)"
            "<extra></extra>",
        ),
        secondary_y=True,
    )
    fig.add_trace(
        go.Scatter(
            x=rows["period_start"],
            y=rows["avg_sentiment"],
            name="Average sentiment",
            mode="lines+markers",
            line={"color": BLUE},
            customdata=rows["comments"],
            hovertemplate="%{x|%b %Y}: average sentiment %{y:+.3f} (n=%{customdata})"
            "<extra></extra>",
        ),
        secondary_y=False,
    )
    fig.update_layout(**LAYOUT, title="Comment sentiment by month")
    fig.update_yaxes(title_text="average sentiment (-1 to 1)", range=[-1, 1], secondary_y=False)
    fig.update_yaxes(
        title_text="% negative comments",
        rangemode="tozero",
        tickmode="auto",  # not synced to the sentiment axis's ticks
        showgrid=False,
        secondary_y=True,
    )
    return fig


def reviews(data: Datasets) -> go.Figure:
    """Online reviews by month: the average rating (1-5) and the average sentiment of their
    texts (-1..1), with the number of reviews and the 4-5 star share on hover."""
    rows = data.reviews.sort_values("period_start")
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(
        go.Scatter(
            x=rows["period_start"],
            y=rows["avg_rating"],
            name="Average rating",
            mode="lines+markers",
            line={"color": GREEN},
            customdata=list(zip(rows["reviews"], rows["top_two_star_pct"], strict=True)),
            hovertemplate="%{x|%b %Y}: %{y:.2f} stars (%{customdata[0]} reviews,"
            " %{customdata[1]:.1f}% with 4-5 stars)<extra></extra>",
        ),
        secondary_y=False,
    )
    fig.add_trace(
        go.Scatter(
            x=rows["period_start"],
            y=rows["avg_sentiment"],
            name="Average sentiment",
            mode="lines+markers",
            line={"color": BLUE, "dash": "dot"},
            customdata=rows["reviews_with_text"],
            hovertemplate="%{x|%b %Y}: average sentiment %{y:+.3f} (%{customdata} texts)"
            "<extra></extra>",
        ),
        secondary_y=True,
    )
    fig.update_layout(**LAYOUT, title="Online reviews by month")
    fig.update_yaxes(title_text="average rating (1 to 5 stars)", range=[1, 5], secondary_y=False)
    fig.update_yaxes(
        title_text="average sentiment (-1 to 1)",
        range=[-1, 1],
        tickmode="auto",  # not synced to the rating axis's ticks
        showgrid=False,
        secondary_y=True,
    )
    return fig


def cx_index_by_segment(data: Datasets) -> go.Figure:
    rows = data.cx_index[data.cx_index["dimension"] == "segment"].sort_values("period_start")
    fig = go.Figure()
    for segment in sorted(rows["dimension_value"].unique()):
        part = rows[rows["dimension_value"] == segment]
        fig.add_trace(
            go.Scatter(
                x=part["period_start"], y=part["cx_index"], name=segment, mode="lines+markers"
            )
        )
    fig.update_layout(
        **LAYOUT,
        title="CX index by segment (0 to 100)",
        yaxis={"title": "CX index", "range": [0, 100]},
    )
    return fig


AGE_BUCKETS = [
    (0, 2, "under 2 days"),
    (2, 7, "2-7 days"),
    (7, 30, "1-4 weeks"),
    (30, 90, "1-3 months"),
    (90, None, "over 3 months"),
]


def overdue_by_age(data: Datasets) -> pd.DataFrame:
    """Overdue negative answers by segment and age (whole days since the answer, at the
    queue's as-of time): the company-wide view of the close-the-loop list."""
    overdue = data.followups[data.followups["status"] == "overdue"].copy()
    as_of = pd.Timestamp(data.as_of or data.newest_answer).normalize()
    days = (as_of - overdue["responded_on"]).dt.days
    overdue["age"] = None
    for low, high, label in AGE_BUCKETS:
        inside = (days >= low) & (days < high if high is not None else True)
        overdue.loc[inside, "age"] = label
    grouped = overdue.groupby(["segment", "age"], as_index=False)["answers"].sum()
    order = {label: i for i, (_, _, label) in enumerate(AGE_BUCKETS)}
    return grouped.sort_values(
        ["age", "segment"], key=lambda s: s.map(order) if s.name == "age" else s
    )


def close_the_loop(data: Datasets) -> go.Figure:
    table = overdue_by_age(data)
    fig = go.Figure()
    for segment in sorted(table["segment"].unique()):
        part = table[table["segment"] == segment]
        fig.add_trace(go.Bar(x=part["age"], y=part["answers"], name=segment))
    labels = [label for _, _, label in AGE_BUCKETS]
    fig.update_layout(
        **LAYOUT,
        barmode="stack",
        title="Overdue negative answers by age and segment",
        xaxis={"categoryorder": "array", "categoryarray": labels},
        yaxis={"title": "answers"},
    )
    return fig


def data_health(data: Datasets) -> go.Figure:
    rows = data.inputs
    fig = go.Figure(
        [
            go.Bar(x=rows["input"], y=rows["accepted"], name="accepted", marker_color=GREEN),
            go.Bar(x=rows["input"], y=rows["rejected"], name="rejected", marker_color=ORANGE),
        ]
    )
    fig.update_layout(
        **LAYOUT,
        barmode="stack",
        title="Input rows: accepted and rejected",
        yaxis={"title": "rows"},
    )
    return fig


def charts(data: Datasets) -> dict[str, go.Figure]:
    """Every chart whose inputs are built, by name (the page's order)."""
    out = {"nps_trend": nps_trend(data), "csat_ces_trend": csat_ces_trend(data)}
    if not data.churn.empty:
        out["churn_retention"] = churn_retention(data)
    if not data.cohorts.empty:
        out["cohort_retention"] = cohort_heatmap(data)
    if not data.service.empty:
        out["service_levels"] = service_levels(data)
    out["nps_by_touchpoint_and_channel"] = nps_by_touchpoint_and_channel(data)
    if not data.topics.empty:
        out["topic_impact"] = topic_impact(data)
    if not data.sentiment.empty:
        out["comment_sentiment"] = comment_sentiment(data)
    if not data.reviews.empty:
        out["reviews"] = reviews(data)
    out["cx_index_by_segment"] = cx_index_by_segment(data)
    if not data.followups.empty:
        out["close_the_loop"] = close_the_loop(data)
    out["data_health"] = data_health(data)
    return out
