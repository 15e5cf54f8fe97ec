"""The MetricFlow semantic layer (models/semantic/) on the demo build.

`dbt parse` writes target/semantic_manifest.json, which `mf` reads without parsing again, so
its exit code is checked first. `mf query` runs as a user runs it, in a folder holding the
project's dbt_project.yml and that target/, with the integration project's profiles. Its answers
must equal the cx__ tables at the grains they have, and, at a year grain no table has, a direct
SQL computation over the row-level tables written here from the formulas (scores and
timestamps, not the package's categories or durations). No DuckDB connection is open while mf
runs: mf opens the file itself, through the dbt profile.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from conftest import BIN, PROJECT, dbt_env, installed_packages, query, relation, run_dbt

# The demo keeps the package's defaults: CSAT satisfied at 4+ (1-5), CES easy at 5+ (1-7), a
# first-contact resolution at most 1 agent reply, NPS promoters 9-10 and detractors 0-6.
CSAT_SATISFIED_MIN = 4
CES_EASY_MIN = 5
FCR_MAX_REPLIES = 1

SURVEY_METRICS = [
    "survey_responses",
    "nps", "nps_responses", "nps_promoters", "nps_passives", "nps_detractors",
    "nps_promoter_pct", "nps_detractor_pct",
    "csat_pct", "csat_responses", "csat_satisfied_responses", "csat_score_sum", "csat_avg_score",
    "ces_easy_pct", "ces_responses", "ces_easy_responses", "ces_score_sum", "ces_avg_score",
]  # fmt: skip
FOLLOWUP_METRICS = [
    "negative_answers", "followups_closed", "followups_open", "followups_overdue",
    "followups_on_time", "followup_backlog", "followup_sla_attainment_pct",
]  # fmt: skip
TICKET_METRICS = [
    "tickets_created", "tickets_responded", "tickets_resolved", "first_contact_resolutions",
    "fcr_pct", "first_response_minutes_sum", "avg_first_response_minutes",
    "median_first_response_minutes", "resolution_hours_sum", "avg_resolution_hours",
    "median_resolution_hours", "tickets_with_handle_time", "handle_minutes_sum",
    "avg_handle_minutes",
]  # fmt: skip
COMMENT_METRICS = [
    "comments", "sentiment_sum", "negative_comments", "avg_comment_sentiment",
    "negative_comment_share",
]  # fmt: skip
CUSTOMER_METRICS = [
    f"{name}_{grain}"
    for grain in ("week", "month", "quarter")
    for name in (
        "customers_at_start",
        "new_customers",
        "churned_customers",
        "customers_at_end",
        "churn_rate_pct",
        "retention_rate_pct",
    )
] + ["customers_started", "cohort_customers", "cohort_retained_customers", "cohort_retention_pct"]


@dataclass
class MetricFlow:
    """`mf` on the demo build: run in `root`, where target/semantic_manifest.json is."""

    root: Path
    db: Path

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, **dbt_env(self.db), "DBT_PROFILES_DIR": str(PROJECT)}
        return subprocess.run(
            [str(BIN / "mf"), *args], cwd=self.root, env=env, capture_output=True, text=True
        )

    def query(
        self, metrics: list[str], group_by: list[str], where: str | None = None
    ) -> pd.DataFrame:
        """`mf query ... --csv`: one row per group, time columns as dates."""
        out = self.root / "query.csv"
        args = ["query", "--metrics", ",".join(metrics), "--group-by", ",".join(group_by)]
        done = self.run(*args, *(["--where", where] if where else []), "--csv", str(out))
        assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
        frame = pd.read_csv(out, keep_default_na=False, na_values=[""])
        for column in frame.columns:
            if column.startswith("metric_time__"):
                frame[column] = pd.to_datetime(frame[column]).dt.date
        return frame


@pytest.fixture(scope="module")
def mf(demo: tuple[Path, str]) -> MetricFlow:
    """`dbt parse` (exit code checked) into the demo build's target/, then mf beside it."""
    db, _ = demo
    root = db.parent  # dbt_env(db) puts target/ here; mf reads ./target/semantic_manifest.json
    project_file = root / "dbt_project.yml"
    if not project_file.exists():
        project_file.symlink_to(PROJECT / "dbt_project.yml")
    run = run_dbt(["parse"], db)
    assert run.returncode == 0, run.output[-3000:]
    assert (root / "target" / "semantic_manifest.json").is_file()
    return MetricFlow(root, db)


