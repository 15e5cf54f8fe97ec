"""make bench, comment text: VADER sentiment and topics of survey comments, against a floor.

For each size (survey comments: the generator writes a comment on about 45% of answers, so
about size / 0.45 survey responses are generated, with customers, tickets and follow-ups in the
demo's proportions), in separate processes (wall time and peak resident memory of each):

- the package up to ``cx__survey_responses`` (what the text models read; not compared);
- each text model in a ``dbt run`` of its own, in order: int_cx__comment_tokens,
  cx__comment_sentiment, cx__comment_topics, cx__sentiment,
  cx__topic_impact; with the model's own time from dbt's run_results.json;
- the floors (text_floor.py): hand-written DuckDB queries over the same comments, the lexicon
  join (text_floor_sentiment.sql) and the taxonomy join (text_floor_topics.sql).

The ratios compare the models' own times with the floors' query times (both without start-up):
sentiment = int_cx__comment_tokens + cx__comment_sentiment, topics = int_cx__comment_tokens +
cx__comment_topics (which also scores every sentence). Writes text_report.json and
text_report.md under --out (beside report.md of run.py).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
import run as bench  # benchmarks/run.py, beside this script

from cx_metrics.project import ensure_packages

COMMENT_SHARE = 0.45  # of survey answers (the generator's NO_COMMENT_SHARE is 0.55)
SEEDS = ["cx_score_labels", "cx_sentiment_lexicon", "cx_sentiment_emoji", "cx_topic_taxonomy"]
TEXT_MODELS = [
    "int_cx__comment_tokens",
    "cx__comment_sentiment",
    "cx__comment_topics",
    "cx__sentiment",
    "cx__topic_impact",
]
PATHS = {
    "sentiment": ("int_cx__comment_tokens", "cx__comment_sentiment"),
    "topics": ("int_cx__comment_tokens", "cx__comment_topics"),
}
SLOW_RATIO = 10  # a path above this many times its floor is reported as slow
FLOOR = [sys.executable, str(bench.REPO / "benchmarks" / "text_floor.py")]


@dataclass
class ModelResult:
    run: bench.Measure
    seconds: float | None  # the model's own time in dbt's run_results.json


@dataclass
class FloorResult:
    run: bench.Measure
    seconds: float | None  # the query's own time


@dataclass
class TextResult:
    comments_wanted: int
    responses: int = 0
    comments: int = 0
    words: int = 0
    generate: bench.Measure | None = None
    upstream: bench.Measure | None = None
    models: dict[str, ModelResult] = field(default_factory=dict)
    floors: dict[str, FloorResult] = field(default_factory=dict)
    agreement: dict[str, object] = field(default_factory=dict)


def generate(work: Path, responses: int) -> bench.Measure | None:
    """Generated Parquet inputs (kept between runs; written under another name, then renamed)."""
    generated = work / "generated"
    if generated.exists():
        return None
    partial = work / "generating"
    shutil.rmtree(partial, ignore_errors=True)
    command = [str(bench.BIN / "cx-metrics"), "generate-data", "--format", "parquet"]
    result = bench.measure(
        [*command, "--responses", str(responses), "--out", str(partial)],
        work / "generate.log",
        dict(os.environ),
    )
    partial.rename(generated)
    return result


def fresh_database(path: Path, inputs: Path, log: Path) -> dict[str, str]:
    """An empty DuckDB file with the package's seeds (labels, lexicon, emoji, taxonomy)."""
    for leftover in path.parent.glob(path.name + "*"):
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    env = bench.environment(path)
    ensure_packages(bench.PROJECT, str(bench.PROJECT))
    seed = subprocess.run(
        bench.dbt("seed", "--select", *SEEDS, "--vars", bench.dbt_vars(inputs)),
        env=env,
        cwd=bench.REPO,
        capture_output=True,
        text=True,
    )
    log.write_text(seed.stdout + seed.stderr)
    seed.check_returncode()
    return env


def dbt_run(model: str, inputs: Path, work: Path, env: dict[str, str]) -> bench.Measure:
    """Measure a `dbt run` of one selection, with a target folder of its own (run_results.json
    is not shared with another dbt command on the integration project)."""
    command = bench.dbt("run", "--select", model, "--vars", bench.dbt_vars(inputs))
    target = ["--target-path", str(work / "target")]
    return bench.measure([*command, *target], work / f"{model.lstrip('+')}.log", env)


