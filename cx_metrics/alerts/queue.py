"""The close-the-loop items an alert round looks at: open negative answers of the last
CX_ALERT_MAX_AGE_HOURS, read from cx__feedback_followups through dbt (any target)."""

from __future__ import annotations

import contextlib
import io
import shutil
from datetime import datetime
from typing import Any

from cx_metrics.project import DbtSettings, close_duckdb_in_process, own_target_folder, run_dbt

# The comment leaves the warehouse only when var cx_alert_include_comment is true.
QUEUE_SQL = """
select
    response_id, customer_id, survey_type, score, touchpoint, segment, program, owner,
    alert_destination, escalation_destination, responded_at, follow_up_due_at,
    {% if var('cx_alert_include_comment', false) -%} comment
    {%- else -%} cast(null as {{ dbt.type_string() }})
    {%- endif %} as comment
from {{ ref('cx_metrics', 'cx__feedback_followups') }}
where followed_up_at is null
    and responded_at >= cast('$since' as {{ dbt.type_timestamp() }})
"""


class QueueError(Exception):
    """The queue could not be read (not built yet, or the target is unreachable)."""


def open_items(settings: DbtSettings, since: datetime) -> list[dict[str, Any]]:
    """Negative answers since `since` (UTC) without a follow-up, one dict per answer."""
    sql = QUEUE_SQL.replace("$since", since.strftime("%Y-%m-%d %H:%M:%S"))
    # With the last parse: a full parse was about 6 s of the round's 11 s at 10M.
    folder = own_target_folder(settings.project_dir, "cx_alerts_show_")
    args = ["show", "--inline", sql, "--limit", "-1", "--quiet", "--target-path", str(folder)]
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # dbt show also prints the rows
            result = run_dbt([*args, *settings.project_options(), *settings.options()])
    finally:
        close_duckdb_in_process()
        shutil.rmtree(folder, ignore_errors=True)
    if not result.success:
        raise QueueError(f"reading cx__feedback_followups failed: {result.exception}")
    table = result.result.results[0].agate_table
    rows = [dict(zip(table.column_names, row, strict=True)) for row in table.rows]
    for row in rows:  # agate gives Decimal; the ledger stores a double
        row["score"] = float(row["score"]) if row["score"] is not None else None
    return rows
