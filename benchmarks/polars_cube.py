"""The alternative in polars (tested with polars 2.1.0): the monthly NPS / CSAT / CES cube of
benchmarks/pandas_cube.py, with the same rules and the same output (columns, types, rows).

Every rule mirrors pandas_cube.py, including where it relies on how pandas behaves: Python's
whitespace for strip, Arrow's one-to-one lower-casing, pandas' number parsers (its older one
after a "+"), the ISO 8601 parser's checks of dates and times, and copies of a key ordered by time
then by input order (files in sorted order, rows in file order). Not mirrored: where pandas
fails (an accepted response in year 0000, an integer score of 2**63 or more) and about 20
characters that Arrow's newer Unicode tables lower-case differently.

    python benchmarks/polars_cube.py INPUT_FOLDER OUTPUT.parquet
"""

import sys
from pathlib import Path

import polars as pl
from cube_rules import CUBE_COLUMNS, DIMENSIONS, LABELS, NUMBER, TIMESTAMP  # beside this script

# pandas' str.strip() removes Python's whitespace (polars' default leaves out \x1c-\x1f).
WHITESPACE = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
# pandas lowers through Arrow, one character to one, with no final sigma: polars would give
# "i̇" for "İ" and "ς" for a final "Σ".
ONE_TO_ONE_LOWER = {"\u0130": "i", "\u03a3": "\u03c3"}
SIGNIFICANT_DIGITS = 17  # pandas' older number parser keeps at most 17 digits
POWERS_OF_TEN = {k: float(f"1e{k}") for k in range(309)}  # and its table of 1e0 to 1e308
MICROSECONDS_PER_DAY = 86_400_000_000
# Where each part of a TIMESTAMP string is (the regular expression fixes the places).
CLOCK_PARTS = {
    "year": (0, 4),
    "month": (5, 2),
    "day": (8, 2),
    "hour": (11, 2),
    "minute": (14, 2),
    "second": (17, 2),
}


def scan(folder: Path, table: str, columns: list[str]) -> pl.LazyFrame:
    """Every Parquet file of one input (<table>.parquet and <table>/*.parquet), with the row's
    place in that order (pandas' tie-break between copies of a key)."""
    files = sorted(folder.glob(f"{table}.parquet")) + sorted(folder.glob(f"{table}/*.parquet"))
    return pl.scan_parquet(files, row_index_name="row").select("row", *columns)


def full_match(text: pl.Expr, pattern: str) -> pl.Expr:
    return text.str.contains(f"^{pattern}$").fill_null(False)


def clean(name: str) -> pl.Expr:
    text = pl.col(name).str.strip_chars(WHITESPACE)
    return pl.when(text != "").then(text)


def lower(text: pl.Expr) -> pl.Expr:
    return text.str.replace_many(ONE_TO_ONE_LOWER).str.to_lowercase()


def code(name: str, default: str | None = None) -> pl.Expr:
    text = lower(clean(name))
    return (text if default is None else text.fill_null(default)).alias(name)


