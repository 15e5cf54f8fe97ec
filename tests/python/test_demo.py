"""`cx-metrics demo` end to end on a throwaway DuckDB: every dbt unit and data test runs in it."""

from __future__ import annotations

import os
import re
import subprocess

import numpy as np
import pandas as pd
import pytest
from conftest import BIN, DEMO_SEEDS, REPO, dbt_env, query

from cx_metrics.demo_data.bad_rows import DEFECTS
from cx_metrics.demo_data.generator import CES_LABELS, CSAT_LABELS, DemoConfig, generate_chunk

# --- The printed figures, recomputed from the demo seed CSVs ------------------------------------
# An independent pandas reading of the inputs with the documented rules (docs/inputs.md, the
# rejection reasons of docs/outputs.md and docs/metrics.md's definitions), as far as the demo data
# needs them: its valid timestamps are all "YYYY-MM-DD HH:MM:SS" and its numbers plain decimals.

SEPTEMBER = (pd.Timestamp("2025-09-01"), pd.Timestamp("2025-10-01"))
SCALES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
LABELS = {("csat", label.lower()): i + 1 for i, label in enumerate(CSAT_LABELS)} | {
    ("ces", label.lower()): i + 1 for i, label in enumerate(CES_LABELS)
}


def _seed(table: str) -> pd.DataFrame:
    """A demo input as text; only an empty field is null (so "n/a" stays text)."""
    path = DEMO_SEEDS / f"cx_demo__{table}.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def _timestamps(text: pd.Series) -> pd.Series:
    return pd.to_datetime(text.str.strip(), format="%Y-%m-%d %H:%M:%S", errors="coerce")


def _numbers(text: pd.Series) -> pd.Series:
    text = text.str.strip()
    return pd.to_numeric(text.where(text.str.fullmatch(r"-?\d+(\.\d+)?", na=False)))


def _unusable(text: pd.Series, parsed: pd.Series) -> pd.Series:
    """Present but not parseable."""
    return text.notna() & parsed.isna()


def _in_september(at: pd.Series) -> pd.Series:
    return (at >= SEPTEMBER[0]) & (at < SEPTEMBER[1])


def _accepted_responses() -> pd.DataFrame:
    """Survey answers with a key, a known type, a score on its scale (NPS an integer) and a
    timestamp; the earliest copy of a key; a null program is transactional."""
    raw = _seed("survey_responses")
    kind = raw["survey_type"].str.strip().str.lower()
    text = raw["score"].str.strip().str.lower()
    labels = [LABELS.get(key) for key in zip(kind, text, strict=True)]
    score = _numbers(raw["score"]).fillna(pd.Series(labels, index=raw.index, dtype=float))
    at = _timestamps(raw["responded_at"])
    low = kind.map(lambda k: SCALES.get(k, (None, None))[0]).astype(float)
    high = kind.map(lambda k: SCALES.get(k, (None, None))[1]).astype(float)
    whole = (kind != "nps") | (score == np.floor(score))
    valid = raw["response_id"].notna() & score.between(low, high) & whole & at.notna()
    program = raw["program"].str.strip().str.lower().fillna("transactional")
    frame = pd.DataFrame(
        {"response_id": raw["response_id"], "type": kind, "score": score, "at": at}
    ).assign(program=program)
    return frame[valid].sort_values("at", kind="stable").drop_duplicates("response_id")


def _accepted_customers() -> pd.DataFrame:
    raw = _seed("customers")
    started, churned = _timestamps(raw["started_at"]), _timestamps(raw["churned_at"])
    revenue = _numbers(raw["monthly_revenue"])
    valid = (
        raw["customer_id"].notna()
        & started.notna()
        & ~_unusable(raw["churned_at"], churned)
        & ~(churned < started)
        & ~_unusable(raw["monthly_revenue"], revenue)
    )
    frame = pd.DataFrame(
        {"customer_id": raw["customer_id"], "started": started, "churned": churned}
    )
    return frame[valid].drop_duplicates("customer_id")


