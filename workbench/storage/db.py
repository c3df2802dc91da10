"""Opening a database: the engine, SQLite pragmas, and migrations applied on open.

Opening never harms what it opens: a database written by a newer workbench (a migration this
version does not know) is refused with one line before anything is changed; a SQLite file we may
not write (a read-only file system, a file without write permission) is opened read-only, so
reading works and writing says why it cannot; a SQLite file is created only in a folder that
exists (the default file in the data directory excepted), and `created` says it was made.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlmodel import Session, create_engine

from workbench.config import default_db_path, resolve_db_url
from workbench.errors import DatabaseError
from workbench.resources import migrations_dir


def redact(url: str) -> str:
    """The URL with any password hidden, fit for an error message. The password runs to the
    last `@` (one holding an unescaped `@` is hidden whole, not cut at its first)."""
    return re.sub(r"(://[^:/@]*:).*@", r"\1***@", url, count=1)


CACHE_KB = 8192  # SQLite's page cache per connection: the app reads pages of claims, it does not hold them
BULK_CACHE_KB = 65536  # while ingesting: the indexes' pages stay in memory


@contextmanager
def bulk_cache(conn: Any) -> Iterator[None]:
    """A larger page cache on this connection for a long write (SQLite; nothing elsewhere), given
    back afterwards so a pooled connection does not keep it."""
    if conn.dialect.name != "sqlite":
        yield
        return
    raw = conn.connection.dbapi_connection
    raw.execute(f"PRAGMA cache_size=-{BULK_CACHE_KB}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA cache_size=-{CACHE_KB}")


def _sqlite_pragmas_read_only(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA query_only=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute(f"PRAGMA cache_size=-{CACHE_KB}")
    cur.close()


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, say where transactions begin: the module would
    # otherwise commit DDL on its own, and a failed migration could leave half a schema behind.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA wal_autocheckpoint=4000")  # pages: fewer, larger checkpoints while ingesting
    cur.execute(f"PRAGMA cache_size=-{CACHE_KB}")  # per connection; ingest asks for more (see `bulk_cache`)
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    # A read-then-write unit of work asks for the write lock at once ("immediate"): otherwise two
    # writers that both read first could not both upgrade, and one would fail instead of waiting.
    immediate = conn.get_execution_options().get("sqlite_immediate")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Database:
    """One database, by URL. Sessions are opened per unit of work with `session()`."""

    def __init__(self, url: str | None = None, *, migrate: bool = True) -> None:
        self.url = resolve_db_url(url)
        opened = _make_engine(self.url)
        self.engine, self.read_only, self.created = opened.engine, opened.read_only, opened.created
        self._password = opened.password
        self.dialect = self.engine.dialect.name
        if migrate:
            try:
                self.migrate()
            except BaseException:
                self.engine.dispose()
                if self.created:  # nothing of ours was made: leave no empty file behind
                    opened.remove_created()
                raise

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A unit of work. `write=True` for one that reads and then writes what it read (on SQLite it
        takes the write lock when it begins, so concurrent writers queue instead of failing)."""
        bind = self.engine.execution_options(sqlite_immediate=True) if write and self.dialect == "sqlite" else self.engine
        with Session(bind, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def bulk_session(self) -> Iterator[Session]:
        """A write session for a long run of transactions (ingest), kept on one connection that
        has a larger page cache meanwhile."""
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                conn.execution_options(sqlite_immediate=True)
            with bulk_cache(conn), Session(conn, expire_on_commit=False) as session:
                yield session

    def begin_write(self) -> Any:
        """`engine.begin()` for a read-then-write unit of work (see `session(write=True)`)."""
        eng = self.engine.execution_options(sqlite_immediate=True) if self.dialect == "sqlite" else self.engine
        return eng.begin()

    def migrate(self) -> None:
        """Bring the schema to the newest migration. A database already there is recognised by
        one query, without loading Alembic (a tenth of the app's start-up time and memory)."""
        try:
            with self.engine.connect() as conn:
                found = self._revisions(conn)
                if found == [HEAD_REVISION]:
                    return
                check_revisions(found, redact(self.url))
                if self.read_only:
                    raise DatabaseError(
                        f"{redact(self.url)} is read-only and at an older schema (revision "
                        f"{', '.join(found) or 'none'}): it cannot be upgraded where it is; copy it somewhere writable")
                from alembic import command

                raw = conn.connection.driver_connection if self.dialect == "sqlite" else None
                if raw is not None:
                    # SQLite alters a table by copying it; foreign keys must be off meanwhile, and
                    # can only be switched outside a transaction. They are checked afterwards.
                    raw.execute("PRAGMA foreign_keys=OFF")
                with conn.begin():
                    cfg = alembic_config()
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")
                if raw is not None:
                    problems = raw.execute("PRAGMA foreign_key_check").fetchall()
                    raw.execute("PRAGMA foreign_keys=ON")
                    if problems:
                        raise DatabaseError(f"{redact(self.url)}: {len(problems)} broken references after upgrading")
        except OperationalError as exc:
            raise DatabaseError(f"cannot open database {redact(self.url)}: {self._scrub(_first_line(exc))}") from exc
        except SQLAlchemyError as exc:
            raise DatabaseError(f"cannot prepare database {redact(self.url)}: {self._scrub(_first_line(exc))}") from exc

    def _scrub(self, message: str) -> str:
        """A driver's message with the password taken out, should it quote it."""
        return message.replace(self._password, "***") if self._password else message

    @staticmethod
    def _revisions(conn: Any) -> list[str]:
        """The migrations the database says it is at (none for a new database)."""
        try:
            found = [str(v) for v in conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()]
        except SQLAlchemyError:
            found = []  # a new database (or not one of ours: Alembic says which)
        conn.rollback()
        return found

    def table_names(self) -> list[str]:
        return inspect(self.engine).get_table_names()

    def dispose(self) -> None:
        self.engine.dispose()


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__


class _Opened:
    def __init__(self, engine: Engine, read_only: bool, created: Path | None, password: str | None) -> None:
        self.engine, self.read_only, self.password = engine, read_only, password
        self._created = created

    @property
    def created(self) -> bool:
        return self._created is not None

    def remove_created(self) -> None:
        if self._created is not None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self._created}{suffix}").unlink(missing_ok=True)


