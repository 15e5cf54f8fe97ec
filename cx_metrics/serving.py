"""The serving copy: the published marts in a file any BI tool can open.

DuckDB 2.0 writes files that DuckDB 1.x clients (the JDBC/ODBC drivers, @duckdb/node-api,
Metabase's and Cube's drivers) cannot read. After a refresh passed, every ``cx__`` relation
(views become tables) is copied into a second file written in an older storage format
($CX_SERVING_STORAGE_VERSION, default v1.4.0, which DuckDB 1.4 and newer read), and,
optionally, into Parquet files (one folder per refresh, a ``latest`` pointer written last).
Both are written from the live file once it was swapped in (readers see the new live file
without waiting for them), and each becomes current with one rename.

Settings (environment):
- CX_SERVING_PATH: the serving file (default ``<live name>_serving.duckdb`` beside the live
  file); ``none`` switches it off.
- CX_SERVING_STORAGE_VERSION: its DuckDB storage version (default v1.4.0).
- CX_SERVING_PARQUET_DIR: also write Parquet under this folder (default: no Parquet).
- CX_SERVING_PARQUET_KEEP: how many refreshes' Parquet folders to keep (default 3).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from cx_metrics.publish import fsync_dir, fsync_file, remove, sibling, wal_of

DEFAULT_STORAGE_VERSION = "v1.4.0"
LATEST = "latest"
RELATIONS_SQL = (
    "select table_schema, table_name from information_schema.tables"
    " where table_catalog = current_database() and table_name like 'cx\\_\\_%' escape '\\'"
    " order by table_schema, table_name"
)


@dataclass(frozen=True)
class ServingSettings:
    path: Path | None
    storage_version: str = DEFAULT_STORAGE_VERSION
    parquet_dir: Path | None = None
    parquet_keep: int = 3

    @classmethod
    def from_env(cls, live: Path) -> ServingSettings:
        configured = os.environ.get("CX_SERVING_PATH")
        if configured is None:
            path: Path | None = live.with_name(f"{live.stem}_serving.duckdb")
        else:
            path = None if configured.lower() in ("", "none") else Path(configured).resolve()
        parquet = os.environ.get("CX_SERVING_PARQUET_DIR")
        return cls(
            path=path,
            storage_version=os.environ.get("CX_SERVING_STORAGE_VERSION", DEFAULT_STORAGE_VERSION),
            parquet_dir=Path(parquet).resolve() if parquet else None,
            parquet_keep=int(os.environ.get("CX_SERVING_PARQUET_KEEP", "3")),
        )

    def describe(self) -> dict[str, str]:
        """What a refresh writes besides the live file (for its output and Dagster metadata)."""
        written = {}
        if self.path:
            written["serving_copy"] = f"{self.path} ({self.storage_version})"
        if self.parquet_dir:
            written["parquet"] = str(self.parquet_dir / LATEST)
        return written

    def write_from(self, published: Path) -> None:
        """Write the serving file and the Parquet folder from the published file (opened
        read-only, beside its readers) under names no reader looks at, then make each current
        with one rename."""
        staged_file = sibling(self.path, ".tmp") if self.path else None
        run = None
        con = duckdb.connect(str(published), read_only=True)
        try:
            relations = con.execute(RELATIONS_SQL).fetchall()
            if staged_file:
                self._stage_file(con, relations, staged_file)
            if self.parquet_dir:
                run = self._run_folder()
                self._stage_parquet(con, relations, run)
        except BaseException:
            _discard(staged_file, run)
            raise
        finally:
            con.close()
        if staged_file and self.path:
            if self.path.exists():
                shutil.copymode(self.path, staged_file)  # readers keep their permissions
            os.replace(staged_file, self.path)
            fsync_dir(self.path.parent)
        if run:
            self._point_latest(run)

    def _stage_file(self, con: duckdb.DuckDBPyConnection, relations: list, staged: Path) -> None:
        remove(staged, wal_of(staged))
        staged.parent.mkdir(parents=True, exist_ok=True)
        source = con.execute("select current_database()").fetchone()[0]
        # read_write: a read-only connection would attach it read-only too
        con.execute(
            f"attach '{staged}' as cx_serving"
            f" (storage_version '{self.storage_version}', read_write)"
        )
        try:
            for schema in sorted({s for s, _ in relations}):
                con.execute(f'create schema if not exists cx_serving."{schema}"')
            for schema, name in relations:
                con.execute(
                    f'create table cx_serving."{schema}"."{name}" as'
                    f' select * from "{source}"."{schema}"."{name}"'
                )
        finally:
            con.execute("detach cx_serving")
        fsync_file(staged)

    def _run_folder(self) -> Path:
        assert self.parquet_dir is not None
        run = self.parquet_dir / "runs" / datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        run.mkdir(parents=True)
        return run

    def _stage_parquet(self, con: duckdb.DuckDBPyConnection, relations: list, run: Path) -> None:
        for schema, name in relations:
            target = run / f"{name}.parquet"
            con.execute(
                f'copy (select * from "{schema}"."{name}") to \'{target}\' (format parquet)'
            )
            fsync_file(target)
        fsync_dir(run)

    def _point_latest(self, run: Path) -> None:
        """``latest`` (a symlink) and ``LATEST`` (its target as text, for tools that do not
        follow links) both name the new run, each replaced with one rename; older runs
        beyond the newest few are removed."""
        assert self.parquet_dir is not None
        relative = run.relative_to(self.parquet_dir)
        link = self.parquet_dir / LATEST
        staged_link = sibling(link, ".tmp")
        remove(staged_link)
        staged_link.symlink_to(relative, target_is_directory=True)
        os.replace(staged_link, link)
        text = self.parquet_dir / "LATEST"
        sibling(text, ".tmp").write_text(f"{relative}\n")
        os.replace(sibling(text, ".tmp"), text)
        fsync_dir(self.parquet_dir)
        runs = sorted((p for p in run.parent.iterdir() if p.is_dir()), reverse=True)
        for old in runs[self.parquet_keep :]:
            if old != run:
                shutil.rmtree(old, ignore_errors=True)


def _discard(staged_file: Path | None, run: Path | None) -> None:
    if staged_file:
        remove(staged_file, wal_of(staged_file))
    if run:
        shutil.rmtree(run, ignore_errors=True)