def _accepted_tickets() -> pd.DataFrame:
    raw = _seed("support_tickets")
    created = _timestamps(raw["created_at"])
    responded, resolved = _timestamps(raw["first_response_at"]), _timestamps(raw["resolved_at"])
    handle, replies = _numbers(raw["handle_time_minutes"]), _numbers(raw["agent_replies"])
    valid = (
        raw["ticket_id"].notna()
        & created.notna()
        & ~_unusable(raw["first_response_at"], responded)
        & ~_unusable(raw["resolved_at"], resolved)
        & ~(responded < created)
        & ~(resolved < created)
        & ~_unusable(raw["handle_time_minutes"], handle)
        & ~(handle < 0)
        & ~_unusable(raw["agent_replies"], replies)
    )
    frame = pd.DataFrame(
        {"ticket_id": raw["ticket_id"], "created": created, "responded": responded}
    ).assign(resolved=resolved, replies=replies)
    return frame[valid].drop_duplicates("ticket_id")


def _printed(output: str, label: str) -> str:
    """The rest of the summary line that starts with ``label``."""
    (line,) = [line for line in output.splitlines() if line.startswith(f"  {label} ")]
    return line[len(label) + 2 :]


def _shown(text: str, expected: float | None) -> bool:
    """Whether a printed figure is ``expected`` to one decimal ("-" for none)."""
    if expected is None:
        return text == "-"
    return abs(float(text.strip("[],%")) - expected) <= 0.05 + 1e-9


def _survey_row(rows: pd.DataFrame) -> list[float | None]:
    """NPS, its 95% CI, n; CSAT %, n; CES easy %, n: the summary's columns."""
    nps = rows.loc[rows["type"] == "nps", "score"]
    promoters, detractors = (nps >= 9).mean(), (nps <= 6).mean()
    value = 100 * (promoters - detractors)
    margin = (
        100 * 1.96 * np.sqrt((promoters + detractors - (promoters - detractors) ** 2) / len(nps))
    )
    csat = rows.loc[rows["type"] == "csat", "score"]
    ces = rows.loc[rows["type"] == "ces", "score"]
    return [
        value,
        max(-100.0, value - margin),
        min(100.0, value + margin),
        len(nps),
        100 * (csat >= 4).mean() if len(csat) else None,
        len(csat),
        100 * (ces >= 5).mean() if len(ces) else None,
        len(ces),
    ]


def test_demo_prints_the_headline_metrics(demo):
    _, output = demo
    assert "passed (" in output and " of " in output
    assert "Survey metrics, latest full month (2025-09)" in output
    assert "Validation passed with" in output
    assert ".duckdb" in output
    _assert_survey_rows(output)


def _assert_survey_rows(output: str) -> None:
    """The printed survey rows of September equal the pandas reading of the seed CSVs."""
    responses = _accepted_responses()
    september = responses[_in_september(responses["at"])]
    for program in ("all", "relationship", "transactional"):
        rows = september if program == "all" else september[september["program"] == program]
        printed = _printed(output, program).split()
        expected = _survey_row(rows)
        assert len(printed) == len(expected), (program, printed)
        for text, figure in zip(printed, expected, strict=True):
            if isinstance(figure, int):
                assert int(text) == figure, (program, printed, expected)
            else:
                assert _shown(text, figure), (program, printed, expected)


# The survey marts, which the connector-shaped demo must build exactly as the contract demo.
# {mart: whether it has loaded_through}.
SURVEY_MARTS = {
    "cx__nps": True,
    "cx__csat": True,
    "cx__ces": True,
    "cx__sentiment": False,
    "cx__topic_impact": False,
}


def _rounded(rows: list[tuple]) -> list[str]:
    """Rows comparable across builds: sums of doubles differ in the last bit with their order."""
    return sorted(str(tuple(round(v, 9) if isinstance(v, float) else v for v in r)) for r in rows)


