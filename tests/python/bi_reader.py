"""A BI reader, run as its own process by test_publishing.py: polls a DuckDB file read-only
every 50 ms until a stop file appears, writing one JSON line per answer or error.

Modes: keep (one connection for the whole run), reconnect (a new connection per query) and
pool (a connection renewed when it is older than 2 s). Each reader is its own process
because duckdb.connect shares one database instance per path within a process.

    python bi_reader.py MODE DATABASE OUT_FILE STOP_FILE
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import duckdb

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


def main(mode: str, database: str, out: str, stop: str) -> None:
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
            time.sleep(POLL_SECONDS)


if __name__ == "__main__":
    main(*sys.argv[1:5])
