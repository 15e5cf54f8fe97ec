"""make bench: scale and speed of cx_metrics on DuckDB, against the floor, pandas and polars.

For each size (survey responses; customers, tickets and follow-ups in the demo's proportions):
generate Parquet inputs, hold back the last day of survey responses, then measure in separate
processes (wall time and peak resident memory of each):

- ``cx-metrics validate`` of the four inputs, read in place from Parquet (one SQL pass per
  input), and ``--row-by-row`` (every row through pandas, as before);
- the floor: one hand-written DuckDB query of the monthly NPS / CSAT / CES cube (floor.sql);
- the alternatives: the same cube in pandas (pandas_cube.py) and in polars, lazy and
  streaming (polars_cube.py);
- the dbt run of the survey marts (cx__survey_responses, cx__nps, cx__csat, cx__ces and
  what they need), once with the default grains and once with the floor's (months only);
- everything: ``dbt build`` of all models and tests;
- Spark: the dbt run of the survey marts on the spark target (local[2]), over the same files
  registered as Spark tables (spark_peer.py), its cube compared with the floor's;
- incremental: a build without the last day, then that day appended as a new load (a Parquet
  file with a later ``_loaded_at``), validated (``--new-loads``) and the survey marts
  refreshed; then a refresh with nothing new.

The dbt cube, the floor, pandas and polars must agree to the row, and the incremental tables must
equal the full build's; the report says so. Writes report.json and report.md under --out.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path

import duckdb
import spark_peer  # benchmarks/, beside this script

from cx_metrics.project import ensure_packages

REPO = Path(__file__).resolve().parents[1]
PROJECT = REPO / "integration_tests"
BIN = Path(sys.executable).parent
LAST_DAY = "2025-09-30"  # the generated data ends on this day
# The survey input comes in two loads (its optional _loaded_at column): all but the last day,
# then the last day, so an incremental refresh reads and validates only the new load.
LOADED_AT = {"base": "2025-09-30 01:00:00", "new_day": "2025-10-01 01:00:00"}
SURVEY_MARTS = ["cx__survey_responses", "cx__nps", "cx__csat", "cx__ces"]
# A new-loads refresh of them: staging parses the new loads first (it grows by load).
SURVEY_REFRESH = ["stg_cx__survey_responses", *SURVEY_MARTS]
SURVEY_BUILD = ["+cx__nps", "+cx__csat", "+cx__ces"]
MEMORY_LIMIT = "3GB"  # DuckDB's own limit (it spills beyond); the target is < 4 GB per process
PANDAS_CAP_MB = 16_000  # pandas is stopped above this, to keep the machine alive
TABLES = ("survey_responses", "customers", "support_tickets", "feedback_followups")
REVENUE_MARTS = ("cx__revenue_by_nps", "cx__revenue_at_risk")  # issue 34: < 15% of the full build


@dataclass
class Measure:
    seconds: float
    peak_mb: float
    ok: bool
    note: str = ""


@dataclass
class SizeResult:
    responses: int
    input_rows: dict[str, int] = field(default_factory=dict)
    generate: Measure | None = None
    validate: Measure | None = None
    validate_survey: Measure | None = None
    validate_row_by_row: Measure | None = None
    floor: Measure | None = None
    pandas: Measure | None = None
    polars: Measure | None = None
    dbt_survey: Measure | None = None
    dbt_survey_months: Measure | None = None
    dbt_everything: Measure | None = None
    # The full build's slowest nodes: (name, seconds), from dbt's run_results.json.
    everything_slowest: list[tuple[str, float]] = field(default_factory=list)
    spark_survey: Measure | None = None
    dbt_base: Measure | None = None
    incremental_validate: Measure | None = None
    incremental: Measure | None = None
    incremental_validate_noop: Measure | None = None
    incremental_noop: Measure | None = None
    new_day_rows: int = 0
    cubes_agree: dict[str, bool] = field(default_factory=dict)
    incremental_equals_full: bool | None = None


def measure(
    command: list[str], log: Path, env: dict[str, str], cap_mb: float | None = None
) -> Measure:
    """Run a command; wall time and peak RSS (wait4's ru_maxrss), stopped above cap_mb."""
    stopped: list[str] = []
    start = time.perf_counter()
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=REPO)

        def watch() -> None:
            status = Path(f"/proc/{process.pid}/status")
            while process.returncode is None and cap_mb:
                try:
                    rss_kb = next(
                        int(line.split()[1])
                        for line in status.read_text().splitlines()
                        if line.startswith("VmRSS:")
                    )
                except (OSError, StopIteration):
                    return
                if rss_kb / 1024 > cap_mb:
                    stopped.append(f"stopped above {cap_mb / 1000:.0f} GB")
                    process.kill()
                    return
                time.sleep(0.2)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    ok = process.returncode == 0
    note = stopped[0] if stopped else ("" if ok else f"exit {process.returncode}, see {log}")
    result = Measure(round(seconds, 2), round(usage.ru_maxrss / 1024, 1), ok, note)
    print(f"    {log.stem:22s} {result.seconds:8.1f} s {result.peak_mb:8.0f} MB {note}", flush=True)
    return result


