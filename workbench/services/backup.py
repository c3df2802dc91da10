"""Backups of a SQLite database with SQLite's online backup API: safe while the app is open and
others write (it copies a consistent snapshot, page by page). For PostgreSQL, use pg_dump."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import make_url

from workbench.errors import WorkbenchError
from workbench.storage.db import Database


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
        src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True)
        dst = sqlite3.connect(target)
        with dst:
            src.backup(dst, pages=256, progress=(lambda _s, rem, tot: progress(tot - rem, tot)) if progress else None)
        dst.close()
        src.close()
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise WorkbenchError(f"backup failed: {exc}") from exc
    return target.stat().st_size


def restore(db: Database, source: Path) -> None:
    """Replace the database's contents with a backup (after checking it is one of ours)."""
    source = Path(source)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        ok = src.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.Error as exc:
        raise WorkbenchError(f"{source}: not a SQLite database ({exc})") from exc
    if not ok or not {"article", "claim", "alembic_version"} <= tables:
        src.close()
        raise WorkbenchError(f"{source}: not a workbench backup (or damaged)")
    db.dispose()
    dst = sqlite3.connect(_sqlite_path(db))
    try:
        with dst:
            src.backup(dst)
    except sqlite3.Error as exc:
        raise WorkbenchError(f"restore failed: {exc}") from exc
    finally:
        src.close()
        dst.close()
    db.migrate()  # a backup from an older version is brought up to date
