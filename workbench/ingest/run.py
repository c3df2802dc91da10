"""Ingesting articles: load, analyse, store — each article in its own transaction.

An article is keyed by the SHA-256 of its normalised text, so ingesting the same input again adds
nothing, whatever its encoding or diacritics. A bad file is reported and skipped; what is already
stored is never touched. One bad article never stops the batch: one that cannot be analysed or
stored is one error line, and the articles stored with it in its transaction are stored again
without it. When the database itself fails (a full disk, a lost server, the database restored
from a backup underneath), the run stops with one line and returns what it stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from workbench.ingest import pipeline, writer
from workbench.ingest.bulk import BulkGroup, take_ingest_lock
from workbench.ingest.loaders import LoadError, RawArticle, iter_articles
from workbench.ingest.pipeline import Duplicate
from workbench.ingest.report import IngestReport, first_line
from workbench.ingest.seen_before import ClaimKeys
from workbench.services.sources import SourceCache, sync_registry
from workbench.sources.registry import Registry, default_registry
from workbench.storage.db import Database
from workbench.storage.models import Article
from workbench.storage.search import VocabularyIndexer

KEY_FLUSH = 2000  # articles between writes of the claim keys


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
    share: tuple[int, int] | None = None,
) -> IngestReport:
    """Store every article found under `paths`; report what was added, skipped and refused."""
    return ingest_articles(db, iter_articles(paths), registry=registry, on_error=on_error, on_warning=on_warning,
                           on_article=on_article, dry_run=dry_run, workers=workers, should_stop=should_stop,
                           share=share)


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
    share: tuple[int, int] | None = None,
) -> IngestReport:
    """Store articles and their claims, each article whole in one transaction (a few dozen
    articles share one: see `ArticleGroup`). With `dry_run`, nothing is written: the report says what
    would be added. `should_stop` is asked before each article: when it says so, the articles
    stored so far are committed and the run ends (`report.stopped`). With `share` (k, n), only
    the articles of share k of n are stored (see `in_share`), the others counted in
    `report.other_shares`: n processes given the same archive and shares 1..n store it all once."""
    registry_for_store = registry or default_registry()
    report = IngestReport()
    if share is not None:
        items = _only_share(items, share, report)
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

        bulk = db.dialect == "postgresql"  # a few round trips a group, and several writers at once
        group_class = BulkGroup if bulk else writer.ArticleGroup
        group = group_class(session, cache, keyring, report, refuse, same_database)
        indexer: VocabularyIndexer | None = None

        def flush_keys() -> None:
            if indexer is None:
                keyring.flush(session, same_database)
                return
            # PostgreSQL: the keys went in with their claims; the search vocabulary is brought up
            # to date beside the next groups' writes.
            session.commit()
            same_database()
            session.commit()
            indexer.kick()
        try:
            generation = database_generation(session.connection())
            if not dry_run:
                if bulk:  # not while another writer adds sources or files keys
                    take_ingest_lock(session.connection().connection.dbapi_connection.cursor())
                sync_registry(session, registry_for_store)
                keyring.recover(session.connection())
                session.commit()
                cache.preload(session)
                if bulk:
                    indexer = VocabularyIndexer(db.engine)
            items = iter(items)
            head = list(islice(items, pipeline.PARALLEL_AFTER))
            if len(head) >= pipeline.PARALLEL_AFTER and not dry_run:
                keyring.use_memory()
            for prepared in pipeline.prepared_stream(chain(head, items), registry, workers, is_known):
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
                            flush_keys()
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
                flush_keys()
                if indexer is not None:
                    indexer.finish()
        except DatabaseReplaced:
            group.abandon()
            _stop(report, refuse, db, "the database was restored from a backup while this ingest ran: stopped "
                  "(what it stored before the restore may be missing from the restored database: run the ingest "
                  "again, articles already stored are recognised and skipped)")
        except (SQLAlchemyError, dbapi_error) as exc:
            group.abandon()
            kept = (f"the {report.articles:,} articles stored before stay stored" if report.articles
                    else "nothing was stored")
            _stop(report, refuse, db, f"stopped: the database failed ({first_line(exc)}); {kept}")
        finally:
            # Also when the caller cancels from `on_article`: what is whole is kept.
            group.commit(quiet=True)
            if indexer is not None:
                indexer.finish(quiet=True)  # what it could not index, the next ingest does
    return report


def parse_share(spec: str) -> tuple[int, int]:
    """`K/N` (share K of N, from 1) as a pair; a ValueError that says what is expected."""
    k, sep, n = spec.partition("/")
    try:
        share = (int(k), int(n))
    except ValueError:
        share = (0, 0)
    if not sep or not 1 <= share[0] <= share[1]:
        raise ValueError(f"--share takes K/N with 1 <= K <= N (share K of N), not {spec!r}")
    return share


def in_share(digest: str, share: tuple[int, int]) -> bool:
    """Is the article with this content hash in share k of n? Decided by the hash alone, so every
    machine given the same archive, in whatever order or folder layout, agrees on who stores what."""
    k, n = share
    return int(digest[:15], 16) % n == k - 1


def _only_share(items: Iterable[RawArticle | LoadError], share: tuple[int, int],
                report: IngestReport) -> Iterator[RawArticle | LoadError]:
    for item in items:
        # A file that cannot be read is reported by one process, the one its name falls to.
        digest = (pipeline.content_hash(item.text) if isinstance(item, RawArticle)
                  else hashlib.sha256(item.origin.encode("utf-8", "surrogatepass")).hexdigest())
        if in_share(digest, share):
            yield item
        else:
            report.other_shares += 1


def _stop(report: IngestReport, refuse: Callable[[LoadError], None], db: Database, message: str) -> None:
    from workbench.storage.db import redact

    report.failure = message
    refuse(LoadError(redact(db.url), message))
