"""Ingesting articles: load, analyse, store — each article in its own transaction.

An article is keyed by the SHA-256 of its normalised text, so ingesting the same input again adds
nothing, whatever its encoding or diacritics. A bad file is reported and skipped; what is already
stored is never touched.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from workbench.ingest.loaders import LoadError, RawArticle, iter_articles
from workbench.services.sources import SourceCache, sync_registry
from workbench.sources.registry import Registry, default_registry
from workbench.storage.db import Database
from workbench.storage.models import Article, Claim, ClaimKey, utcnow
from workbench.text.analyzer import Analysis, analyze
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

    def summary(self) -> dict[str, int]:
        return {"articles": self.articles, "claims": self.claims, "duplicates": self.duplicates,
                "errors": len(self.errors)}


_INVISIBLE = re.compile("[\u0640\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+")


def content_hash(text: str) -> str:
    """The identity of an article: its text with whitespace collapsed and invisible characters
    (tatweel, zero-width and bidi marks, BOM) removed, so the same article from another encoding,
    crawl or line-wrapping is one article. Fast: a regular expression and a split, in C."""
    folded = " ".join(_INVISIBLE.sub("", text).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class PreparedArticle:
    item: RawArticle
    digest: str
    analysis: Analysis
    norms: list[str] = field(default_factory=list)  # normalised claim texts
    keys: list[list[int]] = field(default_factory=list)  # blocking keys per claim


@dataclass(slots=True)
class Duplicate:
    """An article already stored (or met earlier in this batch): not analysed again."""

    digest: str


def _prepare(
    item: RawArticle | LoadError | Duplicate, registry: Registry | None = None
) -> PreparedArticle | LoadError | Duplicate:
    if isinstance(item, LoadError | Duplicate):
        return item
    reg = registry or default_registry()
    analysis = analyze(item.text, reg, publisher_hint=item.publisher)
    norms = [c.norm for c in analysis.claims]
    return PreparedArticle(item, content_hash(item.text), analysis, norms, [claim_keys(n) for n in norms])


def _prepare_chunk(chunk: list[RawArticle | LoadError | Duplicate]) -> list[PreparedArticle | LoadError | Duplicate]:
    return [_prepare(item) for item in chunk]


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

    def screened() -> Iterator[RawArticle | LoadError | Duplicate]:
        source = iter(items)
        while chunk := list(islice(source, 64)):
            digests = [content_hash(i.text) if isinstance(i, RawArticle) else "" for i in chunk]
            flags = is_known(digests) if is_known is not None else [False] * len(chunk)
            for item, digest, known in zip(chunk, digests, flags, strict=True):
                yield Duplicate(digest) if known else item

    it = screened()
    head = list(islice(it, PARALLEL_AFTER))
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    if n_workers <= 1 or len(head) < PARALLEL_AFTER or (registry is not None and registry is not default_registry()):
        for item in chain(head, it):
            yield _prepare(item, registry)
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    source = chain(head, it)
    with ProcessPoolExecutor(max_workers=n_workers, mp_context=ctx) as pool:
        in_flight: deque[Future[list[PreparedArticle | LoadError | Duplicate]]] = deque()

        def submit() -> bool:
            chunk = list(islice(source, 32))
            if chunk:
                in_flight.append(pool.submit(_prepare_chunk, chunk))
            return bool(chunk)

        for _ in range(n_workers * 3):
            if not submit():
                break
        while in_flight:
            done = in_flight.popleft().result()
            submit()
            yield from done


def ingest_paths(
    db: Database,
    paths: Iterable[str | Path],
    *,
    registry: Registry | None = None,
    on_error: Callable[[LoadError], None] | None = None,
    on_article: Callable[[IngestReport], None] | None = None,
    dry_run: bool = False,
    workers: int | None = None,
) -> IngestReport:
    """Store every article found under `paths`; report what was added, skipped and refused."""
    return ingest_articles(db, iter_articles(paths), registry=registry, on_error=on_error, on_article=on_article,
                           dry_run=dry_run, workers=workers)


def ingest_articles(
    db: Database,
    items: Iterable[RawArticle | LoadError],
    *,
    registry: Registry | None = None,
    on_error: Callable[[LoadError], None] | None = None,
    on_article: Callable[[IngestReport], None] | None = None,
    dry_run: bool = False,
    workers: int | None = None,
) -> IngestReport:
    """Store articles and their claims, each article in its own transaction. With `dry_run`,
    nothing is written: the report says what would be added."""
    registry_for_store = registry or default_registry()
    report = IngestReport()
    cache = SourceCache()
    seen_run: set[str] = set()
    with db.session(write=True) as session:
        keyring = ClaimKeys()
        if not dry_run:
            sync_registry(session, registry_for_store)
            keyring.recover(session.connection())
            session.commit()
            cache.preload(session)
        items = iter(items)
        head = list(islice(items, PARALLEL_AFTER))
        if len(head) >= PARALLEL_AFTER and not dry_run:
            keyring.load(session.connection())  # a long run: look keys up in memory
        items = chain(head, items)
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

        for prepared in prepared_stream(items, registry, workers, is_known):
            if isinstance(prepared, LoadError):
                report.errors.append(prepared)
                if on_error:
                    on_error(prepared)
                continue
            if isinstance(prepared, Duplicate):
                report.duplicates += 1
                continue
            if dry_run:
                report.articles += 1
                report.claims += len(prepared.analysis.claims)
                if on_article:
                    on_article(report)
                continue
            try:
                added = _store(session, prepared, cache, keyring)
                session.commit()
            except IntegrityError:
                # Another writer stored the same article in between: a duplicate, not an error.
                session.rollback()
                cache.forget()
                cache.preload(session)
                report.duplicates += 1
                continue
            except BaseException:
                session.rollback()
                cache.forget()
                raise
            report.articles += 1
            report.claims += added
            if report.articles % KEY_FLUSH == 0:
                session.commit()  # nothing open here: the batch below takes the write lock itself
                keyring.flush(db)
            if on_article:
                on_article(report)
        session.commit()  # the last look-ups of the read-ahead ran in a transaction of their own
        keyring.flush(db)
    return report


_ARTICLE_COLS = ("content_hash", "title", "text", "language", "url", "author", "published", "feed_source",
                 "publisher_id", "publisher_mention", "origin", "encoding", "ingested_at")
_CLAIM_COLS = ("article_id", "seq", "start", "end", "text", "attributed", "source_id", "source_kind", "mention",
               "mention_start", "mention_end", "cue", "rests_on_media", "checkworthiness", "features", "status",
               "version", "norm")


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
    item, digest, analysis = prepared.item, prepared.digest, prepared.analysis
    conn = session.connection()
    sql = cache.sql if getattr(cache, "sql", None) is not None else _Sql(conn)
    cache.sql = sql
    publisher_id = cache.source_id(session, analysis.publisher) if analysis.publisher else None
    article_id = conn.exec_driver_sql(sql.insert_article, (
        digest, item.title or "", item.text, analysis.language, item.url, item.author, item.published,
        item.publisher, publisher_id, analysis.publisher.mention if analysis.publisher else None, item.origin,
        item.encoding, sql.when(utcnow()),
    )).scalar_one()
    rows = []
    for seq, c in enumerate(analysis.claims):
        src = c.source
        own = src is not None and c.attributed
        rows.append((
            article_id, seq, c.start, c.end, c.text, c.attributed,
            cache.source_id(session, src) if src else None, src.kind if src else None,
            src.mention if own else None, src.start if own else None, src.end if own else None,
            c.cue, c.rests_on_media, c.checkworthiness, ",".join(c.features), "unchecked", 1, c.norm,
        ))
    if rows:
        conn.exec_driver_sql(sql.insert_claims, rows)
        ids = [r[0] for r in conn.exec_driver_sql(sql.claim_ids, (article_id,)).all()]
        _link_seen_before(conn, article_id, ids, prepared, keyring)
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
        self.rows: list[dict[str, int]] = []
        self.hot: dict[int, int] = {}
        self._keys: np.ndarray | None = None  # sorted stored keys, for long runs
        self._ids: np.ndarray | None = None

    def recover(self, conn: Any) -> int:
        index_new_claims(conn)
        last = conn.execute(select(func.coalesce(func.max(_KEY.c.claim_id), 0))).scalar_one()
        rows: list[dict[str, int]] = []
        for cid, text in conn.execute(select(_CLAIM.c.id, _CLAIM.c.text).where(_CLAIM.c.id > last).order_by(_CLAIM.c.id)):
            rows.extend({"key": k, "claim_id": cid} for k in claim_keys(fold(text)))
        if rows:
            conn.execute(insert(_KEY), rows)
        return len(rows)

    def load(self, conn: Any) -> None:
        """Read every stored key into memory (16 bytes a key) on first use."""
        self._want_memory = True

    def _ensure_loaded(self, conn: Any) -> None:
        if not getattr(self, "_want_memory", False) or self._keys is not None:
            return
        pairs = np.array(conn.exec_driver_sql("SELECT key, claim_id FROM claim_key").all(), dtype=np.int64).reshape(-1, 2)
        order = np.argsort(pairs[:, 0], kind="stable")
        self._keys, self._ids = pairs[order, 0], pairs[order, 1]

    def _absorb(self, rows: list[dict[str, int]]) -> None:
        """Written keys join the in-memory arrays (merged, so memory stays ~16 bytes a key)."""
        if self._keys is None or self._ids is None or not rows:
            return
        new = np.array([(r["key"], r["claim_id"]) for r in rows], dtype=np.int64)
        keys = np.concatenate([self._keys, new[:, 0]])
        ids = np.concatenate([self._ids, new[:, 1]])
        order = np.argsort(keys, kind="stable")
        self._keys, self._ids = keys[order], ids[order]

    def lookup(self, conn: Any, keys: list[int]) -> list[tuple[int, int]]:
        self._ensure_loaded(conn)
        found: list[tuple[int, int]] = []
        if self._keys is not None and self._ids is not None:
            q = np.array(keys, dtype=np.int64)
            lo = np.searchsorted(self._keys, q, side="left")
            hi = np.searchsorted(self._keys, q, side="right")
            for k, a, b in zip(keys, lo.tolist(), hi.tolist(), strict=True):
                if b > a:
                    found.extend((k, int(c)) for c in self._ids[a:b].tolist())
        else:
            # The keys are integers we computed, so they are written into the statement: a parameter
            # list of varying length would be compiled again for every article.
            found = [tuple(r) for r in conn.exec_driver_sql(
                f"SELECT key, claim_id FROM claim_key WHERE key IN ({','.join(str(int(k)) for k in keys)})"
            ).all()]
        pending = self.pending
        for k in keys:
            ids = pending.get(k)
            if ids:
                found.extend((k, cid) for cid in ids)
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
                rows.append({"key": k, "claim_id": cid})

    def flush(self, db: Database) -> None:
        if not self.rows:
            with db.begin_write() as conn:
                index_new_claims(conn)
            return
        with db.begin_write() as conn:
            conn.execute(insert(_KEY), self.rows)
            index_new_claims(conn)
        self._absorb(self.rows)
        self.rows = []
        self.pending = {}  # the database (or the in-memory arrays) answers for these now


def _link_seen_before(conn: Any, article_id: int, ids: list[int], prepared: PreparedArticle, keyring: ClaimKeys) -> None:
    """Link each new claim to the closest earlier claim of another article that says the same,
    preferring one that already has a verdict; then file the new claims' keys.

    Candidates share at least two keys (pairs of long words) with the new claim; keys shared by
    too many claims are forgotten; at most a few candidates are compared, most shared first."""
    hot = keyring.hot
    by_key: dict[int, list[int]] = {}
    for i, keys in enumerate(prepared.keys):
        for k in keys:
            if hot.get(k, 0) <= HOT_KEY:
                by_key.setdefault(k, []).append(i)
    if by_key:
        shared: dict[int, dict[int, int]] = {}
        per_key: dict[int, int] = {}
        for key, cid in keyring.lookup(conn, list(by_key)):
            per_key[key] = per_key.get(key, 0) + 1
            for i in by_key[key]:
                counts = shared.setdefault(i, {})
                counts[cid] = counts.get(cid, 0) + 1
        hot.update((key, n) for key, n in per_key.items() if n > HOT_KEY)
        picks: dict[int, list[int]] = {}
        for i, counts in shared.items():
            need = 2 if len(prepared.keys[i]) > 1 else 1
            ranked = sorted((c for c, n in counts.items() if n >= need), key=lambda c: (-counts[c], c))
            if ranked:
                picks[i] = ranked[:MAX_CANDIDATES]
        cids = sorted({c for cs in picks.values() for c in cs})
        if cids:
            earlier = {r.id: r for r in conn.execute(
                select(_CLAIM.c.id, _CLAIM.c.text, _CLAIM.c.status, _CLAIM.c.article_id).where(_CLAIM.c.id.in_(cids))
            ).all()}
            updates = []
            for i, cands in picks.items():
                scored = []
                for cid in cands:
                    row = earlier.get(cid)
                    if row is None or row.article_id == article_id:
                        continue
                    same, score = is_same_claim(prepared.norms[i], fold(row.text))
                    if same:
                        has_verdict = row.status not in ("unchecked", "in_progress")
                        scored.append(((has_verdict, score, -cid), cid, score))
                if scored:
                    _rank, cid, score = max(scored)
                    updates.append({"cid": ids[i], "sb": cid, "sim": score})
            if updates:
                conn.execute(
                    update(_CLAIM).where(_CLAIM.c.id == bindparam("cid")).values(
                        seen_before_id=bindparam("sb"), seen_similarity=bindparam("sim")),
                    updates,
                )
    keyring.add_all(prepared.keys, ids)