def _rows(frame: pd.DataFrame, keys: list[str], values: list[str]) -> dict[tuple, tuple]:
    """{key tuple: value tuple}, NaN as None."""
    frame = frame.astype(object).where(frame.notna(), None)
    return {
        tuple(row[k] for k in keys): tuple(row[v] for v in values)
        for row in frame.to_dict("records")
    }


def _table(db: Path, sql: str, keys: int) -> dict[tuple, tuple]:
    return {tuple(row[:keys]): tuple(row[keys:]) for row in query(db, sql)}


def assert_equal_rows(got: dict[tuple, tuple], expected: dict[tuple, tuple]) -> None:
    """Same keys; nulls where expected, counts exact, floats to 1e-12 relative."""
    assert len(expected) > 0
    assert sorted(got) == sorted(expected)
    for key, values in expected.items():
        assert len(got[key]) == len(values), key
        for actual, value in zip(got[key], values, strict=True):
            if value is None:
                assert actual is None, key
            else:
                assert actual == pytest.approx(value, rel=1e-12, abs=1e-12), key


def test_parse_then_mf_validate_configs_pass(mf):
    done = mf.run("validate-configs")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    # The semantics, then every check against the demo's warehouse.
    assert "Successfully validated the semantics" in output
    for step in ("semantic models", "dimensions", "entities", "measures", "metrics"):
        assert f"Successfully validated {step} against data warehouse" in output, step
    assert "ERRORS: 0" in output and "ERRORS: 1" not in output


def test_every_metric_is_in_the_semantic_manifest(mf):
    manifest = json.loads((mf.root / "target" / "semantic_manifest.json").read_text())
    metrics = {metric["name"] for metric in manifest["metrics"]}
    assert metrics == {
        *SURVEY_METRICS,
        *FOLLOWUP_METRICS,
        *TICKET_METRICS,
        *CUSTOMER_METRICS,
        *COMMENT_METRICS,
    }
    measures = [m["name"] for model in manifest["semantic_models"] for m in model["measures"]]
    assert len(measures) == len(set(measures))
    (spine,) = manifest["project_configuration"]["time_spines"]
    assert spine["primary_column"] == {"name": "date_day", "time_granularity": "day"}


def test_time_spine_has_every_day_once(demo):
    db, _ = demo
    first, last = dt.date(2000, 1, 1), dt.date(2040, 12, 31)
    sql = "select min(date_day), max(date_day), count(*), count(distinct date_day) from {}"
    got = query(db, sql.format("cx_time_spine"))
    # As many distinct days as the calendar has from first to last: none missing.
    days = (last - first).days + 1
    assert got == [(first, last, days, days)]


def test_nps_by_month_and_channel_equals_cx__nps(mf):
    metrics = ["nps", "nps_responses", "nps_promoters", "nps_passives", "nps_detractors"]
    frame = mf.query(
        [*metrics, "nps_promoter_pct", "nps_detractor_pct"],
        ["metric_time__month", "survey_response__channel"],
    )
    # A channel-month with only CSAT or CES answers has no NPS: no row in cx__nps.
    empty = frame[frame["nps_responses"] == 0]
    assert empty["nps"].isna().all()
    got = _rows(
        frame[frame["nps_responses"] > 0],
        ["metric_time__month", "survey_response__channel"],
        [*metrics, "nps_promoter_pct", "nps_detractor_pct"],
    )
    expected = _table(
        mf.db,
        "select period_start, dimension_value, nps, responses, promoters, passives, detractors,"
        " promoter_pct, detractor_pct from cx__nps"
        " where period_grain = 'month' and dimension = 'channel'",
        keys=2,
    )
    assert_equal_rows(got, expected)


def test_csat_by_quarter_and_segment_equals_cx__csat(mf):
    metrics = ["csat_pct", "csat_responses", "csat_satisfied_responses", "csat_avg_score"]
    frame = mf.query(metrics, ["metric_time__quarter", "survey_response__segment"])
    got = _rows(
        frame[frame["csat_responses"] > 0],
        ["metric_time__quarter", "survey_response__segment"],
        metrics,
    )
    expected = _table(
        mf.db,
        "select period_start, dimension_value, csat_pct, responses, satisfied_responses, avg_score"
        " from cx__csat where period_grain = 'quarter' and dimension = 'segment'",
        keys=2,
    )
    assert_equal_rows(got, expected)


