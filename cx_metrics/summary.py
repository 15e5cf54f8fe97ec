"""The headline figures of a built DuckDB, printed for a person (``cx-metrics summary``)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from cx_metrics.periods import latest_full_month

INPUTS = (
    "survey_responses",
    "customers",
    "support_tickets",
    "feedback_followups",
    "orders",
    "reviews",
)


def latest_month(con: duckdb.DuckDBPyConnection) -> str:
    """The dashboard's headline month (latest_full_month) of the accepted answers."""
    (newest,) = con.execute("select max(responded_at) from cx__survey_responses").fetchone()
    return str(latest_full_month(newest))


def _fmt(value: float | None, signed: bool = False, width: int = 6) -> str:
    if value is None:
        return "-".rjust(width)
    return f"{value:+{width}.1f}" if signed else f"{value:{width}.1f}"


def survey_lines(con: duckdb.DuckDBPyConnection, month: str) -> list[str]:
    rows = con.execute(
        """
        with keys as (
            select dimension_value from cx__nps
            where period_grain = 'month' and period_start = ? and dimension in ('all', 'program')
        )
        select
            keys.dimension_value,
            n.responses, n.nps, n.nps_ci_lower, n.nps_ci_upper,
            c.responses, c.csat_pct, e.responses, e.ces_easy_pct
        from keys
        left join cx__nps n on n.dimension_value = keys.dimension_value
            and n.period_grain = 'month' and n.period_start = ?
            and n.dimension in ('all', 'program')
        left join cx__csat c on c.dimension_value = keys.dimension_value
            and c.period_grain = 'month' and c.period_start = ?
            and c.dimension in ('all', 'program')
        left join cx__ces e on e.dimension_value = keys.dimension_value
            and e.period_grain = 'month' and e.period_start = ?
            and e.dimension in ('all', 'program')
        order by keys.dimension_value <> 'all', keys.dimension_value
        """,
        [month] * 4,
    ).fetchall()
    lines = [
        f"  {'':14s} {'NPS':>6s} {'95% CI':>15s} {'n':>5s}   {'CSAT %':>6s} {'n':>4s}"
        f"   {'CES easy %':>10s} {'n':>4s}"
    ]
    for name, n_nps, nps, low, high, n_csat, csat, n_ces, ces in rows:
        ci = f"[{_fmt(low, True, 0)}, {_fmt(high, True, 0)}]" if nps is not None else "-"
        lines.append(
            f"  {name:14s} {_fmt(nps, True)} {ci:>15s} {n_nps or 0:5d}   {_fmt(csat)} "
            f"{n_csat or 0:4d}   {_fmt(ces, width=10)} {n_ces or 0:4d}"
        )
    return lines


def _all_row(con: duckdb.DuckDBPyConnection, table: str, columns: str, month: str) -> tuple:
    rows = con.execute(
        f"select {columns} from {table} where period_grain = 'month' and period_start = ?"
        " and dimension = 'all'",
        [month],
    ).fetchall()
    return rows[0] if rows else (None,) * len(columns.split(","))


def crm_lines(con: duckdb.DuckDBPyConnection, month: str) -> list[str]:
    start, new, churned, end, churn, retention = _all_row(
        con,
        "cx__customer_churn",
        "customers_at_start, new_customers, churned_customers, customers_at_end,"
        " churn_rate_pct, retention_rate_pct",
        month,
    )
    created, first_response, resolution, fcr = _all_row(
        con,
        "cx__service_levels",
        "tickets_created, median_first_response_minutes, median_resolution_hours, fcr_pct",
        month,
    )
    (index,) = _all_row(con, "cx__cx_index", "cx_index", month)
    segments = con.execute(
        "select dimension_value, cx_index from cx__cx_index where period_grain = 'month'"
        " and period_start = ? and dimension = 'segment' order by cx_index desc nulls last",
        [month],
    ).fetchall()
    queue = dict(
        con.execute(
            "select status, count(*) from cx__feedback_followups group by status"
        ).fetchall()
    )
    return [
        f"  Churn           {_fmt(churn)} %   ({churned} of {start} customers at the start;"
        f" {new} new, {end} at the end)",
        f"  Retention       {_fmt(retention)} %   ((end - new) / start)",
        f"  First response  {_fmt(first_response)} min median   Resolution"
        f" {_fmt(resolution)} h median   ({created} tickets)",
        f"  First-contact resolution {_fmt(fcr)} %",
        f"  CX index        {_fmt(index)}    by segment: "
        + ", ".join(f"{name} {_fmt(value, width=0)}" for name, value in segments),
        f"  Close the loop  {queue.get('open', 0)} open, {queue.get('overdue', 0)} overdue,"
        f" {queue.get('closed', 0)} closed (all negative answers)",
    ]


