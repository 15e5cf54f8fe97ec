"""Blue/green publishing of a DuckDB file: build on a copy, swap it in only when all passed.

A refresh takes an exclusive lock (``<live>.lock``), copies the live file to ``<live>.build``,
and builds and tests the copy while readers keep reading the live file read-only. When
everything passed, :meth:`BlueGreen.publish` checkpoints the copy, fsyncs it and renames it
onto the live path (atomic on POSIX), then fsyncs the folder; derived files (the serving copy)
are written from the published file after that. On any failure the copy is
removed and the live file is never touched; a copy left by a killed refresh is swept by the
next one, under the same lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb


class PublishError(RuntimeError):
    """A refresh cannot start or cannot publish; the message says why and what to do."""


def sibling(path: Path, suffix: str) -> Path:
    """path with suffix appended to its name (x.duckdb -> x.duckdb.build)."""
    return path.with_name(path.name + suffix)


def wal_of(path: Path) -> Path:
    """DuckDB's write-ahead log beside a database file."""
    return sibling(path, ".wal")


def refuse_wal(path: Path) -> None:
    """Refuse to go on while a write-ahead log sits beside path: a process holds it
    read-write, or one died before checkpointing it, and a swap would lose or mix its
    changes."""
    wal = wal_of(path)
    if wal.exists():
        raise PublishError(
            f"refusing to publish: {wal} sits beside {path.name}. Some process has {path.name}"
            " open read-write, or one stopped before it checkpointed. Close that writer (BI"
            " users must connect read-only), or open the file once read-write with DuckDB so"
            " that it replays and checkpoints the log, then refresh again."
        )


def fsync_file(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def fsync_dir(folder: Path) -> None:
    """Make a rename in folder durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def checkpoint(path: Path) -> None:
    """CHECKPOINT a database file and close it, so that all of it is in the file itself."""
    try:
        con = duckdb.connect(str(path))
    except duckdb.IOException as error:
        raise PublishError(
            f"refusing to publish: another process holds {path} ({error}); stop it first"
        ) from error
    try:
        con.execute("checkpoint")
    finally:
        con.close()


class BlueGreen:
    """One refresh of the DuckDB file at live: ``with BlueGreen(live) as bg:`` holds the lock
    and a fresh copy at ``bg.build``; ``bg.publish()`` swaps it in; leaving the block without
    publishing removes it."""

    def __init__(self, live: Path) -> None:
        self.live = live.resolve()
        self.build = sibling(self.live, ".build")
        self.lock_path = sibling(self.live, ".lock")
        self.lock_fd: int | None = None
        self.published = False
        self.published_before = False  # by publish_and_continue, earlier in this refresh

    def __enter__(self) -> BlueGreen:
        self.acquire()
        try:
            refuse_wal(self.live)
            self.sweep()
            if self.live.exists():
                self._copy_live()  # a copy, not a fresh file: incremental models go on from it
        except BaseException:
            self.release()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if not self.published:
                self.sweep()
        finally:
            self.release()

    def acquire(self) -> None:
        """The exclusive refresh lock, or fail at once: two refreshes never share a copy."""
        self.live.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise PublishError(
                f"another refresh of {self.live} is running (it holds {self.lock_path});"
                " wait for it to finish"
            ) from None
        self.lock_fd = fd

    def release(self) -> None:
        if self.lock_fd is not None:
            os.close(self.lock_fd)  # closing the descriptor releases the flock
            self.lock_fd = None

    def _copy_live(self) -> None:
        shutil.copyfile(self.live, self.build)
        shutil.copymode(self.live, self.build)  # readers keep their permissions

    def sweep(self) -> None:
        """Remove what an unpublished (failed or killed) refresh left beside the live file."""
        remove(self.build, wal_of(self.build))

    def publish(self, derive: Callable[[Path], None] | None = None) -> None:
        """Swap the tested copy in. derive(live), when given, then writes the derived files
        (the serving copy) from the published file: the live file does not wait for them (the
        serving copy of 10M answers takes about 10 s)."""
        if not self.build.exists():
            raise PublishError(f"nothing to publish: {self.build} does not exist")
        checkpoint(self.build)
        refuse_wal(self.build)
        refuse_wal(self.live)
        fsync_file(self.build)
        os.replace(self.build, self.live)
        fsync_dir(self.live.parent)
        self.published = True
        if derive is None:
            return
        try:
            derive(self.live)
        except Exception as error:
            raise PublishError(
                f"{self.live} was published, but its serving files were not written ({error});"
                " they still hold the previous refresh, and the next refresh writes them again"
            ) from error

    def publish_and_continue(self) -> None:
        """Swap the tested copy in, then copy it back to build for the refresh's later steps
        (the lock stays held): what is built and tested so far is published without waiting
        for them; publish() later swaps in the rest."""
        self.publish()
        # Unpublished again before the copy: a copy that fails half-way is swept on exit.
        self.published = False
        self.published_before = True
        self._copy_live()