def _netloc(url: str) -> str:
    rest = url.partition("://")[2]
    return re.split(r"[/?]", rest, maxsplit=1)[0]


def _sqlite_writable(path: Path) -> bool:
    """Can we write this database (and the journal files beside it)? A read-only file system
    says no even to root."""
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(path.parent, os.W_OK)


def _make_engine(url: str) -> _Opened:
    if _netloc(url).count("@") > 1:
        raise DatabaseError(f"the database URL has more than one '@' before the host ({redact(url)}): "
                            "write an '@' in the user name or password as %40")
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"not a database URL: {redact(url)} (expected sqlite:///PATH or postgresql+psycopg://…)") from exc
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseError(f"unsupported database {backend!r} in {redact(url)}: use sqlite:/// or postgresql+psycopg://")
    if backend == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    kwargs: dict[str, Any] = {}
    read_only, created = False, None
    if backend == "sqlite":
        db = parsed.database
        if db and db != ":memory:" and not parsed.query.get("uri"):
            path = Path(db).expanduser()
            if path.is_dir():
                raise DatabaseError(f"{path} is a folder, not a database file")
            if not path.parent.is_dir():
                # (the app's own data folder, where the default and the demo databases live, is made)
                if path.parent != default_db_path().parent:
                    raise DatabaseError(f"no folder {path.parent}: a new database is made only in a folder "
                                        "that exists (check the path, or make the folder first)")
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise DatabaseError(f"cannot create {path.parent}: {exc.strerror}") from exc
            if not path.exists():
                created = path
            elif not _sqlite_writable(path):
                # Read what we cannot write. Where nobody can write the folder either (a read-only
                # file system), SQLite may not even make its shared-memory file: `immutable`.
                read_only = True
                wal = Path(f"{path}-wal")
                pending = wal.exists() and wal.stat().st_size > 0  # commits not yet in the file: read them
                mode = "ro" if pending or os.access(path.parent, os.W_OK) else "ro&immutable=1"
                from urllib.parse import quote

                parsed = make_url(f"sqlite:///file:{quote(str(path.resolve()))}?mode={mode}&uri=true")
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 10}
    else:
        kwargs["pool_pre_ping"] = True
        kwargs["connect_args"] = {"connect_timeout": 5}
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise DatabaseError(
            f"no driver for {redact(url)}: install the postgres extra (pip install 'workbench[postgres]')"
        ) from exc
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas_read_only if read_only else _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return _Opened(engine, read_only, created, parsed.password if isinstance(parsed.password, str) else None)


def known_revisions() -> list[str]:
    """The migrations this version knows, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def check_revisions(found: list[str], where: str) -> None:
    """Refuse a database stamped with a migration this version does not know: a newer workbench
    wrote it, and upgrading or reading it with this one could only do harm."""
    unknown = [r for r in found if r not in known_revisions()]
    if unknown:
        raise DatabaseError(
            f"this database was written by a newer workbench (revision {', '.join(unknown)}; this one knows up "
            f"to {HEAD_REVISION}): upgrade workbench to use it ({where}; nothing was changed)")


HEAD_REVISION = "0011"  # the newest migration under db/versions (a test checks they agree)


def alembic_config() -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg
