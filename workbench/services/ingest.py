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

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from workbench.ingest.loaders import LoadError, RawArticle, iter_articles
from workbench.services.sources import SourceCache, sync_registry
from workbench.sources.registry import Registry, default_registry
from workbench.storage.db import Database
from workbench.storage.models import Article, Claim, utcnow
from workbench.text.analyzer import Analysis, analyze

_ARTICLE = Article.__table__
_CLAIM = Claim.__table__


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
    return PreparedArticle(item, content_hash(item.text), analyze(item.text, reg, publisher_hint=item.publisher))


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
    with db.session() as session:
        if not dry_run:
            sync_registry(session, registry_for_store)
            session.commit()
            cache.preload(session)
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
                added = _store(session, prepared, cache)
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
            if on_article:
                on_article(report)
    return report


def _store(session: Session, prepared: PreparedArticle, cache: SourceCache) -> int:
    item, digest, analysis = prepared.item, prepared.digest, prepared.analysis
    publisher_id = cache.source_id(session, analysis.publisher) if analysis.publisher else None
    conn = session.connection()
    article_id = conn.execute(
        insert(_ARTICLE).returning(_ARTICLE.c.id),
        [{
            "content_hash": digest,
            "title": item.title or "",
            "text": item.text,
            "language": analysis.language,
            "url": item.url,
            "author": item.author,
            "published": item.published,
            "feed_source": item.publisher,
            "publisher_id": publisher_id,
            "publisher_mention": analysis.publisher.mention if analysis.publisher else None,
            "origin": item.origin,
            "encoding": item.encoding,
            "ingested_at": utcnow(),
        }],
    ).scalar_one()
    rows = []
    for seq, c in enumerate(analysis.claims):
        src = c.source
        rows.append({
            "article_id": article_id,
            "seq": seq,
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "attributed": c.attributed,
            "source_id": cache.source_id(session, src) if src else None,
            "source_kind": src.kind if src else None,
            "mention": src.mention if src and c.attributed else None,
            "mention_start": src.start if src and c.attributed else None,
            "mention_end": src.end if src and c.attributed else None,
            "cue": c.cue,
            "rests_on_media": c.rests_on_media,
            "checkworthiness": c.checkworthiness,
            "features": ",".join(c.features),
            "status": "unchecked",
            "version": 1,
        })
    if rows:
        conn.execute(insert(_CLAIM), rows)
    return len(rows)
