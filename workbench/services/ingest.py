"""Ingesting articles: load, analyse, store — each article in its own transaction.

An article is keyed by the SHA-256 of its normalised text, so ingesting the same input again adds
nothing, whatever its encoding or diacritics. A bad file is reported and skipped; what is already
stored is never touched. One bad article never stops the batch: one that cannot be analysed or
stored is one error line, and the articles stored with it in its transaction are stored again
without it. When the database itself fails (a full disk, a lost server, the database restored
from a backup underneath), the run stops with one line and returns what it stored.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError
from sqlmodel import Session

from workbench.ingest.budget import AnalysisTooSlow, analysis_budget, time_limit
from workbench.ingest.loaders import LoadError, RawArticle, iter_articles
from workbench.services.sources import SourceCache, sync_registry
from workbench.sources.registry import Registry, default_registry
from workbench.storage.db import Database
from workbench.storage.models import Article, Claim, ClaimKey, stored_confidence, utcnow
from workbench.text.analyzer import SourceInfo, analyze
from workbench.text.normalize import fold
from workbench.text.similar import claim_keys, is_same_claim

_ARTICLE = Article.__table__
_CLAIM = Claim.__table__
_KEY = ClaimKey.__table__


@dataclass
class IngestReport:
    articles: int = 0
    claims: int = 0
    duplicates: int = 0
    errors: list[LoadError] = field(default_factory=list)
    warnings: list[LoadError] = field(default_factory=list)  # stored, with something to say (bad bytes)
    stopped: bool = False  # `should_stop` said so before the end
    failure: str | None = None  # why the run ended early when the database failed; also among the errors

    def summary(self) -> dict[str, int]:
        return {"articles": self.articles, "claims": self.claims, "duplicates": self.duplicates,
                "errors": len(self.errors)}


_INVISIBLE = re.compile("[\u0640\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+")


def content_hash(text: str) -> str:
    """The identity of an article: its text with whitespace collapsed and invisible characters
    (tatweel, zero-width and bidi marks, BOM) removed, so the same article from another encoding,
    crawl or line-wrapping is one article. Fast: a regular expression and a split, in C."""
    folded = " ".join(_INVISIBLE.sub("", text).split())
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()


# What the analysis of an article leaves for storing, in plain tuples: they cross from the worker
# processes in a fraction of the time dataclasses take, and the article's text does not cross back.
# A source: (key, canonical, kind, reliability, mention, start, end).
SourceT = tuple[str | None, str, str, str, str, int | None, int | None]
# A claim: (start, end, attributed, source, cue, rests_on_media, checkworthiness, features, norm,
# attribution_confidence).
ClaimT = tuple[int, int, bool, SourceT | None, str | None, bool, float, str, str, float | None]


@dataclass(slots=True)
class PreparedArticle:
    item: RawArticle
    digest: str
    language: str
    publisher: SourceT | None
    claims: list[ClaimT]
    keys: list[list[int]]  # blocking keys per claim


@dataclass(slots=True)
class Duplicate:
    """An article already stored (or met earlier in this batch): not analysed again."""

    digest: str


_Analysed = tuple[str, "SourceT | None", list[ClaimT], list[list[int]]]


def _source_t(src: SourceInfo) -> SourceT:
    return (src.key, src.canonical, src.kind, src.reliability, src.mention, src.start, src.end)


def _analyse(item: RawArticle, registry: Registry | None = None) -> _Analysed:
    """What storing needs of an article's analysis (its hash is taken before: see `prepared_stream`)."""
    analysis = analyze(item.text, registry or default_registry(), publisher_hint=item.publisher)
    sources: dict[int, SourceT] = {}  # one tuple per source object, so it is pickled once

    def src_t(src: SourceInfo | None) -> SourceT | None:
        if src is None:
            return None
        t = sources.get(id(src))
        if t is None:
            t = sources[id(src)] = _source_t(src)
        return t

    claims = [(c.start, c.end, c.attributed, src_t(c.source), c.cue, c.rests_on_media, c.checkworthiness,
               ",".join(c.features), c.norm, stored_confidence(c.attribution_confidence)) for c in analysis.claims]
    return (analysis.language, src_t(analysis.publisher), claims,
            [claim_keys(c[8]) for c in claims])


