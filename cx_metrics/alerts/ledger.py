"""The alert ledger: a DuckDB file of its own, written only by `cx-metrics alerts`, so that a
full refresh of the warehouse never forgets what was sent. One row per alert or escalation
(its key, kind:response_id, makes every send at most once) and one per delivery attempt."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from cx_metrics.alerts.delivery import Attempt

ITEM_COLUMNS = [
    "response_id",
    "customer_id",
    "survey_type",
    "score",
    "touchpoint",
    "segment",
    "program",
    "owner",
    "responded_at",
    "follow_up_due_at",
]
SCHEMA = """
create table if not exists followup_alerts (
    alert_id varchar primary key,
    kind varchar not null,
    response_id varchar not null,
    customer_id varchar,
    survey_type varchar not null,
    score double,
    touchpoint varchar,
    segment varchar,
    program varchar,
    owner varchar,
    destination varchar,
    responded_at timestamp not null,
    follow_up_due_at timestamp not null,
    created_at timestamp not null,
    status varchar not null,
    attempts integer not null,
    last_attempt_at timestamp,
    sent_at timestamp,
    last_error varchar
);
create table if not exists delivery_attempts (
    alert_id varchar not null,
    attempt integer not null,
    attempted_at timestamp not null,
    succeeded boolean not null,
    error varchar,
    primary key (alert_id, attempt)
);
"""


class LedgerBusy(Exception):
    """Another process holds the ledger (a round already running, or a reader)."""


class Ledger:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(path))
        except duckdb.IOException as error:
            message = f"the alert ledger {path} is open in another process: {error}"
            raise LedgerBusy(message) from error
        self.con.execute(SCHEMA)

    def close(self) -> None:
        self.con.close()

    def record(self, kind: str, item: Mapping[str, Any], destination: str | None, now: datetime):
        """A new pending alert, unless this kind was already recorded for the response."""
        values = [item[c] for c in ITEM_COLUMNS]
        self.con.execute(
            f"insert into followup_alerts (alert_id, kind, {', '.join(ITEM_COLUMNS)},"
            " destination, created_at, status, attempts)"
            f" values (?, ?, {', '.join('?' * len(ITEM_COLUMNS))}, ?, ?, 'pending', 0)"
            " on conflict do nothing",
            [f"{kind}:{item['response_id']}", kind, *values, destination, now],
        )

    def recorded(self, kind: str) -> set[str]:
        rows = self.con.execute(
            "select response_id from followup_alerts where kind = ?", [kind]
        ).fetchall()
        return {r[0] for r in rows}

    def undelivered(self) -> list[dict[str, Any]]:
        """Alerts not yet delivered (new, or failed in an earlier round): alerts first."""
        cursor = self.con.execute(
            "select * from followup_alerts where status <> 'sent'"
            " order by kind, responded_at, response_id"
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def attempted(self, alert: Mapping[str, Any], attempts: Iterable[Attempt]) -> None:
        """Record the tries of one round and the alert's status, in one transaction."""
        attempts = list(attempts)
        if not attempts:
            return
        first = alert["attempts"]
        self.con.execute("begin")
        self.con.executemany(
            "insert into delivery_attempts values (?, ?, ?, ?, ?)",
            [
                [alert["alert_id"], first + a.number, a.at, a.error is None, a.error]
                for a in attempts
            ],
        )
        last = attempts[-1]
        self.con.execute(
            "update followup_alerts set attempts = attempts + ?, last_attempt_at = ?,"
            " status = ?, sent_at = ?, last_error = ? where alert_id = ?",
            [
                len(attempts),
                last.at,
                "sent" if last.error is None else "failed",
                last.at if last.error is None else None,
                last.error,
                alert["alert_id"],
            ],
        )
        self.con.execute("commit")

    def export(self, path: Path) -> None:
        """The audit as Parquet, replaced whole (a reader sees the old file or the new one)."""
        partial = path.with_suffix(".partial.parquet")
        self.con.execute(
            f"copy (select * from followup_alerts order by alert_id) to '{partial}'"
            " (format parquet)"
        )
        os.replace(partial, path)
