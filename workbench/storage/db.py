"""Opening a database: the engine, SQLite pragmas, and migrations applied on open."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlmodel import Session, create_engine

from workbench.config import resolve_db_url
from workbench.errors import DatabaseError
from workbench.resources import migrations_dir


def redact(url: str) -> str:
    """The URL with any password hidden, fit for an error message."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


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
        self.engine = _make_engine(self.url)
        self.dialect = self.engine.dialect.name
        if migrate:
            self.migrate()

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
                if self._at_head(conn):
                    return
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
            raise DatabaseError(f"cannot open database {redact(self.url)}: {_first_line(exc)}") from exc
        except SQLAlchemyError as exc:
            raise DatabaseError(f"cannot prepare database {redact(self.url)}: {_first_line(exc)}") from exc

    @staticmethod
    def _at_head(conn: Any) -> bool:
        try:
            found = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
        except SQLAlchemyError:
            found = []  # a new database (or not one of ours: Alembic says which)
        conn.rollback()
        return bool(found == [HEAD_REVISION])

    def table_names(self) -> list[str]:
        return inspect(self.engine).get_table_names()

    def dispose(self) -> None:
        self.engine.dispose()


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__


def _make_engine(url: str) -> Engine:
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
    if backend == "sqlite":
        db = parsed.database
        if db and db != ":memory:":
            path = Path(db).expanduser()
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(f"cannot create {path.parent}: {exc.strerror}") from exc
            if path.is_dir():
                raise DatabaseError(f"{path} is a directory, not a database file")
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
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


HEAD_REVISION = "0008"  # the newest migration under db/versions (a test checks they agree)


def alembic_config() -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg
