"""One alert round (`cx-metrics alerts`): record an alert for every new open negative answer
and an escalation for every overdue one, deliver what is not yet delivered, export the audit."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from cx_metrics.alerts.delivery import deliver
from cx_metrics.alerts.ledger import Ledger
from cx_metrics.alerts.queue import open_items
from cx_metrics.alerts.settings import AlertSettings
from cx_metrics.project import DbtSettings


@dataclass
class RoundResult:
    recorded: dict[str, int] = field(default_factory=lambda: {"alert": 0, "escalation": 0})
    sent: dict[str, int] = field(default_factory=lambda: {"alert": 0, "escalation": 0})
    failed: int = 0
    attempts: int = 0

    def summary(self) -> str:
        return (
            f"new alerts {self.recorded['alert']}, new escalations {self.recorded['escalation']};"
            f" delivered {self.sent['alert']} alerts and {self.sent['escalation']} escalations"
            f" in {self.attempts} attempts; {self.failed} still undelivered (retried next round)"
        )


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def record_new(ledger: Ledger, settings: DbtSettings, alerts: AlertSettings, now: datetime):
    """Ledger rows for what is new since the last round; counts by kind."""
    items = open_items(settings, now - timedelta(hours=alerts.max_age_hours))
    counts = {"alert": 0, "escalation": 0}
    for kind in counts:
        done = ledger.recorded(kind)
        for item in items:
            if item["response_id"] in done:
                continue
            if kind == "escalation" and not item["follow_up_due_at"] < now:
                continue
            destination = item["alert_destination" if kind == "alert" else "escalation_destination"]
            ledger.record(kind, item, destination, now)
            counts[kind] += 1
    return counts


def send_round(
    settings: DbtSettings,
    alerts: AlertSettings | None = None,
    now: datetime | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> RoundResult:
    alerts = alerts or AlertSettings.from_env(settings.project_dir)
    now = now or utc_now()
    result = RoundResult()
    ledger = Ledger(alerts.ledger)
    try:
        result.recorded = record_new(ledger, settings, alerts, now)
        for alert in ledger.undelivered():
            attempts = deliver(alert, alerts, sleep)
            ledger.attempted(alert, attempts)
            result.attempts += len(attempts)
            if attempts[-1].error is None:
                result.sent[alert["kind"]] += 1
            else:
                result.failed += 1
        ledger.export(alerts.audit)
    finally:
        ledger.close()
    return result
