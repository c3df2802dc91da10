"""The seen-before index: blocking keys of stored claims, and the link from each new claim to the
closest earlier claim of another article that says the same."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlmodel import Session

from workbench.ingest.pipeline import PreparedArticle
from workbench.storage.models import Claim, ClaimKey
from workbench.storage.search import index_new_claims
from workbench.text.normalize import fold
from workbench.text.similar import claim_keys, is_same_claim

_CLAIM = Claim.__table__
_KEY = ClaimKey.__table__


HOT_KEY = 20  # a word pair shared by more claims than this says nothing about any one of them
MAX_CANDIDATES = 8  # earlier claims compared with each new one, those sharing most keys first


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
        self._last_claim = 0  # the claims up to this one have their keys in the arrays

    def recover(self, conn: Any) -> int:
        index_new_claims(conn)
        last = conn.execute(select(func.coalesce(func.max(_KEY.c.claim_id), 0))).scalar_one()
        rows: list[tuple[int, int]] = []
        for cid, text in conn.execute(select(_CLAIM.c.id, _CLAIM.c.text).where(_CLAIM.c.id > last).order_by(_CLAIM.c.id)):
            rows.extend((k, cid) for k in claim_keys(fold(text)))
        insert_keys(conn, rows)
        return len(rows)

    def use_memory(self) -> None:
        """For a long run: read every stored key into memory (16 bytes a key) on first look-up."""
        self._in_memory = True

    def _ensure_loaded(self, conn: Any) -> None:
        if not self._in_memory or self._keys is not None:
            return
        self._last_claim = int(conn.exec_driver_sql("SELECT coalesce(max(claim_id), 0) FROM claim_key").scalar_one())
        pairs = np.array(conn.exec_driver_sql(f"SELECT key, claim_id FROM claim_key WHERE claim_id <= {self._last_claim}").all(),
                         dtype=np.int64).reshape(-1, 2)
        order = np.argsort(pairs[:, 0], kind="stable")
        self._keys, self._ids = pairs[order, 0], pairs[order, 1]

    def refresh(self, conn: Any) -> None:
        """Take in the keys other writers (and this one) wrote since the in-memory arrays were
        last read. Only for writers that file keys in the transaction of their claims and take
        the ingest lock first (see `workbench.ingest.bulk`): claim ids are then drawn in the
        order they are committed, so the keys of claims after the last one read are all that is new."""
        if self._keys is None:
            return  # not in memory: every look-up asks the database
        cur = conn.connection.dbapi_connection.cursor()  # plain tuples: numpy reads them at C speed
        # Bounded on both sides: a fresh table has no statistics yet, and "claim_id > n" alone
        # would be read as a third of it, a whole-table scan at every group.
        cur.execute(f"SELECT key, claim_id FROM claim_key WHERE claim_id > {int(self._last_claim)} "
                    "AND claim_id <= (SELECT max(id) FROM claim)")
        rows = cur.fetchall()
        if rows:
            pairs = np.array(rows, dtype=np.int64).reshape(-1, 2)
            self._last_claim = int(pairs[:, 1].max())
            self._absorb(pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))])

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
        rows = insert_keys(conn, self.rows)
        index_new_claims(conn)
        session.commit()
        self._absorb(rows)
        self.rows = []
        self.pending = {}  # the database (or the in-memory arrays) answers for these now


def insert_keys(conn: Any, rows: list[tuple[int, int]]) -> np.ndarray:
    """Write keys in key order, so the key index is filled page by page rather than all over;
    return them so, as an array of (key, claim id) rows."""
    pairs = np.array(rows, dtype=np.int64).reshape(-1, 2)
    pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]
    if len(pairs):
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        conn.connection.dbapi_connection.cursor().executemany(
            f"INSERT INTO claim_key (key, claim_id) VALUES ({mark}, {mark})", pairs.tolist())
    return pairs


def rank_candidates(keys_per_claim: list[list[int]], found: dict[int, list[int]]) -> dict[int, list[int]]:
    """For each claim (by position), the earlier claims sharing most of its keys (at least two, or
    its only one), most shared first, at most MAX_CANDIDATES; `found` lists the claims filed under
    each key."""
    picks: dict[int, list[int]] = {}
    for i, keys in enumerate(keys_per_claim):
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


def note_hot(hot: dict[int, int], found: dict[int, list[int]]) -> None:
    """Keys filed under more than HOT_KEY claims are forgotten for later articles."""
    hot.update((k, len(cids)) for k, cids in found.items() if len(cids) > HOT_KEY)


# An earlier claim as the comparison needs it: (id, norm, status, article id, text).
EarlierT = tuple[int, str, str, int, str]


def closest_earlier(norm: str, candidates: list[int], earlier: dict[int, EarlierT],
                    article_id: int) -> tuple[int, float] | None:
    """The earlier claim of another article that says the same as a claim (folded: `norm`),
    preferring one that already has a verdict, then the closest wording; with its similarity."""
    scored = []
    for cid in candidates:
        row = earlier.get(cid)
        if row is None or row[3] == article_id:
            continue
        same, score = is_same_claim(norm, row[1] or fold(row[4]))
        if same:
            has_verdict = row[2] not in ("unchecked", "in_progress")
            scored.append(((has_verdict, score, -cid), cid, score))
    if not scored:
        return None
    _rank, cid, score = max(scored)
    return cid, score


def _candidates(conn: Any, prepared: PreparedArticle, keyring: ClaimKeys) -> dict[int, list[int]]:
    hot = keyring.hot
    wanted = sorted({k for keys in prepared.keys for k in keys if k not in hot})
    if not wanted:
        return {}
    found = keyring.lookup(conn, wanted)
    if not found:
        return {}
    note_hot(hot, found)
    return rank_candidates(prepared.keys, found)


def link_seen_before(conn: Any, cur: Any, article_id: int, ids: list[int], prepared: PreparedArticle,
                     keyring: ClaimKeys) -> None:
    """Link each new claim (already stored: `ids`) to the closest earlier claim of another
    article that says the same; then file the new claims' keys."""
    picks = _candidates(conn, prepared, keyring)
    cids = sorted({c for cs in picks.values() for c in cs})
    if cids:
        # Ids are integers from the database, written into the statement (see ClaimKeys.lookup).
        cur.execute(f"SELECT id, norm, status, article_id, text FROM claim WHERE id IN ({','.join(map(str, cids))})")
        earlier = {r[0]: r for r in cur.fetchall()}
        updates = []
        for i, cands in picks.items():
            best = closest_earlier(prepared.claims[i][8], cands, earlier, article_id)
            if best is not None:
                updates.append((best[0], best[1], ids[i]))
        if updates:
            mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
            cur.executemany(
                f"UPDATE claim SET seen_before_id = {mark}, seen_similarity = {mark} WHERE id = {mark}", updates)
    keyring.add_all(prepared.keys, ids)
