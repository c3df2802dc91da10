"""Ingesting articles: load, analyse, store — each article in its own transaction.

An article is keyed by the SHA-256 of its normalised text, so ingesting the same input again adds
nothing, whatever its encoding or diacritics. A bad file is reported and skipped; what is already
stored is never touched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from workbench.ingest.loaders import LoadError, RawArticle, iter_articles
from workbench.services.sources import SourceCache, sync_registry
from workbench.sources.registry import Registry, default_registry
from workbench.storage.db import Database
from workbench.storage.models import Article, Claim, utcnow
from workbench.text.analyzer import analyze
from workbench.text.normalize import normalize

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


def content_hash(text: str) -> str:
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()


def ingest_paths(
    db: Database,
    paths: Iterable[str | Path],
    *,
    registry: Registry | None = None,
    on_error: Callable[[LoadError], None] | None = None,
    on_article: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Store every article found under `paths`; report what was added, skipped and refused."""
    return ingest_articles(db, iter_articles(paths), registry=registry, on_error=on_error, on_article=on_article)


def ingest_articles(
    db: Database,
    items: Iterable[RawArticle | LoadError],
    *,
    registry: Registry | None = None,
    on_error: Callable[[LoadError], None] | None = None,
    on_article: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    registry = registry or default_registry()
    report = IngestReport()
    cache = SourceCache()
    with db.session() as session:
        sync_registry(session, registry)
        session.commit()
        cache.preload(session)
        for item in items:
            if isinstance(item, LoadError):
                report.errors.append(item)
                if on_error:
                    on_error(item)
                continue
            digest = content_hash(item.text)
            if session.connection().execute(select(Article.id).where(Article.content_hash == digest)).first():
                report.duplicates += 1
                continue
            try:
                added = _store(session, item, digest, registry, cache)
                session.commit()
            except IntegrityError:
                # Another writer stored the same article in between: a duplicate, not an error.
                session.rollback()
                cache.forget()
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


def _store(session: Session, item: RawArticle, digest: str, registry: Registry, cache: SourceCache) -> int:
    analysis = analyze(item.text, registry, publisher_hint=item.publisher)
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