def model_seconds(work: Path, name: str) -> float | None:
    """The model's own execution time in the last dbt command's run_results.json."""
    path = work / "target" / "run_results.json"
    if not path.exists():
        return None
    for result in json.loads(path.read_text())["results"]:
        if result["unique_id"].split(".")[-1] == name and result["status"] == "success":
            return round(result["execution_time"], 2)
    return None


def counts(database: Path) -> tuple[int, int]:
    """Comments (accepted answers with one) and their words, in the package's build."""
    con = duckdb.connect()
    con.execute(f"attach '{database}' as db (read_only)")
    found = {}
    for table in ("cx__survey_responses", "int_cx__comment_tokens"):
        schema = con.execute(
            "select schema_name from duckdb_tables() where database_name = 'db' and table_name = ?",
            [table],
        ).fetchone()
        found[table] = f"db.{schema[0]}.{table}" if schema else None
    comments = con.execute(
        f"select count(*) from {found['cx__survey_responses']} where comment is not null"
    ).fetchone()[0]
    words = (
        con.execute(f"select count(*) from {found['int_cx__comment_tokens']}").fetchone()[0]
        if found["int_cx__comment_tokens"]
        else 0
    )
    con.close()
    return comments, words


def compare(database: Path, work: Path) -> dict[str, object]:
    """The floors' results beside the package's (they differ by design: the floor has none of
    VADER's rules and no accent folding). Sentiment: comments scored by both, the correlation
    and sign agreement of the scores; topics: (answer, topic) rows of each and of both."""
    con = duckdb.connect()
    con.execute(f"attach '{database}' as db (read_only)")
    tables = dict(
        con.execute(
            "select table_name, schema_name || '.' || table_name from duckdb_tables()"
            " where database_name = 'db'"
        ).fetchall()
    )
    agreement: dict[str, object] = {}
    floor_sentiment = work / "floor_sentiment.parquet"
    if "cx__comment_sentiment" in tables and floor_sentiment.exists():
        rows, correlation, same_sign = con.execute(
            f"""select count(*), round(corr(p.sentiment_score, f.sentiment_score), 3),
                    round(avg(case when sign(p.sentiment_score) = sign(f.sentiment_score)
                        then 1.0 else 0.0 end), 3)
                from db.{tables["cx__comment_sentiment"]} as p
                inner join '{floor_sentiment}' as f on f.text_id = p.response_id"""
        ).fetchone()
        agreement["sentiment: comments scored by both"] = rows
        agreement["sentiment: correlation of scores"] = correlation
        agreement["sentiment: same sign"] = same_sign
    floor_topics = work / "floor_topics.parquet"
    if "cx__comment_topics" in tables and floor_topics.exists():
        package_rows, floor_rows, both = con.execute(
            f"""with p as (select response_id as text_id, topic
                    from db.{tables["cx__comment_topics"]}),
                f as (select text_id, topic from '{floor_topics}')
                select (select count(*) from p), (select count(*) from f),
                    (select count(*) from (select * from p intersect select * from f))"""
        ).fetchone()
        agreement["topics: (answer, topic) rows, package / floor / both"] = (
            f"{package_rows:,} / {floor_rows:,} / {both:,}"
        )
    con.close()
    return agreement


def query_seconds(log: Path) -> float | None:
    lines = [line for line in log.read_text().splitlines() if line.startswith("query_seconds=")]
    return float(lines[-1].split("=", 1)[1]) if lines else None


def run_size(comments: int, out: Path) -> TextResult:
    print(f"== {comments:,} comments", flush=True)
    work = out / "text" / str(comments)
    work.mkdir(parents=True, exist_ok=True)
    result = TextResult(comments_wanted=comments, responses=round(comments / COMMENT_SHARE))
    result.generate = generate(work, result.responses)
    inputs = work / "generated"
    database = work / "text.duckdb"
    env = fresh_database(database, inputs, work / "seed.log")
    result.upstream = dbt_run("+cx__survey_responses", inputs, work, env)
    for model in TEXT_MODELS:
        measured = dbt_run(model, inputs, work, env)
        seconds = model_seconds(work, model) if measured.ok else None
        result.models[model] = ModelResult(measured, seconds)
    for kind in ("sentiment", "topics"):
        log = work / f"floor_{kind}.log"
        script = [*FLOOR, kind, str(database), str(work / f"floor_{kind}.parquet")]
        measured = bench.measure(script, log, env)
        result.floors[kind] = FloorResult(measured, query_seconds(log) if measured.ok else None)
    result.comments, result.words = bench.isolated(counts, database)
    result.agreement = bench.isolated(compare, database, work)
    print(f"    {result.comments:,} comments, {result.words:,} words; {result.agreement}")
    return result