def activity_lines(con: duckdb.DuckDBPyConnection, month: str) -> list[str]:
    """Churn without subscriptions (orders), when the project has the input: the month's
    activity churn, and the repeat rate of the latest month that is final."""
    try:
        start, churned, returning, churn, final = _all_row(
            con,
            "cx__activity_churn",
            "customers_at_start, churned_customers, returning_customers, churn_rate_pct, is_final",
            month,
        )
    except duckdb.CatalogException:
        return []
    settled = con.execute(
        "select period_start, repeat_purchase_rate_pct, new_customers from cx__activity_churn"
        " where period_grain = 'month' and dimension = 'all' and is_final"
        " order by period_start desc limit 1"
    ).fetchall()
    lines = [
        f"  Activity churn  {_fmt(churn)} %   ({churned} of {start} active customers lapsed;"
        f" {returning} came back; {'final' if final else 'not final: the window is open'})"
    ]
    if settled:
        at, repeat, new = settled[0]
        lines.append(
            f"  Repeat rate     {_fmt(repeat)} %   ({new} new customers of {str(at)[:7]},"
            " the latest final month)"
        )
    return lines


def input_lines(con: duckdb.DuckDBPyConnection) -> list[str]:
    rejected = dict(
        con.execute("select source_table, count(*) from cx__rejected_records group by 1").fetchall()
    )
    # An input switched off has no staging relation (a table of its name may be another one's);
    # staging has a schema of its own (<target schema>_cx_staging by default).
    staged = {
        name
        for (name,) in con.execute(
            "select table_name from information_schema.tables"
            " where table_name like 'stg\\_cx\\_\\_%' escape '\\'"
        ).fetchall()
    }
    # An input read from connectors is the view stacking them (docs/connectors.md).
    stacked = dict(
        con.execute(
            "select table_name, table_schema from information_schema.tables"
            " where table_name like 'base\\_cx\\_\\_%\\_sources' escape '\\'"
        ).fetchall()
    )
    lines = []
    for table in INPUTS:
        if f"stg_cx__{table}" not in staged:
            continue
        view = f"base_cx__{table}_sources"
        relation = f'"{stacked[view]}".{view}' if view in stacked else table
        total = con.execute(f"select count(*) from {relation}").fetchone()[0]
        bad = rejected.get(table, 0)
        lines.append(
            f"  {table:20s} {total:>8,d} rows, {total - bad:>8,d} accepted, "
            f"{bad:>5,d} rejected (see cx__rejected_records)"
        )
    return lines


def render(path: Path) -> str:
    # Same configuration as dbt-duckdb's in-process connection, which may still be open.
    con = duckdb.connect(str(path))
    try:
        month = latest_month(con)
        out = [
            "Inputs (demo data):",
            *input_lines(con),
            "",
            f"Survey metrics, latest full month ({month[:7]}):",
            *survey_lines(con, month),
            "",
            f"Customers and service, {month[:7]}:",
            *crm_lines(con, month),
            *activity_lines(con, month),
        ]
    finally:
        con.close()
    out += [
        "",
        f"Metric tables (cx__*) are in the DuckDB file {path}",
        "Open it with any DuckDB client or BI tool, e.g. duckdb " + str(path),
    ]
    return "\n".join(out)
