"""The writer of ingest: articles and their claims stored a group of articles a transaction, each
article whole, through the driver's own cursor."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import DataError, IntegrityError
from sqlmodel import Session

from workbench.ingest.loaders import LoadError
from workbench.ingest.pipeline import PreparedArticle
from workbench.ingest.report import IngestReport, first_line
from workbench.ingest.seen_before import ClaimKeys, link_seen_before
from workbench.services.sources import SourceCache
from workbench.storage.models import Article, utcnow

_ARTICLE = Article.__table__


GROUP_ARTICLES = 64  # articles committed together at most...
GROUP_SECONDS = 0.25  # ...and at the latest this long after the first of them, so others can write


class ArticleGroup:
    """Articles stored in one transaction, each one whole, committed together: a commit costs
    more than storing an article. If one of them fails, the group is rolled back; when it failed
    because another writer stored the same article meanwhile, the group is stored again one
    article a transaction, that one counted as a duplicate."""

    def __init__(self, session: Session, cache: SourceCache, keyring: ClaimKeys, report: IngestReport,
                 refuse: Callable[[LoadError], None], same_database: Callable[[], None]) -> None:
        self.session, self.cache, self.keyring, self.report = session, cache, keyring, report
        self.refuse, self.same_database = refuse, same_database
        self.members: list[tuple[PreparedArticle, int]] = []
        self.started = 0.0
        self.mark = 0
        self.flushed = 0  # articles stored when the keys were last written
        dbapi = session.get_bind().dialect.loaded_dbapi
        self.integrity: tuple[type[BaseException], ...] = (IntegrityError, dbapi.IntegrityError)
        # What one article's values can cause: text the driver cannot encode (a lone surrogate),
        # a value the database refuses (PostgreSQL and NUL). Not the database failing.
        self.bad_data: tuple[type[BaseException], ...] = (DataError, dbapi.DataError, UnicodeError)

    def due(self) -> bool:
        return len(self.members) >= GROUP_ARTICLES or time.monotonic() - self.started >= GROUP_SECONDS

    def _begin(self) -> None:
        self.started, self.mark = time.monotonic(), self.keyring.mark()
        # In the group's own (write) transaction: a restore cannot come between this and the writes.
        self.same_database()

    def store(self, prepared: PreparedArticle) -> bool:
        """Store one article in the group; False if it was refused (one error line)."""
        if not self.members:
            self._begin()
        try:
            added = _store(self.session, prepared, self.cache, self.keyring)
        except self.integrity:
            return self._replay(prepared, None)
        except self.bad_data as exc:
            return self._replay(prepared, exc)
        except BaseException:
            self._rollback()
            self.members = []
            raise
        self._stored(prepared, added)
        return True

    def _replay(self, failed: PreparedArticle, exc: BaseException | None) -> bool:
        """After a failure the group's transaction is gone: its articles are stored again one a
        transaction. `exc` None: another writer stored one of them meanwhile (a lost race: that
        one is a duplicate); else `failed` itself cannot be stored, and is refused."""
        self._rollback()
        replay, self.members = [m for m, _ in self.members], []
        if exc is None:
            replay.append(failed)
        ok = True
        for p in replay:
            ok = self._store_alone(p)
        if exc is not None:
            self.refuse(LoadError(failed.item.origin, f"cannot be stored ({first_line(exc)})"))
            return False
        return ok

    def _stored(self, prepared: PreparedArticle, added: int) -> None:
        self.members.append((prepared, added))
        self.report.articles += 1
        self.report.claims += added

    def commit(self, quiet: bool = False) -> None:
        if not self.members:
            return
        try:
            self.session.commit()
        except BaseException:
            self._rollback()
            if not quiet:
                raise
        finally:
            self.members = []

    def _rollback(self) -> None:
        self.session.rollback()
        self.cache.forget()
        self.cache.preload(self.session)
        self.keyring.rollback_to(self.mark)
        self.report.articles -= len(self.members)
        self.report.claims -= sum(n for _, n in self.members)

    def _store_alone(self, prepared: PreparedArticle) -> bool:
        """A group of one, committed at once."""
        self._begin()
        try:
            added = _store(self.session, prepared, self.cache, self.keyring)
        except self.integrity:
            self._rollback()
            self.report.duplicates += 1
            return False
        except self.bad_data as exc:
            self._rollback()
            self.refuse(LoadError(prepared.item.origin, f"cannot be stored ({first_line(exc)})"))
            return False
        self._stored(prepared, added)
        self.commit()
        return True

    def abandon(self) -> None:
        """The database failed: the open group cannot be committed; forget it."""
        with contextlib.suppress(Exception):
            self._rollback()
        self.members = []


_ARTICLE_COLS = ("content_hash", "title", "text", "language", "url", "author", "published", "feed_source",
                 "publisher_id", "publisher_mention", "origin", "encoding", "ingested_at")
_CLAIM_COLS = ("article_id", "seq", "start", "end", "text", "attributed", "source_id", "source_kind", "mention",
               "mention_start", "mention_end", "cue", "rests_on_media", "checkworthiness", "features", "status",
               "version", "norm", "attribution_confidence")


class _Sql:
    """The three statements of the hot path, written once for the database at hand and sent
    straight to the driver: an article is stored with a few microseconds of overhead, not a few
    hundred. Values of typed columns (dates) go through SQLAlchemy's own bind processors."""

    def __init__(self, conn: Any) -> None:
        dialect = conn.dialect
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        prep = dialect.identifier_preparer

        def cols(names: tuple[str, ...]) -> str:
            return ", ".join(prep.quote(n) for n in names)

        self.insert_article = (f"INSERT INTO article ({cols(_ARTICLE_COLS)}) VALUES "
                               f"({', '.join([mark] * len(_ARTICLE_COLS))}) RETURNING id")
        self.insert_claims = (f"INSERT INTO claim ({cols(_CLAIM_COLS)}) VALUES "
                              f"({', '.join([mark] * len(_CLAIM_COLS))})")
        self.claim_ids = f"SELECT id FROM claim WHERE article_id = {mark} ORDER BY seq"
        bind = _ARTICLE.c.ingested_at.type.bind_processor(dialect)
        self.when = bind or (lambda v: v)