def test_ces_by_month_equals_cx__ces(mf):
    metrics = ["ces_easy_pct", "ces_responses", "ces_easy_responses", "ces_avg_score"]
    frame = mf.query(metrics, ["metric_time__month"])
    got = _rows(frame[frame["ces_responses"] > 0], ["metric_time__month"], metrics)
    expected = _table(
        mf.db,
        "select period_start, ces_easy_pct, responses, easy_responses, avg_score from cx__ces"
        " where period_grain = 'month' and dimension = 'all'",
        keys=1,
    )
    assert_equal_rows(got, expected)


SERVICE_LEVELS = {  # metric: cx__service_levels column
    "tickets_created": "tickets_created",
    "tickets_responded": "tickets_responded",
    "tickets_resolved": "tickets_resolved",
    "avg_first_response_minutes": "avg_first_response_minutes",
    "median_first_response_minutes": "median_first_response_minutes",
    "avg_resolution_hours": "avg_resolution_hours",
    "median_resolution_hours": "median_resolution_hours",
    "avg_handle_minutes": "avg_handle_minutes",
    "first_contact_resolutions": "first_contact_resolutions",
    "fcr_pct": "fcr_pct",
}


def test_service_levels_by_week_equal_cx__service_levels(mf):
    frame = mf.query(list(SERVICE_LEVELS), ["metric_time__week"])
    got = _rows(frame, ["metric_time__week"], list(SERVICE_LEVELS))
    expected = _table(
        mf.db,
        f"select period_start, {', '.join(SERVICE_LEVELS.values())} from cx__service_levels"
        " where period_grain = 'week' and dimension = 'all'",
        keys=1,
    )
    assert_equal_rows(got, expected)


def test_service_levels_by_month_and_priority_equal_cx__service_levels(mf):
    frame = mf.query(list(SERVICE_LEVELS), ["metric_time__month", "ticket__priority"])
    got = _rows(frame, ["metric_time__month", "ticket__priority"], list(SERVICE_LEVELS))
    expected = _table(
        mf.db,
        f"select period_start, dimension_value, {', '.join(SERVICE_LEVELS.values())}"
        " from cx__service_levels where period_grain = 'month' and dimension = 'priority'",
        keys=2,
    )
    assert_equal_rows(got, expected)


def test_churn_per_grain_equals_cx__customer_churn(mf):
    for grain, dimension in (("month", "all"), ("quarter", "segment"), ("week", "plan")):
        metrics = [
            f"{name}_{grain}"
            for name in (
                "customers_at_start",
                "new_customers",
                "churned_customers",
                "customers_at_end",
                "churn_rate_pct",
                "retention_rate_pct",
            )
        ]
        frame = mf.query(
            metrics,
            [f"metric_time__{grain}", "churn_period__dimension_value"],
            where=f"{{{{ Dimension('churn_period__dimension') }}}} = '{dimension}'",
        )
        got = _rows(frame, [f"metric_time__{grain}", "churn_period__dimension_value"], metrics)
        expected = _table(
            mf.db,
            "select period_start, dimension_value, customers_at_start, new_customers,"
            " churned_customers, customers_at_end, churn_rate_pct, retention_rate_pct"
            f" from cx__customer_churn where period_grain = '{grain}'"
            f" and dimension = '{dimension}'",
            keys=2,
        )
        assert_equal_rows(got, expected)


def test_customers_started_adds_up_to_new_customers_at_any_grain(mf):
    frame = mf.query(["customers_started"], ["metric_time__quarter"])
    got = _rows(frame, ["metric_time__quarter"], ["customers_started"])
    expected = _table(
        mf.db,
        "select period_start, new_customers from cx__customer_churn"
        " where period_grain = 'quarter' and dimension = 'all' and new_customers > 0",
        keys=1,
    )
    assert_equal_rows(got, expected)


def test_cohort_retention_equals_cx__cohort_retention(mf):
    metrics = ["cohort_customers", "cohort_retained_customers", "cohort_retention_pct"]
    frame = mf.query(metrics, ["metric_time__month", "cohort__months_since_start"])
    got = _rows(frame, ["metric_time__month", "cohort__months_since_start"], metrics)
    expected = _table(
        mf.db,
        "select cohort_month, months_since_start, cohort_customers, retained_customers,"
        " retention_pct from cx__cohort_retention",
        keys=2,
    )
    assert_equal_rows(got, expected)


