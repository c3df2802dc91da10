"""Backups of a SQLite database with SQLite's online backup API: safe while the app is open and
others write (it copies a consistent snapshot, page by page). For PostgreSQL, use pg_dump.

A restore never leaves the database worse than it found it. The backup is checked where it lies
(a regular file, a SQLite database that passes its integrity check, one of ours, at a schema this
version knows), copied beside the target and upgraded there, checked again, and only then copied
over the target in one step of the backup API: one write transaction, so other connections see
the old database or the new one, and a failure part-way leaves the old one. The restored database
gets a new generation number (see `ingest.database_generation`): an ingest still running on the
old one notices before its next write and stops with one line.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from sqlalchemy.engine import make_url

from workbench.errors import WorkbenchError
from workbench.files import check_regular
from workbench.storage.db import Database, check_revisions

_MAX_BACKUP_BYTES = 1 << 44  # 16 TiB: the size check here is only about what kind of file it is


def _sqlite_path(db: Database) -> Path:
    url = make_url(db.url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise WorkbenchError(f"backup and restore are for SQLite files; for {url.get_backend_name()} use pg_dump / pg_restore")
    return Path(url.database)


def backup(db: Database, target: Path, progress: Callable[[int, int], None] | None = None) -> int:
    """Copy the database to `target` (a new file); returns its size in bytes."""
    target = Path(target)
    if target.exists():
        raise WorkbenchError(f"{target} exists: choose a new file name")
    src_path = _sqlite_path(db)
    try:
        src = sqlite3.connect(f"file:{quote(str(src_path))}?mode=ro", uri=True)
        dst = sqlite3.connect(target)
        with dst:
            src.backup(dst, pages=256, progress=(lambda _s, rem, tot: progress(tot - rem, tot)) if progress else None)
        dst.close()
        src.close()
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise WorkbenchError(f"backup failed: {exc}") from exc
    return target.stat().st_size


def _check_backup(con: sqlite3.Connection, source: Path) -> None:
    """Integrity, tables and schema version of a backup, before anything is touched."""
    problems = [r[0] for r in con.execute("PRAGMA integrity_check(5)")]
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if problems != ["ok"]:
        raise WorkbenchError(f"{source}: damaged ({problems[0]}): not restored, nothing was changed")
    if not {"article", "claim", "alembic_version"} <= tables:
        raise WorkbenchError(f"{source}: not a workbench backup: not restored, nothing was changed")
    found = [str(r[0]) for r in con.execute("SELECT version_num FROM alembic_version")]
    check_revisions(found, f"the backup {source}")


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def restore(db: Database, source: Path) -> None:
    """Replace the database's contents with a backup (see the module's docstring)."""
    source = Path(source)
    target = _sqlite_path(db)
    check_regular(source, _MAX_BACKUP_BYTES)  # a pipe or a device is refused unread
    try:
        src = sqlite3.connect(f"file:{quote(str(source.resolve()))}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise WorkbenchError(f"{source}: cannot open ({exc})") from exc
    staged = target.with_name(f".{target.name}.restoring-{os.getpid()}")
    try:
        try:
            _check_backup(src, source)
            _remove(staged)
            copy = sqlite3.connect(staged)
            with copy:
                src.backup(copy)
            copy.close()
        except sqlite3.Error as exc:
            raise WorkbenchError(f"{source}: not a SQLite database, or unreadable ({exc}): nothing was changed") from exc
        finally:
            src.close()
        # Upgrade the copy (a backup from an older version), never the target.
        Database(f"sqlite:///{staged}").dispose()
        current = _generation(target)
        generation = current
        while generation == current:
            generation = random.SystemRandom().randrange(1, 2**31)
        ready = sqlite3.connect(staged, isolation_level=None)
        try:
            ready.execute(f"PRAGMA user_version = {generation}")
            ready.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            if [r[0] for r in ready.execute("PRAGMA integrity_check(1)")] != ["ok"] or ready.execute(
                    "PRAGMA foreign_key_check").fetchone() is not None:
                raise WorkbenchError(f"{source}: damaged after upgrading: not restored, nothing was changed")
            db.dispose()
            dst = sqlite3.connect(target, timeout=30)
            try:
                ready.backup(dst)  # every page in one step: one transaction on the target
            except sqlite3.Error as exc:
                raise WorkbenchError(f"restore failed, the database is as it was: {exc}") from exc
            finally:
                dst.close()
        finally:
            ready.close()
    finally:
        _remove(staged)


def _generation(path: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
        try:
            return int(con.execute("PRAGMA user_version").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0
