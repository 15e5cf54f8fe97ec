"""The alternative: the monthly NPS / CSAT / CES cube as an analyst would write it in pandas.

Same rules as the package and the floor (docs/inputs.md, docs/outputs.md: "Nothing is lost"),
same output as benchmarks/floor.sql. Copies of a key are ordered by time only (pandas has no
row hash); the generated data's duplicates are exact copies, so the kept row is the same.

    python benchmarks/pandas_cube.py INPUT_FOLDER OUTPUT.parquet
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from cube_rules import CUBE_COLUMNS, DIMENSIONS, LABELS, NUMBER, TIMESTAMP  # beside this script


def read(folder: Path, table: str, columns: list[str]) -> pd.DataFrame:
    """Every Parquet file of one input (<table>.parquet and <table>/*.parquet)."""
    files = sorted(folder.glob(f"{table}.parquet")) + sorted(folder.glob(f"{table}/*.parquet"))
    return pd.concat([pd.read_parquet(f, columns=columns) for f in files], ignore_index=True)


def clean(column: pd.Series) -> pd.Series:
    text = column.str.strip()
    return text.mask(text == "")


def parse_timestamp(text: pd.Series) -> pd.Series:
    shaped = text.where(text.str.fullmatch(TIMESTAMP, na=False))
    return pd.to_datetime(shaped, format="ISO8601", errors="coerce")


def accepted_responses(folder: Path) -> pd.DataFrame:
    raw = read(
        folder,
        "survey_responses",
        [
            "response_id",
            "customer_id",
            "survey_type",
            "program",
            "touchpoint",
            "channel",
            "score",
            "responded_at",
        ],
    )
    df = pd.DataFrame(
        {
            "response_id": clean(raw["response_id"]),
            "customer_id": clean(raw["customer_id"]),
            "survey_type": clean(raw["survey_type"]).str.lower(),
            "program": clean(raw["program"]).str.lower().fillna("transactional"),
            "touchpoint": clean(raw["touchpoint"]).str.lower().fillna("unknown"),
            "channel": clean(raw["channel"]).str.lower().fillna("unknown"),
        }
    )
    score_text = clean(raw["score"])
    numeric = pd.to_numeric(score_text.where(score_text.str.fullmatch(NUMBER, na=False)))
    labels = pd.Series(LABELS)
    label_index = pd.MultiIndex.from_arrays([df["survey_type"], score_text.str.lower()])
    df["score"] = numeric.fillna(pd.Series(labels.reindex(label_index).to_numpy(), index=df.index))
    df["responded_at"] = parse_timestamp(clean(raw["responded_at"]))
    del raw
    score, kind = df["score"], df["survey_type"]
    in_scale = (
        ((kind == "nps") & (score == np.floor(score)) & score.between(0, 10))
        | ((kind == "csat") & score.between(1, 5))
        | ((kind == "ces") & score.between(1, 7))
    )
    valid = df[df["response_id"].notna() & df["responded_at"].notna() & in_scale]
    valid = valid.sort_values(["response_id", "responded_at"], kind="stable")
    return valid.drop_duplicates("response_id", keep="first")


def accepted_segments(folder: Path) -> pd.DataFrame:
    raw = read(
        folder,
        "customers",
        ["customer_id", "started_at", "churned_at", "segment", "monthly_revenue"],
    )
    churned_text = clean(raw["churned_at"])
    revenue_text = clean(raw["monthly_revenue"])
    df = pd.DataFrame(
        {
            "customer_id": clean(raw["customer_id"]),
            "segment": clean(raw["segment"]).str.lower().fillna("unknown"),
            "started_at": parse_timestamp(clean(raw["started_at"])),
            "churned_at": parse_timestamp(churned_text),
        }
    )
    ok = (
        df["customer_id"].notna()
        & df["started_at"].notna()
        & (churned_text.isna() | df["churned_at"].notna())
        & ~(df["churned_at"] < df["started_at"])
        & (revenue_text.isna() | revenue_text.str.fullmatch(NUMBER, na=False))
    )
    valid = df[ok].sort_values(["customer_id", "started_at"], kind="stable")
    return valid.drop_duplicates("customer_id", keep="first")[["customer_id", "segment"]]


def cube(folder: Path) -> pd.DataFrame:
    responses = accepted_responses(folder).merge(
        accepted_segments(folder), on="customer_id", how="left"
    )
    responses["segment"] = responses["segment"].fillna("unknown")
    responses["period_start"] = responses["responded_at"].dt.to_period("M").dt.start_time.dt.date
    kind, score = responses["survey_type"], responses["score"]
    responses["top"] = np.select(
        [kind == "nps", kind == "csat"], [score >= 9, score >= 4], score >= 5
    ).astype(int)
    responses["detractor"] = ((kind == "nps") & (score <= 6)).astype(int)
    frames = []
    for dimension in ["all", *DIMENSIONS]:
        keys = ["survey_type", "period_start"] + ([] if dimension == "all" else [dimension])
        grouped = responses.groupby(keys, observed=True).agg(
            responses=("score", "size"),
            top_responses=("top", "sum"),
            detractors=("detractor", "sum"),
            score_sum=("score", "sum"),
        )
        grouped = grouped.reset_index()
        grouped["dimension"] = dimension
        grouped["dimension_value"] = "all" if dimension == "all" else grouped[dimension]
        frames.append(grouped)
    return pd.concat([f[CUBE_COLUMNS] for f in frames], ignore_index=True)


if __name__ == "__main__":
    cube(Path(sys.argv[1])).to_parquet(sys.argv[2], index=False)
