"""The PostgreSQL writer of ingest: a group of articles written in a few round trips, by several
ingest processes at once.

Over a network (or even loopback) a statement costs a round trip and the server's work for one
statement; storing article by article costs five or six of each. Here a group is kept in memory
until it is committed, then written in one transaction: ids drawn from the sequences in one
statement, the seen-before links worked out before anything is written (so claims go in with
them), and the articles, claims and claim keys sent with COPY (psycopg 3's `cursor.copy`).

Several ingest processes (on one machine or several) may share one database. Each group's
transaction first takes one advisory lock, held until it commits: groups are written one at a
time, while the analysis (most of the cost) goes on everywhere in parallel. Under the lock a
writer sees every group committed before its own, so
- an article another process stored meanwhile is found and counted as a duplicate (the unique
  content hash stays the last guard), never stored twice;
- there is no deadlock: one lock, taken first, is the only thing writers wait for;
- no seen-before link is lost: the claim keys other processes filed are read (they are numbered
  in commit order, since they are written under the lock) before this group's links are made.
An article is stored whole or not at all, as before: its group is one transaction.
"""

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
from workbench.ingest.seen_before import (
    ClaimKeys,
    EarlierT,
    closest_earlier,
    note_hot,
    rank_candidates,
)
from workbench.ingest.writer import GROUP_SECONDS
from workbench.services.sources import SourceCache
from workbench.storage.models import Article, utcnow
from workbench.storage.search import CLAIM_WRITERS_LOCK

INGEST_LOCK = CLAIM_WRITERS_LOCK  # every ingest writer takes it before writing a group
GROUP_ARTICLES = 64  # articles written together at most (and at the latest GROUP_SECONDS after the first)

_ARTICLE_COLS = ("id", "content_hash", "title", "text", "language", "url", "author", "published", "feed_source",
                 "publisher_id", "publisher_mention", "origin", "encoding", "ingested_at")
_CLAIM_COLS = ("id", "article_id", "seq", "start", "end", "text", "attributed", "source_id", "source_kind", "mention",
               "mention_start", "mention_end", "cue", "rests_on_media", "checkworthiness", "features", "status",
               "version", "norm", "attribution_confidence", "seen_before_id", "seen_similarity")


def take_ingest_lock(cur: Any) -> None:
    """Wait for the other ingest writers' open group, then hold the lock until this transaction ends."""
    cur.execute("SELECT pg_advisory_xact_lock(%s)", (INGEST_LOCK,))


def _copy(cur: Any, table: str, cols: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    quoted = ", ".join(f'"{c}"' for c in cols)
    with cur.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


class BulkGroup:
    """Articles stored in one transaction, written when the group is committed. If writing fails
    because of one article's values (text the server refuses), the group is written again one
    article a transaction, and that one is refused with one line."""

    def __init__(self, session: Session, cache: SourceCache, keyring: ClaimKeys, report: IngestReport,
                 refuse: Callable[[LoadError], None], same_database: Callable[[], None]) -> None:
        self.session, self.cache, self.keyring, self.report, self.refuse = session, cache, keyring, report, refuse
        self.members: list[PreparedArticle] = []
        self.started = 0.0
        self.flushed = 0  # kept for the run's key flushes: keys are written with their claims here
        dbapi = session.get_bind().dialect.loaded_dbapi
        self.integrity: tuple[type[BaseException], ...] = (IntegrityError, dbapi.IntegrityError)
        self.bad_data: tuple[type[BaseException], ...] = (DataError, dbapi.DataError, UnicodeError)
        self._when = Article.__table__.c.ingested_at.type.bind_processor(session.get_bind().dialect) or (lambda v: v)

    def due(self) -> bool:
        return len(self.members) >= GROUP_ARTICLES or time.monotonic() - self.started >= GROUP_SECONDS

    def store(self, prepared: PreparedArticle) -> bool:
        """Keep an article for the group's write; it is counted as stored from now on (as the
        article-by-article writer counts it), and uncounted if the write fails."""
        if not self.members:
            self.started = time.monotonic()
        self.members.append(prepared)
        self._count([prepared], 1)
        return True

    def _count(self, batch: list[PreparedArticle], sign: int) -> None:
        self.report.articles += sign * len(batch)
        self.report.claims += sign * sum(len(p.claims) for p in batch)

    def commit(self, quiet: bool = False) -> None:
        batch, self.members = self.members, []
        if not batch:
            return
        try:
            self._write(batch)
        except self.integrity + self.bad_data as exc:
            self._rollback()
            self._count(batch, -1)
            if len(batch) == 1:
                self._settle(batch[0], exc)
            else:
                for p in batch:  # find the one that cannot be stored; keep the others
                    self._write_alone(p)
        except BaseException:
            self._count(batch, -1)
            with contextlib.suppress(Exception):
                self._rollback()
            if not quiet:
                raise

    def _write_alone(self, prepared: PreparedArticle) -> None:
        self._count([prepared], 1)
        try:
            self._write([prepared])
        except self.integrity + self.bad_data as exc:
            self._rollback()
            self._count([prepared], -1)
            self._settle(prepared, exc)

    def _settle(self, prepared: PreparedArticle, exc: BaseException) -> None:
        """One article that could not be written alone: stored meanwhile by a writer that does
        not take the lock (a duplicate), or refused by the server (one line)."""
        if isinstance(exc, self.integrity):
            self.report.duplicates += 1
        else:
            self.refuse(LoadError(prepared.item.origin, f"cannot be stored ({first_line(exc)})"))

    def _rollback(self) -> None:
        self.session.rollback()
        self.cache.forget()
        self.cache.preload(self.session)
        self.session.commit()

    def abandon(self) -> None:
        """The database failed: the open group cannot be written; forget it."""
        with contextlib.suppress(Exception):
            self.session.rollback()
        self._count(self.members, -1)
        self.members = []

    def _write(self, batch: list[PreparedArticle]) -> None:
        session, cache = self.session, self.cache
        conn = session.connection()
        cur = conn.connection.dbapi_connection.cursor()
        take_ingest_lock(cur)
        self.keyring.refresh(conn)
        cur.execute("SELECT content_hash FROM article WHERE content_hash = ANY(%s)", ([p.digest for p in batch],))
        stored = {r[0] for r in cur.fetchall()}
        fresh = [p for p in batch if p.digest not in stored]
        n_claims = sum(len(p.claims) for p in fresh)
        cur.execute("SELECT array(SELECT nextval(pg_get_serial_sequence('article', 'id')) FROM generate_series(1, %s)), "
                    "array(SELECT nextval(pg_get_serial_sequence('claim', 'id')) FROM generate_series(1, %s))",
                    (len(fresh), n_claims))
        article_ids, claim_ids = (sorted(ids) for ids in cur.fetchone())
        claim_ids_of: list[list[int]] = []
        at = 0
        for p in fresh:
            claim_ids_of.append(claim_ids[at:at + len(p.claims)])
            at += len(p.claims)
        links = self._links(conn, cur, fresh, article_ids, claim_ids_of)
        when = self._when(utcnow())
        cache.add_missing(session, [p.publisher[:5] for p in fresh if p.publisher]
                          + [c[3][:5] for p in fresh for c in p.claims if c[3] is not None])
        source_id_of = cache.source_id_of
        articles: list[tuple[Any, ...]] = []
        claims: list[tuple[Any, ...]] = []
        keys: list[tuple[int, int]] = []
        for p, aid, ids in zip(fresh, article_ids, claim_ids_of, strict=True):
            item, pub = p.item, p.publisher
            articles.append((aid, p.digest, item.title or "", item.text, p.language, item.url, item.author,
                             item.published, item.publisher, source_id_of(session, *pub[:5]) if pub else None,
                             pub[4] if pub else None, item.origin, item.encoding, when))
            text = item.text
            for seq, (cid, (start, end, attributed, src, cue, media, worth, features, norm, confidence)) in enumerate(
                    zip(ids, p.claims, strict=True)):
                if src is None:
                    sid = kind = mention = m_start = m_end = None
                else:
                    sid, kind = source_id_of(session, *src[:5]), src[2]
                    mention, m_start, m_end = (src[4], src[5], src[6]) if attributed else (None, None, None)
                seen, similarity = links.get(cid, (None, None))
                claims.append((cid, aid, seq, start, end, text[start:end], attributed, sid, kind, mention, m_start,
                               m_end, cue, media, worth, features, "unchecked", 1, norm, confidence, seen, similarity))
            for claim_keys, cid in zip(p.keys, ids, strict=True):
                keys.extend((k, cid) for k in claim_keys)
        keys.sort()  # in key order: the key index is filled page by page rather than all over
        _copy(cur, "article", _ARTICLE_COLS, articles)
        _copy(cur, "claim", _CLAIM_COLS, claims)
        _copy(cur, "claim_key", ("key", "claim_id"), keys)
        session.commit()
        stored_meanwhile = [p for p in batch if p.digest in stored]
        self._count(stored_meanwhile, -1)
        self.report.duplicates += len(stored_meanwhile)

    def _links(self, conn: Any, cur: Any, fresh: list[PreparedArticle], article_ids: list[int],
               claim_ids_of: list[list[int]]) -> dict[int, tuple[int, float]]:
        """The seen-before link of each new claim that has one (claim id -> earlier claim id,
        similarity), as the article-by-article writer makes them: each article compared with
        what is stored and with the articles before it in the group."""
        keyring, hot = self.keyring, self.keyring.hot
        every = sorted({k for p in fresh for keys in p.keys for k in keys if k not in hot})
        stored = keyring.lookup(conn, every) if every else {}
        in_group: dict[int, list[int]] = {}  # key -> claims of this group filed under it
        mine: dict[int, EarlierT] = {}
        picks_of: list[dict[int, list[int]]] = []
        for p, aid, ids in zip(fresh, article_ids, claim_ids_of, strict=True):
            wanted = sorted({k for keys in p.keys for k in keys if k not in hot})
            found = {}
            for k in wanted:
                cids = stored.get(k, []) + in_group.get(k, [])
                if cids:
                    found[k] = cids
            note_hot(hot, found)
            picks_of.append(rank_candidates(p.keys, found) if found else {})
            for claim_keys, cid in zip(p.keys, ids, strict=True):
                for k in claim_keys:
                    in_group.setdefault(k, []).append(cid)
            text = p.item.text
            for cid, c in zip(ids, p.claims, strict=True):
                mine[cid] = (cid, c[8], "unchecked", aid, text[c[0]:c[1]])
        wanted_rows = sorted({c for picks in picks_of for cs in picks.values() for c in cs if c not in mine})
        earlier: dict[int, EarlierT] = dict(mine)
        if wanted_rows:
            cur.execute("SELECT id, norm, status, article_id, text FROM claim WHERE id = ANY(%s)", (wanted_rows,))
            earlier.update((r[0], r) for r in cur.fetchall())
        links: dict[int, tuple[int, float]] = {}
        for p, aid, ids, picks in zip(fresh, article_ids, claim_ids_of, picks_of, strict=True):
            for i, cands in picks.items():
                best = closest_earlier(p.claims[i][8], cands, earlier, aid)
                if best is not None:
                    links[ids[i]] = best
        return links