@pytest.mark.slow
def test_demo_from_qualtrics_and_zendesk_shapes(tmp_path, demo):
    """`cx-metrics demo --source qualtrics,zendesk`: the demo data as Fivetran's Qualtrics and
    Zendesk tables, read by the adapters, gives the same accepted answers (under the adapter's
    keys) as the pandas reading of the seeds, and the same survey marts, row for row, as the
    contract tables (the demo fixture)."""
    db = tmp_path / "demo.duckdb"
    done = subprocess.run(
        [str(BIN / "cx-metrics"), "demo", "--source", "qualtrics,zendesk"],
        cwd=REPO,
        env={**os.environ, **dbt_env(db)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-5000:]
    _assert_survey_rows(done.stdout)
    expected = {f"qualtrics:{r}:QID1" for r in _accepted_responses()["response_id"]}
    built = query(db, "select response_id, feedback_source from cx__survey_responses")
    assert {r for r, _ in built} == expected
    assert {source for _, source in built} == {"qualtrics"}
    tickets = query(db, "select count(*) from main_cx_staging.base_cx__support_tickets_sources")
    assert tickets == [(len(_seed("support_tickets")),)]
    contract_db, _ = demo
    for mart, loads in SURVEY_MARTS.items():
        # loaded_through: the connectors' sync time (the contract demo has no load column).
        sql = f"select * {'exclude (loaded_through) ' if loads else ''}from {mart}"
        assert _rounded(query(db, sql)) == _rounded(query(contract_db, sql)), mart


def test_demo_prints_churn_service_levels_and_the_close_the_loop_queue(demo):
    _, output = demo
    customers = _accepted_customers()
    started, churned = customers["started"], customers["churned"]
    begin, end = SEPTEMBER
    at_start = ((started < begin) & (churned.isna() | (churned >= begin))).sum()
    new = ((started >= begin) & (started < end)).sum()
    left = ((started < begin) & (churned >= begin) & (churned < end)).sum()
    at_end = ((started < end) & (churned.isna() | (churned >= end))).sum()
    churn = _printed(output, "Churn").split()
    assert _shown(churn[0], 100 * left / at_start), churn
    counts = f"({left} of {at_start} customers at the start; {new} new, {at_end} at the end)"
    assert " ".join(churn[2:]) == counts
    assert _shown(_printed(output, "Retention").split()[0], 100 * (at_end - new) / at_start)

    tickets = _accepted_tickets()
    tickets = tickets[_in_september(tickets["created"])]
    resolved = tickets["resolved"].notna()
    fcr = 100 * (resolved & (tickets["replies"] <= 1)).sum() / resolved.sum()
    assert _shown(_printed(output, "First-contact resolution").split()[0], fcr)
    service = _printed(output, "First response").split()
    minutes = (tickets["responded"] - tickets["created"]).dt.total_seconds() / 60
    hours = (tickets["resolved"] - tickets["created"]).dt.total_seconds() / 3600
    assert _shown(service[0], minutes.median()) and _shown(service[4], hours.median()), service
    assert service[7] == f"({len(tickets)}", service

    # Every negative answer is in the queue; closed = followed up (any follow-up with a time).
    responses = _accepted_responses()
    kind, score = responses["type"], responses["score"]
    negative = responses[
        ((kind == "nps") & (score <= 6))
        | ((kind == "csat") & (score < 4))
        | ((kind == "ces") & (score < 5))
    ]
    followups = _seed("feedback_followups")
    followed = followups.loc[_timestamps(followups["followed_up_at"]).notna(), "response_id"]
    queue = re.fullmatch(
        r"(\d+) open, (\d+) overdue, (\d+) closed \(all negative answers\)",
        _printed(output, "Close the loop").strip(),
    )
    assert queue, output
    opened, overdue, closed = map(int, queue.groups())
    assert opened + overdue + closed == len(negative)
    is_closed = negative["response_id"].isin(set(followed.dropna()))
    assert closed == is_closed.sum()
    # As of the end of the demo data (2025-10-01), not the build time: overdue once the 48 hours
    # have passed, so only the answers of the last two days are still open.
    late = negative["at"] + pd.Timedelta(hours=48) < pd.Timestamp("2025-10-01")
    assert (opened, overdue) == ((~is_closed & ~late).sum(), (~is_closed & late).sum())
    assert opened > 0


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