def _analyse_safely(item: RawArticle, registry: Registry | None = None) -> _Analysed | str:
    """The analysis, or why it failed: one article the analyzer chokes on (a bug, a recursion
    limit, a text that would take it minutes) is one error line, never the end of the batch."""
    budget = analysis_budget(len(item.text))
    try:
        with time_limit(budget):
            return _analyse(item, registry)
    except AnalysisTooSlow:
        return (f"cannot be analysed in reasonable time (stopped after {budget:.0f} s: a text built to slow the "
                "analysis down?)")
    except RecursionError:
        return "cannot be analysed (nested too deeply)"
    except Exception as exc:
        lines = str(exc).strip().splitlines()
        return f"cannot be analysed ({type(exc).__name__}{': ' + lines[0][:200] if lines else ''})"


def _prepared(item: RawArticle, digest: str, analysed: _Analysed | str) -> PreparedArticle | LoadError:
    if isinstance(analysed, str):
        return LoadError(item.origin, analysed)
    return PreparedArticle(item, digest, *analysed)


def _analyse_chunk(chunk: list[RawArticle]) -> list[_Analysed | str]:
    return [_analyse_safely(item) for item in chunk]


def _lower_priority() -> None:
    """Workers yield to the process that stores: it is the one the others wait for."""
    with contextlib.suppress(OSError):
        os.nice(5)


PARALLEL_AFTER = 200  # articles: below this, starting worker processes costs more than it saves


def prepared_stream(
    items: Iterable[RawArticle | LoadError],
    registry: Registry | None = None,
    workers: int | None = None,
    is_known: Callable[[list[str]], list[bool]] | None = None,
) -> Iterator[PreparedArticle | LoadError | Duplicate]:
    """Hash and analyse articles, in order; on every core for a long stream (analysis is most
    of the cost), reading ahead a bounded number so that memory stays flat whatever the size.
    Articles `is_known` recognises by their hash are not analysed at all."""

    def screened() -> Iterator[tuple[RawArticle | LoadError | Duplicate, str]]:
        source = iter(items)
        while chunk := list(islice(source, 64)):
            digests = [content_hash(i.text) if isinstance(i, RawArticle) else "" for i in chunk]
            flags = is_known(digests) if is_known is not None else [False] * len(chunk)
            for item, digest, known in zip(chunk, digests, flags, strict=True):
                yield (Duplicate(digest) if known else item), digest

    it = screened()
    head = list(islice(it, PARALLEL_AFTER))
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    if n_workers <= 1 or len(head) < PARALLEL_AFTER or (registry is not None and registry is not default_registry()):
        for item, digest in chain(head, it):
            yield _prepared(item, digest, _analyse_safely(item, registry)) if isinstance(item, RawArticle) else item
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    source = chain(head, it)
    Chunk = list[tuple[RawArticle | LoadError | Duplicate, str]]
    with ProcessPoolExecutor(max_workers=n_workers, mp_context=ctx, initializer=_lower_priority) as pool:
        # Only the articles go to the workers, and only what storing needs comes back.
        in_flight: deque[tuple[Chunk, Future[list[_Analysed | str]] | None]] = deque()
        broken = False

        def submit() -> bool:
            chunk = list(islice(source, 32))
            if chunk:
                articles = [item for item, _ in chunk if isinstance(item, RawArticle)]
                in_flight.append((chunk, None if broken else pool.submit(_analyse_chunk, articles)))
            return bool(chunk)

        for _ in range(n_workers * 3):
            if not submit():
                break
        while in_flight:
            chunk, future = in_flight.popleft()
            try:
                results: list[_Analysed | str] | None = future.result() if future is not None else None
            except BrokenProcessPool:
                # A worker was killed (out of memory, a signal): the rest is analysed here.
                broken, results = True, None
            if results is None:
                results = [_analyse_safely(item) for item, _ in chunk if isinstance(item, RawArticle)]
            done = iter(results)
            submit()
            for item, digest in chunk:
                yield _prepared(item, digest, next(done)) if isinstance(item, RawArticle) else item


