"""Alert settings, from environment variables only (URLs and credentials are never in files)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class AlertSettings:
    folder: Path  # the ledger and its audit export
    max_age_hours: float  # older answers are history, not news: never alerted
    max_attempts: int  # deliveries tried per round before the alert is marked failed
    backoff_seconds: float  # the wait before the second attempt; doubled after each
    timeout_seconds: float
    case_url: str | None  # e.g. https://crm.example.com/cases/{response_id}

    @classmethod
    def from_env(cls, project_dir: Path) -> AlertSettings:
        folder = Path(os.environ.get("CX_ALERTS_DIR", "cx_alerts"))
        return cls(
            folder=folder if folder.is_absolute() else project_dir / folder,
            max_age_hours=float(os.environ.get("CX_ALERT_MAX_AGE_HOURS", "168")),
            max_attempts=max(1, int(os.environ.get("CX_ALERT_MAX_ATTEMPTS", "3"))),
            backoff_seconds=float(os.environ.get("CX_ALERT_BACKOFF_SECONDS", "1")),
            timeout_seconds=float(os.environ.get("CX_ALERT_TIMEOUT_SECONDS", "10")),
            case_url=os.environ.get("CX_ALERT_CASE_URL") or None,
        )

    @property
    def ledger(self) -> Path:
        return self.folder / "ledger.duckdb"

    @property
    def audit(self) -> Path:
        return self.folder / "followup_alerts.parquet"


def alerts_enabled() -> bool:
    """CX_ALERTS=on: the refresh jobs send alerts (off by default: no destination is set up)."""
    return os.environ.get("CX_ALERTS", "off").lower() in {"on", "true", "1"}


def webhook_url(name: str) -> str:
    variable = f"CX_ALERT_WEBHOOK_{name.upper()}"
    url = os.environ.get(variable)
    if not url:
        raise DeliveryError(f"{variable} is not set (the URL of webhook:{name})")
    return url


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    user: str | None
    password: str | None
    starttls: bool

    @classmethod
    def from_env(cls) -> SmtpSettings:
        host = os.environ.get("CX_ALERT_SMTP_HOST")
        if not host:
            raise DeliveryError("CX_ALERT_SMTP_HOST is not set (needed by email: destinations)")
        return cls(
            host=host,
            port=int(os.environ.get("CX_ALERT_SMTP_PORT", "25")),
            sender=os.environ.get("CX_ALERT_SMTP_FROM", "cx-metrics@localhost"),
            user=os.environ.get("CX_ALERT_SMTP_USER") or None,
            password=os.environ.get("CX_ALERT_SMTP_PASSWORD") or None,
            starttls=os.environ.get("CX_ALERT_SMTP_STARTTLS", "false").lower() == "true",
        )


class DeliveryError(Exception):
    """A delivery that did not reach its destination (retried, then recorded)."""
