"""A BI reader, run as its own process by test_publishing.py: polls a DuckDB file read-only
every 50 ms until a stop file appears, writing one JSON line per answer or error.

Modes: keep (one connection for the whole run), reconnect (a new connection per query) and
pool (a connection renewed when it is older than 2 s). Each reader is its own process
because duckdb.connect shares one database instance per path within a process.

    python bi_reader.py MODE DATABASE OUT_FILE STOP_FILE [POLL_SECONDS]

Tests start them with ``with Readers(database, folder, modes) as readers:``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import duckdb

MODES = ("keep", "reconnect", "pool")
POLL_SECONDS = 0.05
POOL_LIFETIME_SECONDS = 2.0
# One statement over several marts: a published file answers with one data set, never a mix.
FINGERPRINT = """
select
    (select count(*) from cx__survey_responses) as survey_responses,
    (select sum(responses) from cx__nps) as nps_responses,
    (select sum(responses) from cx__csat) as csat_responses,
    (select sum(responses) from cx__ces) as ces_responses,
    (select count(*) from cx__rejected_records) as rejected_records,
    (select sum(customers_at_end) from cx__customer_churn) as customers_at_end,
    (select sum(tickets_created) from cx__service_levels) as tickets_created
"""


def fingerprint(con: duckdb.DuckDBPyConnection) -> list[int]:
    return [int(v) for v in con.execute(FINGERPRINT).fetchone()]


def main(mode: str, database: str, out: str, stop: str, poll: str = str(POLL_SECONDS)) -> None:
    con, opened = None, 0.0
    with open(out, "a") as sink:
        while not Path(stop).exists():
            started = time.time()
            try:
                if (
                    mode == "reconnect"
                    or con is None
                    or (mode == "pool" and started - opened > POOL_LIFETIME_SECONDS)
                ):
                    if con is not None:
                        con.close()
                    con, opened = duckdb.connect(database, read_only=True), started
                record = {"t": started, "answer": fingerprint(con)}
                if mode == "reconnect":
                    con.close()
                    con = None
            except Exception as error:  # every error counts: the test expects none
                record = {"t": started, "error": f"{type(error).__name__}: {error}"}
                con = None
            sink.write(json.dumps(record) + "\n")
            sink.flush()
            time.sleep(float(poll))


class Readers:
    """Reader processes on a database for the length of a with-block (which starts once each
    has answered a few times); afterwards .answers holds each mode's records."""

    def __init__(
        self,
        database: Path,
        folder: Path,
        modes: Sequence[str] = MODES,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        self.database, self.folder, self.modes = database, folder, tuple(modes)
        self.poll_seconds = poll_seconds
        self.answers: dict[str, list[dict]] = {}
        self.processes: list[subprocess.Popen] = []

    def _out(self, mode: str) -> Path:
        return self.folder / f"{mode}.jsonl"

    def __enter__(self) -> Readers:
        self.folder.mkdir(parents=True, exist_ok=True)
        for mode in self.modes:
            command = [sys.executable, __file__, mode, str(self.database), str(self._out(mode))]
            stop = str(self.folder / "stop")
            self.processes.append(subprocess.Popen([*command, stop, str(self.poll_seconds)]))
        deadline = time.monotonic() + 60
        while not all(self._count(mode) >= 5 for mode in self.modes):
            if time.monotonic() > deadline:
                self.__exit__()
                raise AssertionError("the readers did not start answering")
            time.sleep(0.1)
        return self

    def _count(self, mode: str) -> int:
        out = self._out(mode)
        return len(out.read_text().splitlines()) if out.exists() else 0

    def __exit__(self, *exc: object) -> None:
        (self.folder / "stop").touch()
        for process in self.processes:
            process.wait(timeout=30)
        for mode in self.modes:
            lines = self._out(mode).read_text().splitlines() if self._out(mode).exists() else []
            self.answers[mode] = [json.loads(line) for line in lines]


if __name__ == "__main__":
    main(*sys.argv[1:6])
