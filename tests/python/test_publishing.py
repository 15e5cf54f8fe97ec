"""Blue/green refreshes with BI readers attached (issue 14).

Three reader processes (bi_reader.py: keep / reconnect / pool) poll the live file read-only
while `cx-metrics refresh` runs five times over Parquet inputs read in place: refused (a
planted .wal), stopped with SIGTERM midway, killed with SIGKILL midway, failed (a dbt test
that fails on purpose), and a normal one with two more days of survey answers, which must
publish. Readers must see no error and only the old or the new data set.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest
from conftest import BIN, REPO, dbt_env, parquet_demo_inputs, relation

from cx_metrics.demo_data.generator import DemoConfig
from cx_metrics.publish import BlueGreen, PublishError

sys.path.insert(0, str(Path(__file__).parent))
from bi_reader import FINGERPRINT, MODES, Readers  # noqa: E402

ARRIVES_LATER = "2025-09-29"  # survey answers from this day on arrive with the second load
INCREMENTAL = [
    "stg_cx__survey_responses",
    "cx__survey_responses",
    "cx__nps",
    "cx__csat",
    "cx__ces",
    "int_cx__customers_accepted",
]
# A client that cannot read DuckDB 2.0's own format: its pin, and where `make test` installs it.
DUCKDB_1X = next(
    line
    for line in (Path(__file__).with_name("duckdb1x.txt")).read_text().splitlines()
    if line.startswith("duckdb==")
)
DUCKDB_1X_FOLDER = REPO / "build" / "duckdb1x"


@dataclass
class Scenario:
    live: Path
    before: list[int]  # the fingerprint of the first published data set
    after: list[int]  # ... and of the second
    runs: dict[str, subprocess.CompletedProcess] = field(default_factory=dict)
    leftovers: dict[str, list[str]] = field(default_factory=dict)
    live_after: dict[str, list[int]] = field(default_factory=dict)
    answers: dict[str, list[dict]] = field(default_factory=dict)
    scratch: Path | None = None


def fingerprint(db: Path) -> list[int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [int(v) for v in con.execute(FINGERPRINT).fetchone()]
    finally:
        con.close()


def leftovers(folder: Path) -> list[str]:
    """What an unpublished refresh may leave: build copies, staged serving files, logs."""
    return sorted(
        p.name for p in folder.iterdir() if ".build" in p.name or p.name.endswith((".tmp", ".wal"))
    )


def write_inputs(root: Path) -> tuple[Path, Path]:
    """(the inputs folder, read in place, without the last days' survey answers; the file
    of those answers, which a second load adds)."""
    config = DemoConfig(customers=1200, customers_per_chunk=400, bad_rows={})
    inputs = parquet_demo_inputs(root, config, ARRIVES_LATER)
    source, later = inputs.survey_source, inputs.arrives_later
    con = duckdb.connect()
    con.execute(
        f"copy (select * from {source} where not {later})"
        f" to '{inputs.folder}/survey_responses/base.parquet' (format parquet)"
    )
    con.execute(f"copy (select * from {source} where {later}) to '{root}/later.parquet'")
    con.close()
    return inputs.folder, root / "later.parquet"


class Refresh:
    """`cx-metrics refresh` of the integration project on one live file, as a cron job runs
    it: in its own session (process group), with the serving copy and Parquet on."""

    def __init__(self, live: Path, inputs: Path) -> None:
        self.live, self.inputs = live, inputs
        self.env = {
            **os.environ,
            **dbt_env(live),
            "CX_SERVING_PARQUET_DIR": str(live.parent / "parquet"),
        }

    def start(self, *options: str, **extra_vars: object) -> subprocess.Popen:
        variables = {
            "cx_source_parquet_path": str(self.inputs),
            "cx_demo_data": False,
            "cx_unit_tests": False,  # their fixtures need input tables; these inputs are files
        }
        command = [str(BIN / "cx-metrics"), "refresh", *options]
        command += ["--vars", json.dumps(variables | extra_vars)]
        return subprocess.Popen(
            command,
            cwd=REPO,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )

    def run(self, *options: str, **extra_vars: object) -> subprocess.CompletedProcess:
        child = self.start(*options, **extra_vars)
        out, _ = child.communicate(timeout=600)
        return subprocess.CompletedProcess(child.args, child.returncode, out)

    def interrupt(self, how: signal.Signals) -> subprocess.CompletedProcess:
        """Start a refresh and signal it once its `dbt build` step is under way: SIGTERM to
        the refresh process itself, SIGKILL to its whole process group (dbt included)."""
        child = self.start()
        seen = []
        for line in child.stdout:
            seen.append(line)
            if "cx-metrics refresh: dbt build" in line:
                break
        time.sleep(2)  # midway through the build
        if how == signal.SIGKILL:
            os.killpg(child.pid, signal.SIGKILL)
        else:
            child.send_signal(how)
        out, _ = child.communicate(timeout=120)
        return subprocess.CompletedProcess(child.args, child.returncode, "".join(seen) + out)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    root = tmp_path_factory.mktemp("publishing")
    inputs, later = write_inputs(root)
    live = root / "live" / "cx.duckdb"
    live.parent.mkdir()
    refresh = Refresh(live, inputs)
    first = refresh.run()
    assert first.returncode == 0, first.stdout[-5000:]
    before = fingerprint(live)
    for published in (live, live.with_name("cx_serving.duckdb")):
        published.chmod(0o640)  # owner writes, the BI group reads (docs/bi_tools.md)
    result = Scenario(live=live, before=before, after=[])
    with Readers(live, root / "readers", MODES) as readers:
        _refreshes(result, refresh, later)
        time.sleep(3)  # past the pool's 2 s lifetime: every reconnecting reader sees the new set
    result.answers = readers.answers
    result.scratch = _from_scratch(root, inputs)
    return result


def _refreshes(result: Scenario, refresh: Refresh, later: Path) -> None:
    live = result.live
    wal = live.with_name(live.name + ".wal")
    wal.touch()  # as a crashed or still-running writer would leave it
    result.runs["wal"] = refresh.run()
    wal.unlink()
    # The second load: two more days of survey answers.
    shutil.copy(later, refresh.inputs / "survey_responses" / "later.parquet")
    for name, how in (("sigterm", signal.SIGTERM), ("sigkill", signal.SIGKILL)):
        result.runs[name] = refresh.interrupt(how)
        result.leftovers[name] = leftovers(live.parent)
        result.live_after[name] = fingerprint(live)
    result.runs["failing_test"] = refresh.run(cx_test_fail_on_purpose=True)
    result.leftovers["failing_test"] = leftovers(live.parent)
    result.live_after["failing_test"] = fingerprint(live)
    result.runs["normal"] = refresh.run("--docs")
    result.leftovers["normal"] = leftovers(live.parent)
    result.after = fingerprint(live)


def _from_scratch(root: Path, inputs: Path) -> Path:
    """The same inputs built at once into a new file, for the incremental tables."""
    live = root / "scratch" / "cx.duckdb"
    live.parent.mkdir()
    done = Refresh(live, inputs).run()
    assert done.returncode == 0, done.stdout[-5000:]
    return live


def test_the_normal_refresh_published_the_second_load(scenario):
    assert scenario.runs["normal"].returncode == 0, scenario.runs["normal"].stdout[-5000:]
    assert f"published {scenario.live}" in scenario.runs["normal"].stdout
    # The refresh's steps (cx_metrics.refresh.STEPS; alerts are off), as Dagster's cx_refresh
    # runs them: the dashboard re-rendered from the published file.
    said = [
        line.removeprefix("cx-metrics refresh: ").split(" /")[0]
        for line in scenario.runs["normal"].stdout.splitlines()
        if line.startswith("cx-metrics refresh: ")
    ]
    steps = ["dbt seed", "input checks", "dbt build", "dbt docs generate", "published", "dashboard"]
    assert [s for s in said if s in steps] == steps
    assert scenario.live.with_suffix(".html").is_file()
    assert scenario.after != scenario.before
    assert scenario.after[0] > scenario.before[0]  # two more days of survey answers


def test_the_docs_catalog_describes_the_published_build_and_the_exposure(scenario):
    """`refresh --docs` runs `dbt docs generate` on the copy: the catalog lists every cx__
    table with its columns, and the manifest holds the example dashboard exposure."""
    target = scenario.live.parent / "target"
    catalog = json.loads((target / "catalog.json").read_text())
    tables = {n["metadata"]["name"]: n for n in catalog["nodes"].values()}
    con = duckdb.connect(str(scenario.live), read_only=True)
    try:
        columns = {
            c for (c,) in con.execute("select column_name from (describe cx__nps)").fetchall()
        }
    finally:
        con.close()
    assert {c.lower() for c in tables["cx__nps"]["columns"]} == columns
    manifest = json.loads((target / "manifest.json").read_text())
    (exposure,) = [
        e for e in manifest["exposures"].values() if e["name"] == "cx_leadership_dashboard"
    ]
    assert "model.cx_metrics.cx__nps" in exposure["depends_on"]["nodes"]


def test_a_planted_wal_refuses_the_refresh(scenario):
    run = scenario.runs["wal"]
    assert run.returncode == 1
    assert "refusing to publish" in run.stdout and "cx.duckdb.wal" in run.stdout
    assert "cx-metrics refresh: dbt seed" not in run.stdout  # refused before any work


def test_a_refresh_stopped_midway_publishes_nothing_and_cleans_up(scenario):
    run = scenario.runs["sigterm"]
    assert run.returncode == 128 + signal.SIGTERM, run.stdout[-3000:]
    assert scenario.live_after["sigterm"] == scenario.before
    assert scenario.leftovers["sigterm"] == []


def test_a_killed_refresh_publishes_nothing_and_the_next_one_sweeps_its_copy(scenario):
    assert scenario.runs["sigkill"].returncode == -signal.SIGKILL
    assert scenario.live_after["sigkill"] == scenario.before
    assert "cx.duckdb.build" in scenario.leftovers["sigkill"]  # nothing can clean up a kill
    assert scenario.leftovers["failing_test"] == []  # ... the next refresh swept it


def test_a_failing_dbt_test_publishes_nothing(scenario):
    run = scenario.runs["failing_test"]
    assert run.returncode == 1
    assert "cx_harness__fails_on_purpose" in run.stdout
    assert "dbt build failed" in run.stdout and "nothing was published" in run.stdout
    assert scenario.live_after["failing_test"] == scenario.before


def test_no_leftover_files(scenario):
    assert scenario.leftovers["normal"] == []


def test_published_files_keep_their_permissions(scenario):
    for published in (scenario.live, scenario.live.with_name("cx_serving.duckdb")):
        assert published.stat().st_mode & 0o777 == 0o640, published


def test_readers_never_failed_and_saw_only_whole_data_sets(scenario):
    whole = {tuple(scenario.before), tuple(scenario.after)}
    for mode, records in scenario.answers.items():
        errors = [r["error"] for r in records if "error" in r]
        assert errors == [], (mode, errors[:3])
        assert len(records) > 100, mode  # polled all through the refreshes
        assert {tuple(r["answer"]) for r in records} <= whole, mode


def test_a_kept_connection_reads_its_snapshot_and_new_connections_the_new_file(scenario):
    keep = {tuple(r["answer"]) for r in scenario.answers["keep"]}
    assert keep == {tuple(scenario.before)}
    for mode in ("reconnect", "pool"):
        assert scenario.answers[mode][0]["answer"] == scenario.before, mode
        assert scenario.answers[mode][-1]["answer"] == scenario.after, mode


@pytest.mark.parametrize("table", INCREMENTAL)
def test_incremental_tables_equal_a_build_from_scratch(scenario, table):
    con = duckdb.connect()
    try:
        con.execute(f"attach '{scenario.live}' as refreshed (read_only)")
        con.execute(f"attach '{scenario.scratch}' as scratch (read_only)")
        a, b = (f"select * from {db}.{relation(table)}" for db in ("refreshed", "scratch"))
        (differences,) = con.execute(
            f"select (select count(*) from ({a} except all {b}))"
            f" + (select count(*) from ({b} except all {a}))"
        ).fetchone()
        (rows,) = con.execute(f"select count(*) from ({a})").fetchone()
    finally:
        con.close()
    assert rows > 0 and differences == 0


def _live_tables(live: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(live), read_only=True)
    try:
        names = [
            n
            for (n,) in con.execute(
                "select table_name from information_schema.tables"
                " where table_name like 'cx\\_\\_%' escape '\\' order by 1"
            ).fetchall()
        ]
        return {n: sorted(con.execute(f"select * from {n}").fetchall(), key=repr) for n in names}
    finally:
        con.close()


def _duckdb_1x() -> Path:
    """The DuckDB 1.x Python client in a folder of its own, as BI tools bundle it."""
    assert (DUCKDB_1X_FOLDER / "duckdb").is_dir(), (
        f"{DUCKDB_1X} is not installed in {DUCKDB_1X_FOLDER}: `make test` installs it"
        f" (or: pip install --no-deps --target {DUCKDB_1X_FOLDER} -r tests/python/duckdb1x.txt)"
    )
    return DUCKDB_1X_FOLDER


DUMP_WITH_1X = """
import json, sys, duckdb
assert duckdb.__version__.startswith("1."), duckdb.__version__
con = duckdb.connect(sys.argv[1], read_only=True)
names = [n for (n,) in con.execute("select table_name from information_schema.tables").fetchall()]
print(json.dumps({"version": duckdb.__version__, "tables": {
    n: [repr(r) for r in con.execute(f"select * from {n}").fetchall()] for n in names}}))