def environment(db: Path) -> dict[str, str]:
    return {
        **os.environ,
        "CX_DUCKDB_PATH": str(db),
        "CX_DUCKDB_MEMORY_LIMIT": MEMORY_LIMIT,
        "CX_THREADS": str(os.cpu_count() or 2),
    }


def dbt(*args: str) -> list[str]:
    """The dbt CLI on the integration project (it installs the package from the checkout)."""
    project = str(PROJECT)
    return [str(BIN / "dbt"), *args, "--project-dir", project, "--profiles-dir", project]


def dbt_vars(inputs: Path, **extra: object) -> str:
    """The inputs read in place from Parquet; orders and reviews off (the integration project
    switches them on), so the figures stay comparable with the four-input runs before them."""
    return json.dumps(
        {
            "cx_source_parquet_path": str(inputs),
            "cx_demo_data": False,
            "cx_using_orders": False,
            "cx_using_reviews": False,
            **extra,
        }
    )


def dbt_run(
    selection: list[str], inputs: Path, log: Path, env: dict[str, str], **extra: object
) -> Measure:
    """Measure a `dbt run` of the selection on the Parquet inputs (extra: more vars)."""
    return measure(
        dbt("run", "--select", *selection, "--vars", dbt_vars(inputs, **extra)), log, env
    )


def isolated(function, *args):
    """Run a DuckDB-heavy step in a fresh (spawned) process. A measured command is started by
    (v)fork, and Linux counts the parent's peak memory in the child's ru_maxrss: this process
    must stay small for the figures to be the commands' own."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def split_inputs(generated: Path, inputs: Path, new_day: Path) -> tuple[int, dict[str, int]]:
    """Survey responses without the last day into inputs/, the last day into new_day; the
    rows of the last day and of each generated input."""
    con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT})
    source = f"read_parquet('{generated}/survey_responses.parquet')"
    on_last_day = f"coalesce(left(ltrim(responded_at), 10) = '{LAST_DAY}', false)"
    loaded = {name: f"timestamp '{at}' as _loaded_at" for name, at in LOADED_AT.items()}
    con.execute(
        f"copy (select *, {loaded['base']} from {source} where not {on_last_day}) "
        f"to '{inputs}/survey_responses/base.parquet' (format parquet, compression zstd)"
    )
    con.execute(
        f"copy (select *, {loaded['new_day']} from {source} where {on_last_day})"
        f" to '{new_day}' (format parquet)"
    )
    new_day_rows = con.execute(f"select count(*) from '{new_day}'").fetchone()[0]
    input_rows = {
        table: con.execute(
            f"select count(*) from read_parquet('{generated}/{table}.parquet')"
        ).fetchone()[0]
        for table in TABLES
    }
    con.close()
    return new_day_rows, input_rows


def prepare_inputs(work: Path, responses: int, result: SizeResult) -> tuple[Path, Path]:
    """Generated Parquet (kept between runs), split into the inputs without the last day and
    the last day's survey responses (appended later as a file of its own)."""
    generated = work / "generated"
    if not generated.exists():  # written under another name, renamed when complete
        partial = work / "generating"
        shutil.rmtree(partial, ignore_errors=True)
        result.generate = measure(
            [
                str(BIN / "cx-metrics"),
                "generate-data",
                "--format",
                "parquet",
                "--responses",
                str(responses),
                "--out",
                str(partial),
            ],
            work / "generate.log",
            dict(os.environ),
        )
        partial.rename(generated)
    inputs = work / "inputs"
    new_day = work / "new_day.parquet"
    shutil.rmtree(inputs, ignore_errors=True)
    (inputs / "survey_responses").mkdir(parents=True)
    for table in TABLES[1:]:
        (inputs / f"{table}.parquet").symlink_to(generated / f"{table}.parquet")
    result.new_day_rows, result.input_rows = isolated(split_inputs, generated, inputs, new_day)
    return inputs, new_day