def ingest_paths(
    db: Database,
    paths: Iterable[str | Path],
    *,
    registry: Registry | None = None,
    on_error: Callable[[LoadError], None] | None = None,
    on_warning: Callable[[LoadError], None] | None = None,
    on_article: Callable[[IngestReport], None] | None = None,
    dry_run: bool = False,
    workers: int | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> IngestReport:
    """Store every article found under `paths`; report what was added, skipped and refused."""
    return ingest_articles(db, iter_articles(paths), registry=registry, on_error=on_error, on_warning=on_warning,
                           on_article=on_article, dry_run=dry_run, workers=workers, should_stop=should_stop)


class DatabaseReplaced(Exception):
    """The database was restored from a backup while the ingest ran: what it knows (source ids,
    claim keys) belongs to the database that was there before."""


def database_generation(conn: Any) -> int:
    """Which copy of a SQLite database this is: `restore` gives each restored database a new
    number (in the header's user_version, copied with the pages, so the swap and the number are
    one step). PostgreSQL has no restore of ours: always 0."""
    if conn.dialect.name != "sqlite":
        return 0
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)


def ingest_articles(
    db: Database,
    items: Iterable[RawArticle | LoadError],
    *,
    registry: Registry | None = None,
    on_error: Callable[[LoadError], None] | None = None,
    on_warning: Callable[[LoadError], None] | None = None,
    on_article: Callable[[IngestReport], None] | None = None,
    dry_run: bool = False,
    workers: int | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> IngestReport:
    """Store articles and their claims, each article whole in one transaction (a few dozen
    articles share one: see `_Group`). With `dry_run`, nothing is written: the report says what
    would be added. `should_stop` is asked before each article: when it says so, the articles
    stored so far are committed and the run ends (`report.stopped`)."""
    registry_for_store = registry or default_registry()
    report = IngestReport()
    cache = SourceCache()
    seen_run: set[str] = set()

    def refuse(error: LoadError) -> None:
        report.errors.append(error)
        if on_error:
            on_error(error)

    with db.bulk_session() as session:
        dbapi_error = session.get_bind().dialect.loaded_dbapi.Error
        keyring = ClaimKeys()
        generation = 0

        def is_known(digests: list[str]) -> list[bool]:
            """For each digest ("" for a non-article): stored already, or met earlier in this run.
            One query a chunk."""
            stored = set(session.connection().execute(
                select(Article.content_hash).where(Article.content_hash.in_({d for d in digests if d}))
            ).scalars())
            flags = []
            for d in digests:
                flags.append(bool(d) and (d in stored or d in seen_run))
                if d:
                    seen_run.add(d)
            return flags

        def same_database() -> None:
            if database_generation(session.connection()) != generation:
                raise DatabaseReplaced

        group = _Group(session, cache, keyring, report, refuse, same_database)
        try:
            generation = database_generation(session.connection())
            if not dry_run:
                sync_registry(session, registry_for_store)
                keyring.recover(session.connection())
                session.commit()
                cache.preload(session)
            items = iter(items)
            head = list(islice(items, PARALLEL_AFTER))
            if len(head) >= PARALLEL_AFTER and not dry_run:
                keyring.use_memory()
            for prepared in prepared_stream(chain(head, items), registry, workers, is_known):
                if should_stop is not None and should_stop():
                    report.stopped = True
                    break
                if isinstance(prepared, LoadError):
                    refuse(prepared)
                    continue
                if isinstance(prepared, Duplicate):
                    report.duplicates += 1
                    continue
                if dry_run:
                    report.articles += 1
                    report.claims += len(prepared.claims)
                elif not group.store(prepared):
                    continue
                else:
                    if group.due():
                        group.commit()
                        if report.articles - group.flushed >= KEY_FLUSH:
                            keyring.flush(session, same_database)
                            group.flushed = report.articles
                if prepared.item.warning:
                    report.warnings.append(LoadError(prepared.item.origin, prepared.item.warning))
                    if on_warning:
                        on_warning(report.warnings[-1])
                if on_article:
                    on_article(report)
            # Every article of the open group is whole (a failing one was rolled back with its
            # group): keep them.
            group.commit()
            session.commit()  # the last look-ups of the read-ahead ran in a transaction of their own
            if not dry_run:
                keyring.flush(session, same_database)
        except DatabaseReplaced:
            group.abandon()
            _stop(report, refuse, db, "the database was restored from a backup while this ingest ran: stopped "
                  "(what it stored before the restore may be missing from the restored database: run the ingest "
                  "again, articles already stored are recognised and skipped)")
        except (SQLAlchemyError, dbapi_error) as exc:
            group.abandon()
            kept = (f"the {report.articles:,} articles stored before stay stored" if report.articles
                    else "nothing was stored")
            _stop(report, refuse, db, f"stopped: the database failed ({_first_line(exc)}); {kept}")
        finally:
            # Also when the caller cancels from `on_article`: what is whole is kept.
            group.commit(quiet=True)
    return report


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__


def _stop(report: IngestReport, refuse: Callable[[LoadError], None], db: Database, message: str) -> None:
    from workbench.storage.db import redact

    report.failure = message
    refuse(LoadError(redact(db.url), message))


GROUP_ARTICLES = 64  # articles committed together at most...
GROUP_SECONDS = 0.25  # ...and at the latest this long after the first of them, so others can write


class _Group:
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
            self.refuse(LoadError(failed.item.origin, f"cannot be stored ({_first_line(exc)})"))
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
            self.refuse(LoadError(prepared.item.origin, f"cannot be stored ({_first_line(exc)})"))
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
        _link_seen_before(conn, cur, article_id, ids, prepared, keyring)
    return len(rows)


HOT_KEY = 20  # a word pair shared by more claims than this says nothing about any one of them
MAX_CANDIDATES = 8  # earlier claims compared with each new one, those sharing most keys first
KEY_FLUSH = 2000  # articles between writes of the claim keys


def index_new_claims(conn: Any) -> None:
    """Add claims stored since the last time to SQLite's full-text index, in one statement.
    (PostgreSQL's GIN index keeps itself up to date.) Claims are only ever added by ingest, which
    calls this after each batch and when it starts, so the index is never behind for long and
    catches up after an interruption."""
    if conn.dialect.name != "sqlite":
        return
    conn.exec_driver_sql(
        "INSERT INTO claim_fts(rowid, norm) SELECT id, norm FROM claim "
        "WHERE id > (SELECT coalesce(max(id), 0) FROM claim_fts_docsize) ORDER BY id"  # the index's own rowids
    )


class ClaimKeys:
    """The blocking keys of claims, for finding claims seen before.

    Keys are random 64-bit hashes, so writing them touches index pages all over the table: they
    are written in batches, in a transaction of their own, in claim order. If a run stops before a
    batch is written, the next run computes the missing keys first (claims after the last keyed
    one), so nothing is lost and no article is half-stored. A long run reads every stored key once
    into sorted numpy arrays and looks keys up there instead of asking the database each time."""

    def __init__(self) -> None:
        self.pending: dict[int, list[int]] = {}  # key -> claim ids, not yet written
        self.rows: list[tuple[int, int]] = []  # (key, claim id), not yet written
        self.hot: dict[int, int] = {}
        self._keys: np.ndarray | None = None  # sorted stored keys, for long runs
        self._ids: np.ndarray | None = None
        self._in_memory = False

    def recover(self, conn: Any) -> int:
        index_new_claims(conn)
        last = conn.execute(select(func.coalesce(func.max(_KEY.c.claim_id), 0))).scalar_one()
        rows: list[tuple[int, int]] = []
        for cid, text in conn.execute(select(_CLAIM.c.id, _CLAIM.c.text).where(_CLAIM.c.id > last).order_by(_CLAIM.c.id)):
            rows.extend((k, cid) for k in claim_keys(fold(text)))
        _insert_keys(conn, rows)
        return len(rows)

    def use_memory(self) -> None:
        """For a long run: read every stored key into memory (16 bytes a key) on first look-up."""
        self._in_memory = True

    def _ensure_loaded(self, conn: Any) -> None:
        if not self._in_memory or self._keys is not None:
            return
        pairs = np.array(conn.exec_driver_sql("SELECT key, claim_id FROM claim_key").all(), dtype=np.int64).reshape(-1, 2)
        order = np.argsort(pairs[:, 0], kind="stable")
        self._keys, self._ids = pairs[order, 0], pairs[order, 1]

    def _absorb(self, new: np.ndarray) -> None:
        """Written keys (rows of key, claim id, in key order) join the in-memory arrays: merged in
        one pass into arrays of the final size, so memory stays ~16 bytes a key."""
        if self._keys is None or self._ids is None or not len(new):
            return
        old_k, old_i = self._keys, self._ids
        at = np.searchsorted(old_k, new[:, 0], side="right") + np.arange(len(new))  # after equal keys
        keys = np.empty(len(old_k) + len(new), np.int64)
        ids = np.empty_like(keys)
        rest = np.ones(len(keys), bool)
        rest[at] = False
        keys[at], ids[at] = new[:, 0], new[:, 1]
        keys[rest], ids[rest] = old_k, old_i
        self._keys, self._ids = keys, ids

    def lookup(self, conn: Any, keys: list[int]) -> dict[int, list[int]]:
        """The claims filed under each of `keys` (sorted, distinct) that has any."""
        self._ensure_loaded(conn)
        found: dict[int, list[int]] = {}
        if self._keys is not None and self._ids is not None:
            q = np.array(keys, dtype=np.int64)
            lo = np.searchsorted(self._keys, q, side="left")
            hi = np.searchsorted(self._keys, q, side="right")
            ids = self._ids
            for j in np.flatnonzero(hi > lo).tolist():  # most keys are new: only the few others
                found[keys[j]] = ids[lo[j]:hi[j]].tolist()
        else:
            # The keys are integers we computed, so they are written into the statement: a parameter
            # list of varying length would be compiled again for every article.
            for k, cid in conn.exec_driver_sql(
                f"SELECT key, claim_id FROM claim_key WHERE key IN ({','.join(str(int(k)) for k in keys)})"
            ).all():
                found.setdefault(k, []).append(cid)
        pending = self.pending
        for k in keys:
            more = pending.get(k)
            if more:
                found[k] = found.get(k, []) + more
        return found

    def add_all(self, keys_per_claim: list[list[int]], ids: list[int]) -> None:
        pending, rows = self.pending, self.rows
        for keys, cid in zip(keys_per_claim, ids, strict=True):
            for k in keys:
                bucket = pending.get(k)
                if bucket is None:
                    pending[k] = [cid]
                else:
                    bucket.append(cid)
                rows.append((k, cid))

    def mark(self) -> int:
        """Where the keys not yet written stand, to go back to if a transaction is rolled back."""
        return len(self.rows)

    def rollback_to(self, mark: int) -> None:
        """Forget the keys of claims added since `mark`: their transaction was rolled back."""
        if mark >= len(self.rows):
            return
        del self.rows[mark:]
        self.pending = {}
        for k, cid in self.rows:
            self.pending.setdefault(k, []).append(cid)

    def flush(self, session: Session, check: Callable[[], None] | None = None) -> None:
        """Write the keys and index the new claims for search, in a transaction of their own
        (on the ingest's own connection: a second one would keep a second page cache). `check`
        runs first inside that transaction (see `database_generation`)."""
        session.commit()
        if check is not None:
            check()
        conn = session.connection()
        rows = _insert_keys(conn, self.rows)
        index_new_claims(conn)
        session.commit()
        self._absorb(rows)
        self.rows = []
        self.pending = {}  # the database (or the in-memory arrays) answers for these now


def _insert_keys(conn: Any, rows: list[tuple[int, int]]) -> np.ndarray:
    """Write keys in key order, so the key index is filled page by page rather than all over;
    return them so, as an array of (key, claim id) rows."""
    pairs = np.array(rows, dtype=np.int64).reshape(-1, 2)
    pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]
    if len(pairs):
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        conn.connection.dbapi_connection.cursor().executemany(
            f"INSERT INTO claim_key (key, claim_id) VALUES ({mark}, {mark})", pairs.tolist())
    return pairs