def path_seconds(r: TextResult, path: str) -> float | None:
    seconds = [r.models[m].seconds if m in r.models else None for m in PATHS[path]]
    return None if None in seconds else sum(seconds)


def path_ratio(r: TextResult, path: str) -> float | None:
    package, floor = path_seconds(r, path), r.floors.get(path)
    if package is None or floor is None or not floor.seconds:
        return None
    return package / floor.seconds


def per_second(rows: int, seconds: float | None) -> str:
    return f"{rows / seconds:,.0f}" if seconds else "-"


def model_cell(r: TextResult, model: str) -> str:
    m = r.models.get(model)
    if m is None:
        return "-"
    own = f"{m.seconds:,.1f} s" if m.seconds is not None else "-"
    return f"{own} ({bench.fmt(m.run)}), {per_second(r.comments, m.seconds)} comments/s"


def floor_cell(r: TextResult, kind: str) -> str:
    f = r.floors.get(kind)
    if f is None:
        return "-"
    own = f"{f.seconds:,.1f} s" if f.seconds is not None else "-"
    return f"{own} ({bench.fmt(f.run)}), {per_second(r.comments, f.seconds)} comments/s"


def ratio_cell(r: TextResult, path: str) -> str:
    value = path_ratio(r, path)
    if value is None:
        return "-"
    return f"{value:.1f}" + (f" (SLOW: over {SLOW_RATIO}x)" if value > SLOW_RATIO else "")


def render(results: list[TextResult], info: dict[str, object]) -> str:
    rows: list[tuple[str, object]] = [
        ("survey responses generated", lambda r: f"{r.responses:,}"),
        ("comments (accepted answers with one)", lambda r: f"{r.comments:,}"),
        ("words (int_cx__comment_tokens rows)", lambda r: f"{r.words:,}"),
        ("generate the Parquet inputs", lambda r: bench.fmt(r.generate)),
        ("dbt run +cx__survey_responses (the input)", lambda r: bench.fmt(r.upstream)),
        *[(f"`{m}`", lambda r, m=m: model_cell(r, m)) for m in TEXT_MODELS],
        ("floor: sentiment (lexicon join)", lambda r: floor_cell(r, "sentiment")),
        ("floor: topics (taxonomy join)", lambda r: floor_cell(r, "topics")),
        ("sentiment: tokens + comment_sentiment / floor", lambda r: ratio_cell(r, "sentiment")),
        ("topics: tokens + comment_topics / floor", lambda r: ratio_cell(r, "topics")),
        (
            "floor beside package",
            lambda r: "; ".join(f"{k}: {v}" for k, v in r.agreement.items()) or "-",
        ),
    ]
    lines = [
        "# cx_metrics benchmark: comment sentiment and topics",
        "",
        "Machine: " + ", ".join(f"{k} {v}" for k, v in info.items()),
        "",
        "Each model: its own time in dbt's run_results.json (then the wall time / peak resident",
        "memory of its `dbt run` process, dbt's start-up included), and comments per second of",
        "its own time. Each floor: its query's time (then its process's wall time / peak memory).",
        "",
        "| step | " + " | ".join(f"{r.comments_wanted:,} comments" for r in results) + " |",
        "|---|" + "---|" * len(results),
    ]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(cell(r) for r in results) + " |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--comments", default="1000000,10000000", help="survey comments per run, comma separated"
    )
    parser.add_argument("--out", default=str(bench.REPO / "build" / "bench"), help="work folder")
    args = parser.parse_args()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    info = bench.machine()
    results = []
    for size in (int(s) for s in args.comments.split(",")):
        results.append(run_size(size, out))
        (out / "text_report.json").write_text(
            json.dumps({"machine": info, "results": [asdict(r) for r in results]}, indent=2)
        )
        (out / "text_report.md").write_text(render(results, info))
    print((out / "text_report.md").read_text())
    slow = [
        f"{r.comments_wanted:,} comments, {path}"
        for r in results
        for path in PATHS
        if (path_ratio(r, path) or 0) > SLOW_RATIO
    ]
    failed = [
        f"{r.comments_wanted:,} comments, {m}"
        for r in results
        for m, result in r.models.items()
        if not result.run.ok
    ]
    for line in failed + slow:
        print(f"NOTE: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