def fresh_database(path: Path, inputs: Path, log: Path) -> dict[str, str]:
    """An empty DuckDB file with the label map seeded; the environment to build it."""
    for leftover in path.parent.glob(path.name + "*"):
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    env = environment(path)
    ensure_packages(PROJECT, str(PROJECT))
    seed = subprocess.run(
        dbt("seed", "--select", "cx_score_labels", "--vars", dbt_vars(inputs)),
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    log.write_text(seed.stdout + seed.stderr)
    seed.check_returncode()
    return env


CUBE_FROM_MARTS = """
    select 'nps' as survey_type, period_start, dimension, dimension_value, responses,
        promoters as top_responses, detractors from db.cx__nps where period_grain = 'month'
    union all
    select 'csat', period_start, dimension, dimension_value, responses, satisfied_responses, 0
    from db.cx__csat where period_grain = 'month'
    union all
    select 'ces', period_start, dimension, dimension_value, responses, easy_responses, 0
    from db.cx__ces where period_grain = 'month'
"""


def rows_differ(con: duckdb.DuckDBPyConnection, left: str, right: str) -> int:
    return con.execute(
        f"select (select count(*) from (({left}) except all ({right})))"
        f" + (select count(*) from (({right}) except all ({left})))"
    ).fetchone()[0]


# The cube's columns every peer must agree on (the floor has no score sum).
COMPARED_COLUMNS = (
    "survey_type, cast(period_start as date), dimension, dimension_value, "
    "responses, top_responses, detractors"
)


def agrees_with_floor(con: duckdb.DuckDBPyConnection, cube: str, floor: Path) -> bool:
    """cube: a query or a Parquet file's quoted path."""
    return (
        rows_differ(
            con,
            f"select {COMPARED_COLUMNS} from {cube}",
            f"select {COMPARED_COLUMNS} from '{floor}'",
        )
        == 0
    )


def compare_cubes(
    database: Path, floor: Path, pandas_cube: Path | None, polars_cube: Path | None = None
) -> dict[str, bool]:
    con = duckdb.connect()
    con.execute(f"attach '{database}' as db (read_only)")
    agree = {"dbt = floor": agrees_with_floor(con, f"({CUBE_FROM_MARTS})", floor)}
    for name, cube in (("pandas", pandas_cube), ("polars", polars_cube)):
        if cube is not None and cube.exists():
            agree[f"{name} = floor"] = agrees_with_floor(con, f"'{cube}'", floor)
    con.close()
    return agree


def tables_equal(left: Path, right: Path) -> bool:
    con = duckdb.connect()
    con.execute(f"attach '{left}' as a (read_only)")
    con.execute(f"attach '{right}' as b (read_only)")
    same = all(
        rows_differ(con, f"select * from a.{table}", f"select * from b.{table}") == 0
        for table in SURVEY_MARTS
    )
    con.close()
    return same


def run_size(responses: int, out: Path, everything: bool, spark: bool) -> SizeResult:
    """Every measurement of one size, in order: reads of the inputs, the survey marts on the
    full inputs, optionally everything and the Spark build, then the incremental refresh of
    the last day."""
    print(f"== {responses:,} survey responses", flush=True)
    work = out / str(responses)
    work.mkdir(parents=True, exist_ok=True)
    result = SizeResult(responses=responses)
    inputs, new_day = prepare_inputs(work, responses, result)
    appended = inputs / "survey_responses" / "new_day.parquet"
    shutil.copy(new_day, appended)

    full_db = work / "full.duckdb"
    env = fresh_database(full_db, inputs, work / "seed.log")
    pandas_cube, polars_cube = measure_reads(work, inputs, env, result)
    measure_survey_marts(work, inputs, env, result)
    result.cubes_agree = isolated(
        compare_cubes, full_db, work / "floor.parquet", pandas_cube, polars_cube
    )
    if everything:
        result.dbt_everything = measure_everything(work, inputs)
        result.everything_slowest = slowest_nodes(PROJECT / "target" / "run_results.json")
    if spark:
        result.spark_survey = measure_spark(work, inputs)
        if result.spark_survey.ok:
            result.cubes_agree["spark = floor"] = isolated(
                spark_cube_agrees, work, work / "floor.parquet"
            )

    appended.unlink()
    incremental_db = work / "incremental.duckdb"
    measure_incremental(work, inputs, incremental_db, (new_day, appended), result)
    result.incremental_equals_full = isolated(tables_equal, full_db, incremental_db)
    print(f"    agree: {result.cubes_agree}, incremental = full: {result.incremental_equals_full}")
    return result


def measure_spark(work: Path, inputs: Path) -> Measure:
    """dbt run of the survey marts on the spark target (local[2]), over the same Parquet files
    registered as Spark tables; a warehouse of its own."""
    shutil.rmtree(work / "spark", ignore_errors=True)
    env = {**os.environ, **spark_peer.spark_environment(work)}
    script = [sys.executable, str(REPO / "benchmarks" / "spark_peer.py")]
    subprocess.run([*script, "register", str(inputs), str(work)], env=env, check=True)
    variables = json.dumps(
        {
            "cx_source_schema": spark_peer.RAW_SCHEMA,
            "cx_demo_data": False,
            "cx_using_orders": False,
            "cx_using_reviews": False,
        }
    )
    target = ["--target", "spark", "--vars", variables]
    seed = dbt("seed", "--select", "cx_score_labels", *target)
    subprocess.run(seed, env=env, cwd=REPO, check=True, capture_output=True)
    return measure(dbt("run", "--select", *SURVEY_BUILD, *target), work / "spark.log", env)


def spark_cube_agrees(work: Path, floor: Path) -> bool:
    query = CUBE_FROM_MARTS
    for mart, relation in spark_peer.cube_tables(work).items():
        query = query.replace(f"db.{mart}", relation)
    con = duckdb.connect()
    try:
        return agrees_with_floor(con, f"({query})", floor)
    finally:
        con.close()


def benchmark_script(name: str, inputs: Path, output: Path) -> list[str]:
    return [sys.executable, str(REPO / "benchmarks" / name), str(inputs), str(output)]


def measure_reads(
    work: Path, inputs: Path, env: dict[str, str], result: SizeResult
) -> tuple[Path, Path]:
    """validate, the floor, pandas and polars on the full inputs; the two cubes' paths."""
    validate = [str(BIN / "cx-metrics"), "validate", "--vars", dbt_vars(inputs)]
    result.validate = measure(validate, work / "validate.log", env)
    # The incremental refresh validates the survey input only: its full counterpart.
    result.validate_survey = measure(
        [*validate, "--only", "survey_responses"], work / "validate_survey.log", env
    )
    # The reference path, as validation ran before one-pass classes: every row through pandas.
    result.validate_row_by_row = measure(
        [*validate, "--row-by-row"], work / "validate_row_by_row.log", env
    )
    result.floor = measure(
        benchmark_script("floor.py", inputs, work / "floor.parquet"), work / "floor.log", env
    )
    cubes = []
    for name in ("pandas", "polars"):
        cube = work / f"{name}.parquet"
        cube.unlink(missing_ok=True)
        script = benchmark_script(f"{name}_cube.py", inputs, cube)
        setattr(result, name, measure(script, work / f"{name}.log", env, cap_mb=PANDAS_CAP_MB))
        cubes.append(cube)
    return cubes[0], cubes[1]


def measure_survey_marts(work: Path, inputs: Path, env: dict[str, str], result: SizeResult) -> None:
    """The survey marts with months only (in a database of their own), then with the default
    grains (in the full build's database, which the cubes are compared on)."""
    months_env = fresh_database(work / "months.duckdb", inputs, work / "seed.log")
    result.dbt_survey_months = dbt_run(
        SURVEY_BUILD, inputs, work / "dbt_survey_months.log", months_env, cx_period_grains=["month"]
    )
    result.dbt_survey = dbt_run(SURVEY_BUILD, inputs, work / "dbt_survey.log", env)


def measure_everything(work: Path, inputs: Path) -> Measure:
    """dbt build of all models and data tests, in a database of its own."""
    all_env = fresh_database(work / "everything.duckdb", inputs, work / "seed.log")
    return measure(
        # Unit tests read their inputs' column types from tables; they do not depend on size.
        dbt("build", "--exclude", "resource_type:unit_test", "--vars", dbt_vars(inputs)),
        work / "dbt_everything.log",
        all_env,
    )


def _node_name(unique_id: str) -> str:
    """A model's name, or a data test's (its unique_id ends in a hash), cut to 60 characters."""
    kind, _, name, *_ = unique_id.split(".")
    return name[:60] if kind == "test" else unique_id.split(".")[-1]


def slowest_nodes(run_results: Path, count: int = 6) -> list[tuple[str, float]]:
    """The nodes of a dbt run that took longest, with the revenue marts always among them."""
    results = json.loads(run_results.read_text())["results"]
    times = {_node_name(r["unique_id"]): r["execution_time"] for r in results}
    ranked = sorted(times.items(), key=lambda item: -item[1])
    top = ranked[:count] + [(n, t) for n, t in ranked[count:] if n in REVENUE_MARTS]
    return [(name, round(seconds, 1)) for name, seconds in top]


def revenue_share(r: SizeResult) -> str:
    """The revenue marts' own time as a share of the full build's wall time."""
    if not r.dbt_everything or not r.everything_slowest:
        return "n/a"
    seconds = sum(t for n, t in r.everything_slowest if n in REVENUE_MARTS)
    return f"{seconds:.1f} s, {100 * seconds / r.dbt_everything.seconds:.0f}%"


def measure_incremental(
    work: Path, inputs: Path, database: Path, new_day: tuple[Path, Path], result: SizeResult
) -> None:
    """A build without the last day, the last day appended as a new load (``new_day``: the
    day's file and where it goes among the inputs), validated and refreshed, then a refresh
    with nothing new."""
    env = fresh_database(database, inputs, work / "seed.log")
    result.dbt_base = dbt_run(SURVEY_BUILD, inputs, work / "dbt_base.log", env)
    shutil.copy(*new_day)
    validate = [
        str(BIN / "cx-metrics"), "validate", "--new-loads", "--only", "survey_responses",
        "--vars", dbt_vars(inputs),
    ]  # fmt: skip
    for suffix in ("", "_noop"):
        setattr(
            result,
            f"incremental_validate{suffix}",
            measure(validate, work / f"incremental_validate{suffix}.log", env),
        )
        setattr(
            result,
            f"incremental{suffix}",
            dbt_run(SURVEY_REFRESH, inputs, work / f"incremental{suffix}.log", env),
        )


def exponent(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(seconds) on log(rows): 1.0 is linear."""
    if len(points) < 2:
        return None
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return round(
        sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
        / sum((x - mx) ** 2 for x in xs),
        2,
    )


def machine() -> dict[str, object]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "duckdb": version("duckdb"),
        "dbt-core": version("dbt-core"),
        "dbt-duckdb": version("dbt-duckdb"),
        "pandas": version("pandas"),
        "duckdb_memory_limit": MEMORY_LIMIT,
    }


def fmt(m: Measure | None) -> str:
    if m is None:
        return "-"
    text = f"{m.seconds:,.1f} s / {m.peak_mb / 1000:.2f} GB"
    return text if m.ok else f"{text} ({m.note})"


def ratio(a: Measure | None, b: Measure | None) -> str:
    if not (a and b and a.ok and b.ok):
        return "-"
    return f"{a.seconds / b.seconds:.2f}"


def survey_rows_per_second(r: SizeResult) -> str:
    if not r.dbt_survey:
        return "-"
    return f"{r.input_rows['survey_responses'] / r.dbt_survey.seconds:,.0f}"


def input_rows_per_second(r: SizeResult) -> str:
    return f"{sum(r.input_rows.values()) / r.validate.seconds:,.0f}" if r.validate else "-"


def refresh_over_floor(r: SizeResult) -> str:
    if not (r.validate and r.dbt_survey and r.floor):
        return "-"
    return f"{(r.validate.seconds + r.dbt_survey.seconds) / r.floor.seconds:.2f}"


def total(*steps: Measure | None) -> float | None:
    return sum(m.seconds for m in steps) if all(m and m.ok for m in steps) else None


def incremental_refresh(r: SizeResult, noop: bool = False) -> str:
    validate, build = (
        (r.incremental_validate_noop, r.incremental_noop)
        if noop
        else (r.incremental_validate, r.incremental)
    )
    seconds = total(validate, build)
    return "-" if seconds is None else f"{seconds:,.1f} s ({fmt(validate)} + {fmt(build)})"


def incremental_share(r: SizeResult, full_validation: Measure | None) -> str:
    new, full = total(r.incremental_validate, r.incremental), total(full_validation, r.dbt_survey)
    return "-" if new is None or full is None else f"{new / full:.2f}"


def agreement(r: SizeResult) -> str:
    return ", ".join(f"{k}: {'yes' if v else 'NO'}" for k, v in r.cubes_agree.items())


# The report's table: one row per label, one cell per size.
REPORT_ROWS: list[tuple[str, Callable[[SizeResult], str]]] = [
    (
        "input rows (survey, customers, tickets, follow-ups)",
        lambda r: " / ".join(f"{n:,}" for n in r.input_rows.values()),
    ),
    ("generate the Parquet inputs", lambda r: fmt(r.generate)),
    ("`cx-metrics validate` (all four inputs)", lambda r: fmt(r.validate)),
    ("`cx-metrics validate --only survey_responses`", lambda r: fmt(r.validate_survey)),
    (
        "`cx-metrics validate --row-by-row` (every row through pandas, as before)",
        lambda r: fmt(r.validate_row_by_row),
    ),
    ("floor: hand-written DuckDB query, monthly cube", lambda r: fmt(r.floor)),
    ("alternative: pandas, monthly cube", lambda r: fmt(r.pandas)),
    ("alternative: polars (lazy, streaming), monthly cube", lambda r: fmt(r.polars)),
    ("dbt run, survey marts, months only (the floor's cube)", lambda r: fmt(r.dbt_survey_months)),
    (
        "dbt run, survey marts, default grains (week, month, quarter)",
        lambda r: fmt(r.dbt_survey),
    ),
    ("dbt build, all models and data tests", lambda r: fmt(r.dbt_everything)),
    ("revenue marts' share of that build", revenue_share),
    (
        "slowest nodes of that build",
        lambda r: ", ".join(f"{n} {t:.1f} s" for n, t in r.everything_slowest) or "n/a",
    ),
    ("Spark (local[2]): dbt run, survey marts, default grains", lambda r: fmt(r.spark_survey)),
    ("dbt run, survey marts, without the last day", lambda r: fmt(r.dbt_base)),
    (
        "incremental refresh, the last day as a new load (validate --new-loads + dbt run)",
        incremental_refresh,
    ),
    ("rows of the new load", lambda r: f"{r.new_day_rows:,}"),
    ("incremental refresh, nothing new", lambda r: incremental_refresh(r, noop=True)),
    ("survey rows / s, dbt run (default grains)", survey_rows_per_second),
    ("input rows / s, validate", input_rows_per_second),
    ("dbt (months) / floor", lambda r: ratio(r.dbt_survey_months, r.floor)),
    ("dbt (default grains) / floor", lambda r: ratio(r.dbt_survey, r.floor)),
    ("pandas / dbt (months)", lambda r: ratio(r.pandas, r.dbt_survey_months)),
    ("polars / dbt (months)", lambda r: ratio(r.polars, r.dbt_survey_months)),
    (
        "incremental dbt run / full dbt run (default grains)",
        lambda r: ratio(r.incremental, r.dbt_survey),
    ),
    (
        "incremental refresh / full refresh (validate all four + dbt)",
        lambda r: incremental_share(r, r.validate),
    ),
    (
        "incremental refresh / full refresh of the same scope (validate survey + dbt)",
        lambda r: incremental_share(r, r.validate_survey),
    ),
    ("validate / dbt (default grains)", lambda r: ratio(r.validate, r.dbt_survey)),
    ("refresh (validate + dbt, default grains) / floor", refresh_over_floor),
    ("dbt, floor and pandas cubes agree", agreement),
    ("incremental tables = full build", lambda r: "yes" if r.incremental_equals_full else "NO"),
]
# The steps whose scaling exponent the report gives: (label, SizeResult attribute).
SCALED_STEPS = [
    ("dbt run, survey marts", "dbt_survey"),
    ("floor", "floor"),
    ("validate", "validate"),
    ("pandas", "pandas"),
    ("polars", "polars"),
]


def render_table(results: list[SizeResult]) -> list[str]:
    lines = [
        "| step | " + " | ".join(f"{r.responses:,} responses" for r in results) + " |",
        "|---|" + "---|" * len(results),
    ]
    for label, cell in REPORT_ROWS:
        lines.append(f"| {label} | " + " | ".join(cell(r) for r in results) + " |")
    return lines


def render_scaling(results: list[SizeResult]) -> list[str]:
    lines = []
    for label, attribute in SCALED_STEPS:
        points = [
            (r.responses, getattr(r, attribute).seconds)
            for r in results
            if getattr(r, attribute) and getattr(r, attribute).ok
        ]
        lines.append(f"- {label}: {exponent(points)}")
    return lines


def render(results: list[SizeResult], info: dict[str, object]) -> str:
    lines = [
        "# cx_metrics benchmark",
        "",
        "Machine: " + ", ".join(f"{k} {v}" for k, v in info.items()),
        "",
        "Wall time / peak resident memory of each step, in its own process.",
        "",
        *render_table(results),
        "",
        "Scaling exponent (slope of log time on log rows; 1.0 = linear):",
        "",
        *render_scaling(results),
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="1000000,10000000,50000000",
        help="survey responses per run, comma separated",
    )
    parser.add_argument("--out", default=str(REPO / "build" / "bench"), help="work folder")
    parser.add_argument(
        "--everything-up-to",
        type=int,
        default=50_000_000,
        help="sizes up to this also get the dbt build of all models and tests (0: none)",
    )
    parser.add_argument(
        "--spark-up-to",
        type=int,
        default=10_000_000,
        help="sizes up to this also get the survey marts built on Spark, local[2] (0: none)",
    )
    args = parser.parse_args()
    out = Path(args.out).resolve()  # the inputs folder links to the generated files
    out.mkdir(parents=True, exist_ok=True)
    info = machine()
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        results.append(
            run_size(
                size,
                out,
                everything=size <= args.everything_up_to,
                spark=size <= args.spark_up_to,
            )
        )
        (out / "report.json").write_text(
            json.dumps({"machine": info, "results": [asdict(r) for r in results]}, indent=2)
        )
        (out / "report.md").write_text(render(results, info))
    print((out / "report.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