def _candidates(conn: Any, prepared: PreparedArticle, keyring: ClaimKeys) -> dict[int, list[int]]:
    """For each new claim (by position), the earlier claims sharing most of its keys (at least
    two, or its only one), most shared first, at most MAX_CANDIDATES. Keys filed under more than
    HOT_KEY claims are forgotten for later articles."""
    hot = keyring.hot
    wanted = sorted({k for keys in prepared.keys for k in keys if k not in hot})
    if not wanted:
        return {}
    found = keyring.lookup(conn, wanted)
    if not found:
        return {}
    hot.update((k, len(cids)) for k, cids in found.items() if len(cids) > HOT_KEY)
    picks: dict[int, list[int]] = {}
    for i, keys in enumerate(prepared.keys):
        counts: dict[int, int] = {}
        for k in keys:
            for cid in found.get(k, ()):
                counts[cid] = counts.get(cid, 0) + 1
        if counts:
            need = 2 if len(keys) > 1 else 1
            ranked = sorted((c for c, n in counts.items() if n >= need), key=lambda c: (-counts[c], c))
            if ranked:
                picks[i] = ranked[:MAX_CANDIDATES]
    return picks


def _link_seen_before(conn: Any, cur: Any, article_id: int, ids: list[int], prepared: PreparedArticle,
                      keyring: ClaimKeys) -> None:
    """Link each new claim to the closest earlier claim of another article that says the same,
    preferring one that already has a verdict; then file the new claims' keys."""
    picks = _candidates(conn, prepared, keyring)
    cids = sorted({c for cs in picks.values() for c in cs})
    if cids:
        # Ids are integers from the database, written into the statement (see ClaimKeys.lookup).
        cur.execute(f"SELECT id, norm, status, article_id, text FROM claim WHERE id IN ({','.join(map(str, cids))})")
        earlier = {r[0]: r for r in cur.fetchall()}
        updates = []
        for i, cands in picks.items():
            scored = []
            for cid in cands:
                row = earlier.get(cid)
                if row is None or row[3] == article_id:
                    continue
                same, score = is_same_claim(prepared.claims[i][8], row[1] or fold(row[4]))
                if same:
                    has_verdict = row[2] not in ("unchecked", "in_progress")
                    scored.append(((has_verdict, score, -cid), cid, score))
            if scored:
                _rank, cid, score = max(scored)
                updates.append((cid, score, ids[i]))
        if updates:
            mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
            cur.executemany(
                f"UPDATE claim SET seen_before_id = {mark}, seen_similarity = {mark} WHERE id = {mark}", updates)
    keyring.add_all(prepared.keys, ids)