def test_comment_sentiment_by_month_equals_a_direct_computation_over_the_comments(mf):
    """avg_comment_sentiment and negative_comment_share by month, as mf answers them, against
    the mean score and the share of negative labels over the rows of cx__comment_sentiment
    (not cx__sentiment), whole and by channel: each ratio of sums at the query's own grain."""
    metrics = ["avg_comment_sentiment", "negative_comment_share", "comments", "negative_comments"]
    negative = "sentiment_label in ('negative', 'very negative')"
    direct = f"""
        select
            cast(date_trunc('month', responded_at) as date) as month{{group}},
            avg(sentiment_score),
            cast(count(*) filter (where {negative}) as double) / count(*),
            count(*),
            count(*) filter (where {negative})
        from cx__comment_sentiment group by all
    """
    (rows, negatives) = query(
        mf.db, f"select count(*), count(*) filter (where {negative}) from cx__comment_sentiment"
    )[0]
    assert rows > 100 and negatives > 0  # the demo has comments, some of them negative

    frame = mf.query(metrics, ["metric_time__month"])
    expected = _table(mf.db, direct.format(group=""), keys=1)
    assert_equal_rows(_rows(frame, ["metric_time__month"], metrics), expected)

    frame = mf.query(metrics, ["metric_time__month", "comment__channel"])
    expected = _table(mf.db, direct.format(group=", channel"), keys=2)
    assert_equal_rows(_rows(frame, ["metric_time__month", "comment__channel"], metrics), expected)


def test_year_grain_equals_a_direct_computation_over_the_rows(mf):
    """No table has a year grain: each figure below is the formula over the rows of the year."""
    surveys = mf.query(
        ["nps", "nps_responses", "csat_pct", "csat_avg_score", "ces_easy_pct"],
        ["metric_time__year", "survey_response__program"],
    )
    tickets = mf.query(
        [
            "tickets_created",
            "avg_first_response_minutes",
            "median_first_response_minutes",
            "median_resolution_hours",
            "fcr_pct",
        ],
        ["metric_time__year", "ticket__priority"],
    )
    followups = mf.query(
        ["negative_answers", "followup_backlog", "followup_sla_attainment_pct"],
        ["metric_time__year"],
    )

    nps = _table(
        mf.db,
        """
        select
            year(responded_at), program,
            100 * cast(count(*) filter (where score >= 9) - count(*) filter (where score <= 6)
                as double) / count(*),
            count(*)
        from cx__survey_responses where survey_type = 'nps' group by all
        """,
        keys=2,
    )
    csat = _table(
        mf.db,
        f"""
        select
            year(responded_at), program,
            100 * cast(count(*) filter (where score >= {CSAT_SATISFIED_MIN}) as double) / count(*),
            avg(score)
        from cx__survey_responses where survey_type = 'csat' group by all
        """,
        keys=2,
    )
    ces = _table(
        mf.db,
        f"""
        select
            year(responded_at), program,
            100 * cast(count(*) filter (where score >= {CES_EASY_MIN}) as double) / count(*)
        from cx__survey_responses where survey_type = 'ces' group by all
        """,
        keys=2,
    )
    survey_keys = sorted(set(nps) | set(csat) | set(ces))
    expected = {
        key: (*nps.get(key, (None, 0)), *csat.get(key, (None, None)), *ces.get(key, (None,)))
        for key in survey_keys
    }
    surveys["year"] = [d.year for d in surveys["metric_time__year"]]
    got = _rows(
        surveys,
        ["year", "survey_response__program"],
        ["nps", "nps_responses", "csat_pct", "csat_avg_score", "ces_easy_pct"],
    )
    assert_equal_rows(got, expected)

    minutes = "(epoch_us(first_response_at) - epoch_us(created_at)) / 60e6"
    hours = "(epoch_us(resolved_at) - epoch_us(created_at)) / 3600e6"
    expected_tickets = _table(
        mf.db,
        f"""
        select
            year(created_at), priority, count(*),
            avg({minutes}), quantile_cont({minutes}, 0.5), quantile_cont({hours}, 0.5),
            100 * cast(count(*) filter (where resolved_at is not null
                and agent_replies <= {FCR_MAX_REPLIES}) as double)
                / count(resolved_at)
        from {relation("int_cx__support_tickets_enriched")} group by all
        """,
        keys=2,
    )
    tickets["year"] = [d.year for d in tickets["metric_time__year"]]
    got_tickets = _rows(
        tickets,
        ["year", "ticket__priority"],
        [
            "tickets_created",
            "avg_first_response_minutes",
            "median_first_response_minutes",
            "median_resolution_hours",
            "fcr_pct",
        ],
    )
    assert_equal_rows(got_tickets, expected_tickets)

    # Outcome known: followed up, or past due (at the build's status time) without one.
    expected_followups = _table(
        mf.db,
        """
        select
            year(responded_at), count(*),
            count(*) filter (where followed_up_at is null),
            100 * cast(count(*) filter (where followed_up_at <= follow_up_due_at) as double)
                / count(*) filter (where followed_up_at is not null
                    or follow_up_due_at < status_as_of)
        from cx__feedback_followups group by all
        """,
        keys=1,
    )
    followups["year"] = [d.year for d in followups["metric_time__year"]]
    got_followups = _rows(
        followups,
        ["year"],
        ["negative_answers", "followup_backlog", "followup_sla_attainment_pct"],
    )
    assert_equal_rows(got_followups, expected_followups)


