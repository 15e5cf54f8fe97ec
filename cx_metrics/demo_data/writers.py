"""Write generated data as the demo seed CSVs or as Parquet files at any size."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from cx_metrics.demo_data.bad_rows import with_bad_rows
from cx_metrics.demo_data.generator import DemoConfig, iter_chunks

TABLES = ("survey_responses", "customers", "support_tickets", "feedback_followups")


def write_csv(config: DemoConfig, out_dir: Path, prefix: str = "") -> dict[str, int]:
    """Write the four inputs as CSV files named ``<prefix><table>.csv``; returns rows per table."""
    out_dir.mkdir(parents=True, exist_ok=True)
    chunks = list(iter_chunks(config))
    counts = {}
    for table in TABLES:
        frame = pd.concat([getattr(c, table) for c in chunks], ignore_index=True)
        bad = config.bad_rows.get(table, 0)
        if bad:
            frame = with_bad_rows(table, frame, bad, config.seed)
        frame.to_csv(out_dir / f"{prefix}{table}.csv", index=False, lineterminator="\n")
        counts[table] = len(frame)
    return counts


def write_parquet(config: DemoConfig, out_dir: Path) -> dict[str, int]:
    """Write the four inputs as Parquet, one row group per chunk, in bounded memory.

    Bad rows are added to the first chunk only, so every size has the same few dozen.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    schemas = {}
    writers: dict[str, pq.ParquetWriter] = {}
    counts = dict.fromkeys(TABLES, 0)
    try:
        for index, chunk in enumerate(iter_chunks(config)):
            for table in TABLES:
                frame = getattr(chunk, table)
                bad = config.bad_rows.get(table, 0)
                if index == 0 and bad:
                    frame = with_bad_rows(table, frame, bad, config.seed)
                if table not in writers:
                    schemas[table] = pa.schema([(c, pa.string()) for c in frame.columns])
                    writers[table] = pq.ParquetWriter(
                        out_dir / f"{table}.parquet", schemas[table], compression="zstd"
                    )
                arrow = pa.Table.from_pandas(frame, schema=schemas[table], preserve_index=False)
                writers[table].write_table(arrow)
                counts[table] += len(frame)
    finally:
        for writer in writers.values():
            writer.close()
    return counts