"""


def test_a_duckdb_1x_client_opens_the_serving_copy_and_it_equals_the_live_tables(scenario):
    serving = scenario.live.with_name("cx_serving.duckdb")
    done = subprocess.run(
        [sys.executable, "-c", DUMP_WITH_1X, str(serving)],
        env={**os.environ, "PYTHONPATH": str(_duckdb_1x())},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    dumped = json.loads(done.stdout)
    assert dumped["version"] == DUCKDB_1X.split("==")[1]
    live = _live_tables(scenario.live)
    assert sorted(dumped["tables"]) == sorted(live)
    for name, rows in live.items():
        assert sorted(dumped["tables"][name]) == sorted(repr(r) for r in rows), name


def test_the_parquet_copy_of_the_latest_refresh_equals_the_live_tables(scenario):
    folder = scenario.live.parent / "parquet"
    latest = folder / "latest"
    assert latest.is_symlink()
    assert (folder / "LATEST").read_text().strip() == os.readlink(latest)
    live = _live_tables(scenario.live)
    con = duckdb.connect()
    try:
        for name, rows in live.items():
            parquet = con.execute(f"select * from read_parquet('{latest}/{name}.parquet')")
            assert sorted(parquet.fetchall(), key=repr) == rows, name
    finally:
        con.close()
    # Two published refreshes (the first and the normal one) and the from-scratch one wrote
    # elsewhere; failed refreshes left no run folder.
    assert len(list((folder / "runs").iterdir())) == 2


def _table_file(path: Path, value: int) -> None:
    con = duckdb.connect(str(path))
    con.execute(f"create or replace table t as select {value} as v")
    con.close()


def _value(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select v from t").fetchone()[0]
    finally:
        con.close()


def test_a_second_refresh_of_the_same_file_fails_at_once(tmp_path):
    live = tmp_path / "x.duckdb"
    _table_file(live, 1)
    with BlueGreen(live), pytest.raises(PublishError, match="another refresh of .* is running"):
        BlueGreen(live).__enter__()
    with BlueGreen(live) as again:  # the lock went with the first refresh
        assert again.build.exists()


def test_a_wal_that_appears_beside_the_live_file_refuses_the_swap(tmp_path):
    live = tmp_path / "x.duckdb"
    _table_file(live, 1)
    with BlueGreen(live) as blue_green:
        _table_file(blue_green.build, 2)
        wal = tmp_path / "x.duckdb.wal"
        wal.touch()  # a writer opened the live file during the refresh
        with pytest.raises(PublishError, match=r"x\.duckdb\.wal sits beside x\.duckdb"):
            blue_green.publish()
        wal.unlink()
    assert _value(live) == 1 and leftovers(tmp_path) == []


def test_an_error_inside_a_refresh_removes_the_copy_and_keeps_the_live_file(tmp_path):
    live = tmp_path / "x.duckdb"
    _table_file(live, 1)
    with pytest.raises(ZeroDivisionError), BlueGreen(live) as blue_green:
        _table_file(blue_green.build, 2)
        raise ZeroDivisionError  # any failure of a step
    assert _value(live) == 1 and leftovers(tmp_path) == []


def test_publishing_first_swaps_the_copy_in_and_goes_on_with_a_copy_of_it(tmp_path):
    """publish/metrics: readers see the first part at once; the rest goes on on a new copy,
    which starts from it, under the same lock, and is published by publish()."""
    live = tmp_path / "x.duckdb"
    _table_file(live, 1)
    with BlueGreen(live) as blue_green:
        _table_file(blue_green.build, 2)
        blue_green.publish_and_continue()
        assert _value(live) == 2 and _value(blue_green.build) == 2
        with pytest.raises(PublishError, match="another refresh"):
            BlueGreen(live).__enter__()
        con = duckdb.connect(str(blue_green.build))
        con.execute("update t set v = v + 1")
        con.close()
        blue_green.publish()
    assert _value(live) == 3 and leftovers(tmp_path) == []


def test_a_failure_after_publishing_first_keeps_the_first_part(tmp_path):
    live = tmp_path / "x.duckdb"
    _table_file(live, 1)
    with pytest.raises(ZeroDivisionError), BlueGreen(live) as blue_green:
        _table_file(blue_green.build, 2)
        blue_green.publish_and_continue()
        _table_file(blue_green.build, 5)
        raise ZeroDivisionError  # the audit models failed
    assert _value(live) == 2 and leftovers(tmp_path) == []


def test_a_copy_back_that_fails_half_way_is_swept_and_the_first_part_stays(tmp_path, monkeypatch):
    """publish_and_continue copies the published file back; a copy that dies half-way (a full
    disk) must not leave its partial file beside the live one until the next refresh."""
    live = tmp_path / "x.duckdb"
    _table_file(live, 1)

    def half_a_copy(source: Path, destination: Path) -> None:
        Path(destination).write_bytes(Path(source).read_bytes()[:100])
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"), BlueGreen(live) as blue_green:
        _table_file(blue_green.build, 2)
        monkeypatch.setattr(shutil, "copyfile", half_a_copy)
        blue_green.publish_and_continue()
    monkeypatch.undo()
    assert _value(live) == 2 and leftovers(tmp_path) == []


def test_a_profile_that_writes_its_path_out_is_refused_with_the_fix(tmp_path):
    live = tmp_path / "fixed.duckdb"
    (tmp_path / "profiles.yml").write_text(
        f"cx_metrics:\n  target: duckdb\n  outputs:\n    duckdb:\n"
        f"      type: duckdb\n      path: {live}\n"
    )
    done = subprocess.run(
        [str(BIN / "cx-metrics"), "refresh", "--profiles-dir", str(tmp_path)],
        cwd=REPO,
        env={**os.environ, **dbt_env(live)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "writes its path out" in done.stderr and "env_var('CX_DUCKDB_PATH'" in done.stderr
    assert not live.exists()
