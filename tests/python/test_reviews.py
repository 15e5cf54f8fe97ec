"""The optional reviews input (cx_using_reviews) end to end on DuckDB: cx__reviews recomputed
independently in pandas from the raw rows, the hand-made defective rows rejected with their
reasons and raw values, and nothing lost (input rows = accepted + rejected).

The raw reviews are the demo's (integration_tests/seeds/demo/cx_demo__reviews.csv) with a few
hostile rows appended; the other inputs are the small hand-made fixture.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from conftest import (
    DEMO_SEEDS,
    FIXTURES,
    PROJECT,
    dbt_env,
    load_raw_csvs,
    own_inputs,
    relation,
    run_dbt,
)

from cx_metrics.expectations.runner import expectation_rows, validate
from cx_metrics.project import close_duckdb_in_process

COLUMNS = ["review_id", "source", "posted_at", "rating", "text", "customer_id"]
GOOD = {
    "source": "google",
    "posted_at": "2024-05-10 10:00:00",
    "rating": "4",
    "text": "Fine.",
    "customer_id": None,
}
# (review_id, changed columns, the reason it is rejected: None when it is accepted).
HOSTILE: list[tuple[str | None, dict[str, str | None], str | None]] = [
    ("H-zero", {"rating": "0"}, "rating outside scale"),
    ("H-six", {"rating": "6"}, "rating outside scale"),
    ("H-half", {"rating": "4.5"}, "rating not an integer"),
    ("H-word", {"rating": "five"}, "unparseable rating"),
    ("H-none", {"rating": None}, "missing rating"),
    ("H-blank", {"rating": "  "}, "missing rating"),
    ("H-no-time", {"posted_at": None}, "missing timestamp"),
    ("H-bad-time", {"posted_at": "yesterday"}, "unparseable timestamp"),
    ("H-old", {"posted_at": "0001-01-01 00:00:00"}, "timestamp out of range"),
    ("   ", {}, "missing key"),
    # A later copy of a demo review's key: the earliest valid row is kept.
    ("R00000000", {"posted_at": "2025-09-29 12:00:00", "rating": "1"}, "duplicate key"),
    # Accepted: a rating written as a decimal, a messy or missing source, no text.
    ("H-five", {"rating": " 5.0 ", "source": "  GOOGLE "}, None),
    ("H-no-source", {"source": None, "text": None, "customer_id": "C00000001"}, None),
]
VARIABLES = own_inputs(cx_using_reviews=True)
REVIEWS = ["+cx__reviews", "+cx__rejected_records"]


def _raw() -> pd.DataFrame:
    demo = pd.read_csv(
        DEMO_SEEDS / "cx_demo__reviews.csv", dtype=str, keep_default_na=False, na_values=[""]
    )
    demo = demo.astype(object).where(demo.notna(), None)
    hostile = pd.DataFrame(
        [{"review_id": key, **GOOD, **changes} for key, changes, _ in HOSTILE], columns=COLUMNS
    )
    return pd.concat([demo[COLUMNS], hostile], ignore_index=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    db = tmp_path_factory.mktemp("reviews") / "reviews.duckdb"
    load_raw_csvs(db, FIXTURES / "small")
    raw = _raw()
    con = duckdb.connect(str(db))
    try:
        con.register("raw_reviews", raw)
        columns = ", ".join(f"cast({c} as varchar) as {c}" for c in COLUMNS)
        con.execute(f"create table raw.reviews as select {columns} from raw_reviews")
    finally:
        con.close()
    run = run_dbt(
        [
            "build",
            "--select",
            *REVIEWS,
            "--exclude-resource-type",
            "unit_test",
            "--indirect-selection",
            "cautious",
        ],
        db,
        VARIABLES,
    )
    assert run.returncode == 0, run.output[-5000:]
    return db, raw


def _read(db: Path, sql: str) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).df()
    finally:
        con.close()


def _accepted_in_pandas(raw: pd.DataFrame) -> pd.DataFrame:
    """The input contract's rules (docs/inputs.md), as far as these rows need them: a key, a
    timestamp (YYYY-MM-DD HH:MM:SS) from 1900 on, a whole rating from 1 to 5; the earliest copy
    of a key; the source trimmed and lower-cased, unknown when missing."""
    key = raw["review_id"].str.strip().replace("", None)
    at = pd.to_datetime(raw["posted_at"].str.strip(), format="%Y-%m-%d %H:%M:%S", errors="coerce")
    text = raw["rating"].str.strip()
    rating = pd.to_numeric(text.where(text.str.fullmatch(r"\d+(\.\d+)?", na=False)))
    valid = (
        key.notna()
        & at.notna()
        & (at >= pd.Timestamp("1900-01-01"))
        & rating.between(1, 5)
        & (rating == np.floor(rating))
    )
    source = raw["source"].str.strip().str.lower().replace("", None).fillna("unknown")
    frame = pd.DataFrame({"review_id": key, "at": at, "rating": rating, "source": source})
    return frame[valid].sort_values("at", kind="stable").drop_duplicates("review_id")


def test_monthly_reviews_by_source_match_pandas(built):
    db, raw = built
    accepted = _accepted_in_pandas(raw)
    accepted["month"] = accepted["at"].dt.to_period("M").dt.start_time
    by_source = accepted.assign(dimension="source", value=accepted["source"])
    by_all = accepted.assign(dimension="all", value="all")
    expected = (
        pd.concat([by_source, by_all])
        .groupby(["month", "dimension", "value"])
        .agg(
            reviews=("rating", "size"),
            avg_rating=("rating", "mean"),
            top_two=("rating", lambda r: 100 * (r >= 4).mean()),
        )
        .reset_index()
    )
    built_rows = _read(
        db,
        "select period_start as month, dimension, dimension_value as value, reviews,"
        " avg_rating, top_two_star_pct as top_two, top_two_star_reviews, rating_sum,"
        " top_two_star_ci_lower, top_two_star_ci_upper"
        f" from {relation('cx__reviews')} where period_grain = 'month'",
    )
    built_rows["month"] = pd.to_datetime(built_rows["month"])
    merged = expected.merge(
        built_rows, on=["month", "dimension", "value"], how="outer", indicator=True
    )
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"].head(10)
    assert (merged["reviews_x"] == merged["reviews_y"]).all()
    assert np.allclose(merged["avg_rating_x"], merged["avg_rating_y"], rtol=0, atol=1e-9)
    assert np.allclose(merged["top_two_x"], merged["top_two_y"], rtol=0, atol=1e-9)
    assert np.allclose(
        merged["top_two_star_reviews"], merged["top_two_y"] * merged["reviews_y"] / 100
    )
    assert (merged["rating_sum"] == (merged["avg_rating_y"] * merged["reviews_y"]).round()).all()
    assert (merged["top_two_star_ci_lower"] <= merged["top_two_y"] + 1e-9).all()
    assert (merged["top_two_star_ci_upper"] >= merged["top_two_y"] - 1e-9).all()
    # The demo's sources, and the hostile rows' messy and missing ones, are all there.
    sources = set(built_rows.loc[built_rows["dimension"] == "source", "value"])
    assert {"google", "trustpilot", "app_store", "play_store", "twitter", "unknown"} <= sources


def test_every_grain_counts_every_accepted_review(built):
    db, raw = built
    accepted = len(_accepted_in_pandas(raw))
    totals = _read(
        db,
        "select period_grain, sum(reviews) as reviews, sum(rating_sum) as rating_sum"
        f" from {relation('cx__reviews')} where dimension = 'all' group by 1",
    )
    assert set(totals["period_grain"]) == {"week", "month", "quarter"}
    assert (totals["reviews"] == accepted).all()
    assert totals["rating_sum"].nunique() == 1


def test_defective_rows_are_rejected_with_their_reason_and_raw_values(built):
    db, _ = built
    rejected = _read(
        db,
        "select record_id, reason, raw_record"
        f" from {relation('cx__rejected_records')} where source_table = 'reviews'",
    )
    expected = Counter(
        (key.strip() or None, reason) for key, _, reason in HOSTILE if reason is not None
    )
    ids = rejected["record_id"].astype(object).where(rejected["record_id"].notna(), None)
    assert Counter(zip(ids, rejected["reason"], strict=True)) == expected
    for raw_record in rejected["raw_record"]:
        assert list(json.loads(raw_record)) == COLUMNS
    (half,) = rejected.loc[rejected["record_id"] == "H-half", "raw_record"]
    assert json.loads(half)["rating"] == "4.5"


def test_input_rows_are_accepted_plus_rejected(built):
    db, raw = built
    accepted = _read(db, f"select * from {relation('int_cx__reviews_accepted')}")
    (rejected,) = _read(
        db,
        f"select count(*) from {relation('cx__rejected_records')} where source_table = 'reviews'",
    ).iloc[0]
    assert len(raw) == len(accepted) + rejected
    assert accepted["review_id"].is_unique
    assert list(accepted.columns) == [
        "review_id",
        "source",
        "posted_at",
        "rating",
        "text",
        "customer_id",
    ]
    assert set(accepted["rating"]) <= {1, 2, 3, 4, 5}
    row = accepted.set_index("review_id").loc["H-no-source"]
    assert (row["source"], row["customer_id"]) == ("unknown", "C00000001")
    assert pd.isna(row["text"])
    assert accepted.set_index("review_id").loc["H-five", ["source", "rating"]].tolist() == [
        "google",
        5,
    ]
    # The kept copy of R00000000 is the demo's, not the later one.
    (kept,) = accepted.loc[accepted["review_id"] == "R00000000", "posted_at"]
    assert kept < pd.Timestamp("2025-09-29")


def test_validation_counts_the_reviews_defects(built, monkeypatch):
    """cx-metrics validate reads the reviews from the contract: the rows it would reject, each
    kind counted under its problem."""
    db, raw = built
    for name, value in {**dbt_env(db), "CX_DBT_PROJECT_DIR": str(PROJECT)}.items():
        monkeypatch.setenv(name, value)
    report = validate(["--vars", json.dumps(VARIABLES)])
    close_duckdb_in_process()
    (table,) = [t for t in report.tables if t.name == "reviews"]
    problems = {row.problem: row for row in expectation_rows(table.result)}
    assert table.rows == len(raw)
    assert problems["rating not a whole number 1-5"].unexpected_count == 3  # 0, 6, 4.5
    assert problems["missing or unparseable rating"].unexpected_count == 3  # five, null, blank
    assert problems["missing or unparseable timestamp"].unexpected_count == 2
    assert table.rows_to_reject == sum(reason is not None for _, _, reason in HOSTILE)
    assert not table.blocked
