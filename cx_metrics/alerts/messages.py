"""What an alert says: what its owner needs to act (score, touchpoint, segment, the case), and
the comment only when the queue carried it (var cx_alert_include_comment)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

NEGATIVE = {"nps": "NPS detractor", "csat": "CSAT not satisfied", "ces": "CES not easy"}


def _fields(alert: Mapping[str, Any], case_url: str | None) -> list[tuple[str, str]]:
    fields = [
        ("Score", f"{alert['score']:g}" if alert["score"] is not None else "none"),
        ("Touchpoint", alert["touchpoint"] or "unknown"),
        ("Segment", alert["segment"] or "unknown"),
        ("Program", alert["program"] or "unknown"),
        ("Owner", alert["owner"] or "unrouted"),
        ("Answered at", f"{alert['responded_at']:%Y-%m-%d %H:%M} UTC"),
        ("Follow up by", f"{alert['follow_up_due_at']:%Y-%m-%d %H:%M} UTC"),
        ("Response", alert["response_id"]),
    ]
    if alert["customer_id"]:
        fields.append(("Customer", alert["customer_id"]))
    if case_url:
        fields.append(("Case", case_url.format(response_id=alert["response_id"])))
    if alert.get("comment"):
        fields.append(("Comment", alert["comment"]))
    return fields


def title(alert: Mapping[str, Any]) -> str:
    what = NEGATIVE.get(alert["survey_type"], alert["survey_type"])
    if alert["kind"] == "escalation":
        return f"Escalation: {what} not followed up in time ({alert['response_id']})"
    return f"{what}: follow up by {alert['follow_up_due_at']:%Y-%m-%d %H:%M} UTC"


def text(alert: Mapping[str, Any], case_url: str | None) -> str:
    lines = [title(alert), *(f"{k}: {v}" for k, v in _fields(alert, case_url))]
    return "\n".join(lines)


def slack_body(alert: Mapping[str, Any], case_url: str | None) -> dict[str, Any]:
    """Slack's incoming-webhook JSON: `text` (the fallback) and a section per field."""
    fields = [{"type": "mrkdwn", "text": f"*{k}*\n{v}"} for k, v in _fields(alert, case_url)]
    return {
        "text": text(alert, case_url),
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": title(alert)[:150]}},
            *(
                {"type": "section", "fields": fields[i : i + 10]}  # Slack: 10 fields a section
                for i in range(0, len(fields), 10)
            ),
        ],
        "metadata": {
            "event_type": f"cx_followup_{alert['kind']}",
            "event_payload": {"alert_id": alert["alert_id"], "response_id": alert["response_id"]},
        },
    }
