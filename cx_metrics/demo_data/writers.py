"""Write generated data as the demo seed CSVs or as Parquet files at any size."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from cx_metrics.demo_data.bad_rows import with_bad_rows
from cx_metrics.demo_data.generator import DemoConfig, iter_chunks

TABLES = ("survey_responses", "customers", "support_tickets", "feedback_followups")


def iter_tables(config: DemoConfig) -> Iterator[dict[str, pd.DataFrame]]:
    """Each chunk's four tables; the bad rows go into the first chunk, so every size has the
    same few dozen of each kind."""
    for index, chunk in enumerate(iter_chunks(config)):
        tables = {table: getattr(chunk, table) for table in TABLES}
        if index == 0:
            for table, count in config.bad_rows.items():
                if count:
                    tables[table] = with_bad_rows(table, tables[table], count, config.seed)
        yield tables


def write_csv(config: DemoConfig, out_dir: Path, prefix: str = "") -> dict[str, int]:
    """Write the four inputs as CSV files named ``<prefix><table>.csv``; returns rows per table.
    Holds everything in memory: meant for seed-sized data (use Parquet for volume)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    chunks = list(iter_tables(config))
    counts = {}
    for table in TABLES:
        frame = pd.concat([chunk[table] for chunk in chunks], ignore_index=True)
        frame.to_csv(out_dir / f"{prefix}{table}.csv", index=False, lineterminator="\n")
        counts[table] = len(frame)
    return counts


def write_parquet(config: DemoConfig, out_dir: Path) -> dict[str, int]:
    """Write the four inputs as Parquet, one row group per chunk, in bounded memory."""
    out_dir.mkdir(parents=True, exist_ok=True)
    writers: dict[str, pq.ParquetWriter] = {}
    counts = dict.fromkeys(TABLES, 0)
    try:
        for chunk in iter_tables(config):
            for table, frame in chunk.items():
                schema = pa.schema([(column, pa.string()) for column in frame.columns])
                if table not in writers:
                    writers[table] = pq.ParquetWriter(
                        out_dir / f"{table}.parquet", schema, compression="zstd"
                    )
                writers[table].write_table(
                    pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
                )
                counts[table] += len(frame)
    finally:
        for writer in writers.values():
            writer.close()
    return counts
