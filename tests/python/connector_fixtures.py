"""The connector fixtures (tests/python/connectors/<name>.py) as tables of a warehouse, and the
vars each connector's section of docs/connectors.md tells a user to set.

A fixture module holds SCHEMA, TABLES ({table: [(column, type)]}), ROWS ({table: [values as
text]}), VARS, EXPECTED_ROWS and EXPECTED_FIGURES, worked by hand (see each module). Values are
loaded as `cast('<text>' as <type>)`, so one definition serves DuckDB, PostgreSQL and Spark.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import ModuleType

import yaml

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs" / "connectors.md"
CONNECTORS = ["qualtrics", "delighted", "zendesk", "intercom", "hubspot", "salesforce"]

# A fixture column type per engine; json is the engine's JSON type where it has one.
TYPES: dict[str, dict[str, str]] = {
    "duckdb": {
        "text": "varchar",
        "integer": "integer",
        "bigint": "bigint",
        "double": "double",
        "boolean": "boolean",
        "timestamp": "timestamp",
        "json": "json",
    },
    "postgres": {
        "text": "text",
        "integer": "integer",
        "bigint": "bigint",
        "double": "double precision",
        "boolean": "boolean",
        "timestamp": "timestamp",
        "json": "jsonb",
    },
    "spark": {
        "text": "string",
        "integer": "int",
        "bigint": "bigint",
        "double": "double",
        "boolean": "boolean",
        "timestamp": "timestamp",
        "json": "string",
    },
}


def fixture(name: str) -> ModuleType:
    """The fixture module of one connector."""
    return importlib.import_module(f"connectors.{name}")


def _quote(engine: str, name: str) -> str:
    # `user` and `order` are reserved words.
    return f"`{name}`" if engine == "spark" else f'"{name}"'


def _literal(value: str | None, type_name: str) -> str:
    if value is None:
        return f"cast(null as {type_name})"
    assert "'" not in value and "\\" not in value, value
    return f"cast('{value}' as {type_name})"


def statements(engine: str, module: ModuleType) -> list[str]:
    """create schema, create table and insert statements of one fixture."""
    schema = module.SCHEMA
    out = [
        f"create database if not exists {schema}"
        if engine == "spark"
        else f"create schema if not exists {schema}"
    ]
    using = " using parquet" if engine == "spark" else ""
    for table, columns in module.TABLES.items():
        types = [TYPES[engine][kind] for _, kind in columns]
        names = ", ".join(
            f"{_quote(engine, c)} {t}" for (c, _), t in zip(columns, types, strict=True)
        )
        relation = f"{schema}.{_quote(engine, table)}"
        out.append(f"create table {relation} ({names}){using}")
        rows = module.ROWS.get(table, [])
        if rows:
            values = ",\n".join(
                "(" + ", ".join(_literal(v, t) for v, t in zip(row, types, strict=True)) + ")"
                for row in rows
            )
            out.append(f"insert into {relation} values\n{values}")
    return out


def documented_vars() -> dict[str, dict]:
    """{connector: the vars of the yaml block in its section of docs/connectors.md}."""
    text = DOCS.read_text()
    found: dict[str, dict] = {}
    for section in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        name = section.split()[0].lower()
        block = re.search(r"```yaml\n(.*?)```", section, flags=re.DOTALL)
        if name in CONNECTORS and block:
            found[name] = yaml.safe_load(block.group(1))["vars"]["cx_metrics"]
    return found


# --- Helpers the fixture modules write their expectations with -----------------------------


def month(period_start: str, dimension: str = "all", value: str = "all") -> dict:
    """The identity of a monthly mart row (period_grain, period_start, dimension, value)."""
    return {
        "period_grain": "month",
        "period_start": period_start,
        "dimension": dimension,
        "dimension_value": value,
    }


def customer(customer_id, started_at, churned_at, segment, plan, region, monthly_revenue):
    """An accepted customers row, after staging."""
    return {
        "customer_id": customer_id,
        "started_at": started_at,
        "churned_at": churned_at,
        "segment": segment,
        "plan": plan,
        "region": region,
        "monthly_revenue": monthly_revenue,
        "rejection_reason": None,
    }


def ticket(ticket_id, customer_id, channel, priority, created, responded, resolved, replies):
    """An accepted support_tickets row of a help desk, which records no handle time."""
    return {
        "ticket_id": ticket_id,
        "customer_id": customer_id,
        "channel": channel,
        "priority": priority,
        "created_at": created,
        "first_response_at": responded,
        "resolved_at": resolved,
        "handle_time_minutes": None,
        "agent_replies": replies,
        "rejection_reason": None,
    }


def support_csat(connector, key, ticket_id, customer_id, channel, score, responded_at, comment):
    """An accepted CSAT answer a help desk's rating gives (touchpoint support)."""
    return {
        "response_id": key,
        "customer_id": customer_id,
        "survey_type": "csat",
        "program": "transactional",
        "touchpoint": "support",
        "channel": channel,
        "score": score,
        "responded_at": responded_at,
        "comment": comment,
        "ticket_id": ticket_id,
        "feedback_source": connector,
        "rejection_reason": None,
    }