def _store(session: Session, prepared: PreparedArticle, cache: SourceCache, keyring: ClaimKeys) -> int:
    item, digest, text = prepared.item, prepared.digest, prepared.item.text
    conn = session.connection()
    sql = cache.sql if getattr(cache, "sql", None) is not None else _Sql(conn)
    cache.sql = sql
    pub = prepared.publisher
    publisher_id = cache.source_id_of(session, *pub[:5]) if pub else None
    # The driver's own cursor, in the session's transaction: the rows are plain values.
    cur = conn.connection.dbapi_connection.cursor()
    cur.execute(sql.insert_article, (
        digest, item.title or "", text, prepared.language, item.url, item.author, item.published,
        item.publisher, publisher_id, pub[4] if pub else None, item.origin, item.encoding, sql.when(utcnow()),
    ))
    article_id = cur.fetchone()[0]  # type: ignore[index]  # RETURNING gives one row
    rows = []
    source_id_of = cache.source_id_of
    for seq, (start, end, attributed, src, cue, media, worth, features, norm, confidence) in enumerate(prepared.claims):
        if src is None:
            sid = kind = mention = m_start = m_end = None
        else:
            sid, kind = source_id_of(session, *src[:5]), src[2]
            mention, m_start, m_end = (src[4], src[5], src[6]) if attributed else (None, None, None)
        rows.append((article_id, seq, start, end, text[start:end], attributed, sid, kind, mention, m_start, m_end,
                     cue, media, worth, features, "unchecked", 1, norm, confidence))
    if rows:
        cur.executemany(sql.insert_claims, rows)
        cur.execute(sql.claim_ids, (article_id,))
        ids = [r[0] for r in cur.fetchall()]
        link_seen_before(conn, cur, article_id, ids, prepared, keyring)
    return len(rows)