# dbt-core parses semantic models and metrics itself. A project without MetricFlow is run here
# by a Python that sees this environment's packages less every MetricFlow one (python -S, and
# the site folder rebuilt from links without them).
NO_METRICFLOW = """
import importlib.util, site, sys
site.addsitedir(sys.argv.pop(1))
assert all(importlib.util.find_spec(name) is None
           for name in ("metricflow", "dbt_metricflow", "metricflow_semantics"))
from dbt.cli.main import dbtRunner
sys.exit(0 if dbtRunner().invoke(sys.argv[1:]).success else 1)
"""


def _parse_without_metricflow(folder: Path, variables: dict) -> dict:
    """`dbt parse` of the integration project without MetricFlow: what it parsed."""
    site_dir = folder / "site-packages"
    site_dir.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if "metricflow" not in entry.name.lower():
            (site_dir / entry.name).symlink_to(entry)
    installed_packages()
    done = subprocess.run(
        [
            sys.executable,
            "-S",
            "-c",
            NO_METRICFLOW,
            str(site_dir),
            "parse",
            "--project-dir",
            str(PROJECT),
            "--profiles-dir",
            str(PROJECT),
            "--vars",
            json.dumps(variables),
        ],
        cwd=PROJECT,
        env={**os.environ, **dbt_env(folder / "x.duckdb")},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    manifest = json.loads((folder / "target" / "manifest.json").read_text())
    return {
        "metrics": {m["name"] for m in manifest["metrics"].values()},
        "semantic_models": {m["name"] for m in manifest["semantic_models"].values()},
        "time_spine": "model.cx_metrics.cx_time_spine" in manifest["nodes"],
    }


def test_surveys_only_project_parses_without_metricflow(tmp_path):
    parsed = _parse_without_metricflow(
        tmp_path,
        {
            "cx_using_customers": False,
            "cx_using_support_tickets": False,
            "cx_using_feedback_followups": False,
        },
    )
    assert parsed == {
        "metrics": {*SURVEY_METRICS, *FOLLOWUP_METRICS, *COMMENT_METRICS},
        "semantic_models": {
            "cx_survey_responses",
            "cx_feedback_followups",
            "cx_comment_sentiment",
        },
        "time_spine": True,
    }


def test_comments_switched_off_drop_their_semantic_model_and_metrics(tmp_path):
    parsed = _parse_without_metricflow(tmp_path, {"cx_using_comments": False})
    assert parsed["semantic_models"] and "cx_comment_sentiment" not in parsed["semantic_models"]
    assert parsed["metrics"] == {
        *SURVEY_METRICS,
        *FOLLOWUP_METRICS,
        *TICKET_METRICS,
        *CUSTOMER_METRICS,
    }


def test_semantic_layer_switched_off_leaves_nothing(tmp_path):
    parsed = _parse_without_metricflow(tmp_path, {"cx_semantic_layer": False})
    assert parsed == {"metrics": set(), "semantic_models": set(), "time_spine": False}