def with_score(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Column score: score_text as pd.to_numeric reads a NUMBER string (to the bit), else its
    label's score. pandas parses numbers with fast_float, correctly rounded like polars' cast,
    except after a "+": then with its older parser (older_number)."""
    text, number = pl.col("score_text"), pl.col("score")
    # Each step a column of its own: polars would otherwise repeat the shared regex matches.
    frame = frame.with_columns(score=pl.when(full_match(text, NUMBER)).then(text))
    frame = frame.with_columns(
        plus=pl.when(number.str.starts_with("+")).then(number.str.strip_prefix("+"))
    )
    parsed = (
        pl.when(pl.col("plus").is_not_null())
        .then(older_number(pl.col("plus")))
        .otherwise(number.cast(pl.Float64, strict=False))
    )
    score = pl.coalesce(parsed, label_score(pl.col("survey_type"), text))
    return frame.with_columns(score=score).drop("plus", "score_text")


def older_number(body: pl.Expr) -> pl.Expr:
    """pandas' older parser: the first 17 significant digits as an integer, converted once,
    then multiplied or divided by its table of powers of ten."""
    digits = body.str.replace(".", "", literal=True)
    whole = body.str.find(".", literal=True).fill_null(body.str.len_chars()).cast(pl.Int64)
    significant = digits.str.strip_chars_start("0")
    skipped = (digits.str.len_chars() - significant.str.len_chars()).cast(pl.Int64)
    head = significant.str.slice(0, SIGNIFICANT_DIGITS)
    mantissa = head.cast(pl.Int64, strict=False).fill_null(0).cast(pl.Float64)
    exponent = whole - skipped - head.str.len_chars().cast(pl.Int64)

    def power(k: pl.Expr) -> pl.Expr:
        return k.replace_strict(POWERS_OF_TEN, default=None, return_dtype=pl.Float64)

    return (
        pl.when(exponent > 308)
        .then(pl.when(mantissa == 0).then(0.0).otherwise(float("inf")))
        .when(exponent > 0)
        .then(mantissa * power(exponent))
        .when(exponent < -616)
        .then(0.0)
        .when(exponent < -308)
        .then(mantissa / power(-308 - exponent) / power(pl.lit(308)))
        .otherwise(mantissa / power(-exponent))
    )


def label_score(survey_type: pl.Expr, text: pl.Expr) -> pl.Expr:
    label = lower(text)
    by_kind = [
        pl.when(survey_type == kind).then(
            label.replace_strict(
                {lab: score for (k, lab), score in LABELS.items() if k == kind},
                default=None,
                return_dtype=pl.Float64,
            )
        )
        for kind in dict.fromkeys(k for k, _ in LABELS)
    ]
    return pl.coalesce(by_kind)


def with_timestamp(frame: pl.LazyFrame, name: str) -> pl.LazyFrame:
    """Column name (cleaned text) as pd.to_datetime(format="ISO8601", errors="coerce") reads a
    TIMESTAMP string, in microseconds: impossible dates and times (February 30, 24:00, :60)
    are null, years 0000-9999 are kept. Each step is a column of its own (see with_score)."""
    shaped = pl.col(name)
    frame = frame.with_columns(pl.when(full_match(shaped, TIMESTAMP)).then(shaped))
    frame = frame.with_columns(
        *(
            shaped.str.slice(start, length).cast(pl.Int64, strict=False).fill_null(0).alias(part)
            for part, (start, length) in CLOCK_PARTS.items()
        ),
        micro=shaped.str.slice(20, 6).str.pad_end(6, "0").cast(pl.Int64, strict=False),
    )
    year, month, day, hour, minute, second = (pl.col(part) for part in CLOCK_PARTS)
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    month_days = (
        pl.when(month == 2)
        .then(28 + leap.cast(pl.Int64))
        .when(month.is_in([4, 6, 9, 11]))
        .then(30)
        .otherwise(31)
    )
    valid = month.is_between(1, 12) & day.is_between(1, month_days)
    valid = shaped.is_not_null() & valid & (hour < 24) & (minute < 60) & (second < 60)
    clock = ((hour * 60 + minute) * 60 + second) * 1_000_000 + pl.col("micro")
    stamp = days_from_civil(year, month, day) * MICROSECONDS_PER_DAY + clock
    stamp = pl.when(valid).then(stamp).cast(pl.Datetime("us"))
    return frame.with_columns(stamp.alias(name)).drop(*CLOCK_PARTS, "micro")


def days_from_civil(year: pl.Expr, month: pl.Expr, day: pl.Expr) -> pl.Expr:
    """Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm)."""
    y = year - (month <= 2).cast(pl.Int64)
    era = y // 400
    year_of_era = y - era * 400
    day_of_year = (153 * ((month + 9) % 12) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146_097 + day_of_era - 719_468


def first_copy(frame: pl.LazyFrame, key: str, at: str) -> pl.LazyFrame:
    """The earliest copy of each key, the first in input order among equally early ones: the
    kept rows' numbers first (a narrow table; half the memory of keeping whole rows), then
    those rows."""
    kept = frame.group_by(key).agg(pl.col("row").sort_by(at, "row").first())
    return frame.join(kept.select("row"), on="row", how="semi")


def accepted_responses(folder: Path) -> pl.LazyFrame:
    columns = ["response_id", "customer_id", "survey_type", "program", "touchpoint", "channel"]
    raw = scan(folder, "survey_responses", [*columns, "score", "responded_at"])
    df = raw.select(
        "row",
        clean("response_id").alias("response_id"),
        clean("customer_id").alias("customer_id"),
        code("survey_type"),
        code("program", "transactional"),
        code("touchpoint", "unknown"),
        code("channel", "unknown"),
        clean("score").alias("score_text"),
        clean("responded_at").alias("responded_at"),
    )
    df = with_score(with_timestamp(df, "responded_at"))
    kind, score = pl.col("survey_type"), pl.col("score")
    in_scale = (
        ((kind == "nps") & (score == score.floor()) & score.is_between(0, 10))
        | ((kind == "csat") & score.is_between(1, 5))
        | ((kind == "ces") & score.is_between(1, 7))
    ).fill_null(False)
    valid = df.filter(
        pl.col("response_id").is_not_null() & pl.col("responded_at").is_not_null() & in_scale
    )
    return first_copy(valid, "response_id", "responded_at")


def accepted_segments(folder: Path) -> pl.LazyFrame:
    raw = scan(
        folder,
        "customers",
        ["customer_id", "started_at", "churned_at", "segment", "monthly_revenue"],
    )
    df = raw.select(
        "row",
        clean("customer_id").alias("customer_id"),
        code("segment", "unknown"),
        clean("started_at").alias("started_at"),
        clean("churned_at").alias("churned_text"),
        clean("monthly_revenue").alias("revenue_text"),
    )
    df = with_timestamp(df.with_columns(churned_at=pl.col("churned_text")), "churned_at")
    df = with_timestamp(df, "started_at")
    churned_text, churned_at = pl.col("churned_text"), pl.col("churned_at")
    revenue_text = pl.col("revenue_text")
    ok = (
        pl.col("customer_id").is_not_null()
        & pl.col("started_at").is_not_null()
        & (churned_text.is_null() | churned_at.is_not_null())
        & (churned_at < pl.col("started_at")).fill_null(False).not_()
        & (revenue_text.is_null() | full_match(revenue_text, NUMBER))
    )
    kept = first_copy(df.filter(ok), "customer_id", "started_at")
    return kept.select("customer_id", "segment")


def finest_groups(folder: Path) -> tuple[pl.DataFrame, bool]:
    """The counts and sums by survey type, month and every dimension at once; whether every
    score is an integer (pandas then sums integers: its score_sum is int64)."""
    responses = accepted_responses(folder).join(
        accepted_segments(folder), on="customer_id", how="left"
    )
    kind, score = pl.col("survey_type"), pl.col("score")
    top = pl.when(kind == "nps").then(score >= 9).when(kind == "csat").then(score >= 4)
    classified = responses.select(
        "survey_type",
        pl.col("responded_at").dt.month_start().dt.date().alias("period_start"),
        "program",
        "touchpoint",
        "channel",
        pl.col("segment").fill_null("unknown"),
        "score",
        top.otherwise(score >= 5).cast(pl.Int64).alias("top"),
        ((kind == "nps") & (score <= 6)).cast(pl.Int64).alias("detractor"),
    )
    grouped = classified.group_by("survey_type", "period_start", *DIMENSIONS).agg(
        responses=pl.len().cast(pl.Int64),
        top_responses=pl.col("top").sum(),
        detractors=pl.col("detractor").sum(),
        score_sum=pl.col("score").sum(),
    )
    raw_scores = scan(folder, "survey_responses", ["score"])
    integers = raw_scores.select(full_match(clean("score"), r"[+-]?[0-9]+").all())
    # Streaming engine: inputs are read in batches, only the dedupe's and groups' state is held.
    finest, integer_scores = pl.collect_all([grouped, integers], engine="streaming")
    return finest, integer_scores.item()


def cube(folder: Path) -> pl.DataFrame:
    """Each dimension rolled up from the finest groups, in pandas' order (dimension by
    dimension, groups sorted by key). score_sum is a sum of partial sums: pandas' to the last
    bits (exact for integer and half-point scores)."""
    finest, integer_scores = finest_groups(folder)
    if integer_scores:
        finest = finest.with_columns(pl.col("score_sum").cast(pl.Int64))
    frames = []
    for dimension in ["all", *DIMENSIONS]:
        keys = ["survey_type", "period_start"] + ([] if dimension == "all" else [dimension])
        grouped = finest.group_by(keys).agg(
            pl.col("responses", "top_responses", "detractors", "score_sum").sum()
        )
        value = pl.lit("all") if dimension == "all" else pl.col(dimension)
        frames.append(
            grouped.sort(keys).with_columns(
                dimension=pl.lit(dimension), dimension_value=value.cast(pl.String)
            )
        )
    return pl.concat([f.select(CUBE_COLUMNS) for f in frames])


if __name__ == "__main__":
    cube(Path(sys.argv[1])).write_parquet(sys.argv[2], compression="snappy")
