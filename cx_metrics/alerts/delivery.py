"""Deliver one alert to its destination: webhook:<NAME> (an HTTP POST of Slack-compatible
JSON) or email:<address> (SMTP), retried with exponential backoff."""

from __future__ import annotations

import json
import smtplib
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any

from cx_metrics.alerts.messages import slack_body, text, title
from cx_metrics.alerts.settings import AlertSettings, DeliveryError, SmtpSettings, webhook_url


@dataclass(frozen=True)
class Attempt:
    number: int
    at: datetime
    error: str | None  # None: delivered


def post_webhook(name: str, alert: Mapping[str, Any], settings: AlertSettings) -> None:
    body = json.dumps(slack_body(alert, settings.case_url)).encode()
    request = urllib.request.Request(
        webhook_url(name), data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.timeout_seconds) as response:
            response.read()
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        raise DeliveryError(f"webhook:{name}: {error}") from error


def send_email(address: str, alert: Mapping[str, Any], settings: AlertSettings) -> None:
    smtp = SmtpSettings.from_env()
    message = EmailMessage()
    message["Subject"] = title(alert)
    message["From"] = smtp.sender
    message["To"] = address
    message["X-CX-Alert-Id"] = alert["alert_id"]
    message.set_content(text(alert, settings.case_url))
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=settings.timeout_seconds) as client:
            if smtp.starttls:
                client.starttls()
            if smtp.user:
                client.login(smtp.user, smtp.password or "")
            client.send_message(message)
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryError(f"email:{address}: {error}") from error


def deliver_once(alert: Mapping[str, Any], settings: AlertSettings) -> None:
    destination = alert["destination"]
    if not destination:
        raise DeliveryError("no routing rule matched (var cx_alert_routes has no default)")
    channel, _, where = destination.partition(":")
    if channel == "webhook":
        post_webhook(where, alert, settings)
    elif channel == "email":
        send_email(where, alert, settings)
    else:
        raise DeliveryError(f"unknown destination {destination!r}: use webhook:NAME or email:ADDR")


def deliver(
    alert: Mapping[str, Any],
    settings: AlertSettings,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Attempt]:
    """Up to max_attempts tries, waiting backoff, 2×backoff, … between them; every try."""
    attempts: list[Attempt] = []
    for number in range(1, settings.max_attempts + 1):
        if attempts:
            sleep(settings.backoff_seconds * 2 ** (len(attempts) - 1))
        at = datetime.now(UTC).replace(tzinfo=None)
        try:
            deliver_once(alert, settings)
        except DeliveryError as error:
            attempts.append(Attempt(number, at, str(error)[:1000]))
            continue
        attempts.append(Attempt(number, at, None))
        break
    return attempts
