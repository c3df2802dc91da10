"""Claims: listing them for the queue and the CLI, and recording verdicts with their history."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import and_, bindparam, case, func, or_, select, update

from workbench.config import current_user
from workbench.errors import WorkbenchError
from workbench.services.rows import Reader
from workbench.storage.db import Database
from workbench.storage.models import (
    Article,
    Claim,
    Source,
    Status,
    StatusChange,
    stored_confidence,
    utcnow,
)
from workbench.storage.search import matching_claim_ids, vocabulary_table

if TYPE_CHECKING:
    from workbench.services.assignment import Workload


class NotFound(WorkbenchError):
    pass


class ConflictError(WorkbenchError):
    """The claim changed under us: somebody else wrote it since we read it."""

    def __init__(self, message: str, current: ClaimRow) -> None:
        super().__init__(message)
        self.current = current


@dataclass(slots=True)
class ClaimRow:
    id: int
    article_id: int
    article_title: str
    seq: int
    text: str
    start: int
    end: int
    attributed: bool
    source_id: int | None
    source_name: str | None
    source_kind: str | None
    source_reliability: str | None
    source_is_candidate: bool
    mention: str | None
    mention_start: int | None
    mention_end: int | None
    cue: str | None
    rests_on_media: bool
    checkworthiness: float
    features: list[str]
    status: str
    version: int
    updated_at: datetime | None
    updated_by: str | None
    language: str
    seen_before_id: int | None = None
    seen_similarity: float | None = None
    attribution_confidence: float | None = None  # the analyzer's, at ingest; None: stored before it gave one
    source_confirmed_by: str | None = None  # the checker who confirmed the attribution (or chose the source)
    source_confirmed_at: datetime | None = None
    assignee: str | None = None  # the checker who holds the claim (None: nobody)
    assigned_by: str | None = None  # who gave it to them
    assigned_at: datetime | None = None
    seen_before: dict[str, Any] | None = None  # the earlier claim: its verdict, when, where (read after)

    @property
    def source_confirmed(self) -> bool:
        """A checker confirmed the claim's attribution (its source, or that it has none) or chose it."""
        return self.source_confirmed_at is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "article_title": self.article_title,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "source": (
                {"name": self.source_name, "kind": self.source_kind, "reliability": self.source_reliability,
                 "mention": self.mention, "mention_start": self.mention_start, "mention_end": self.mention_end,
                 "candidate": self.source_is_candidate}
                if self.source_name is not None else None
            ),
            "attributed": self.attributed,
            "status": self.status,
            "status_label": Status(self.status).label,
            "status_label_ar": Status(self.status).label_ar,
            "cue": self.cue,
            "rests_on_media": self.rests_on_media,
            "checkworthiness": self.checkworthiness,
            "features": self.features,
            "version": self.version,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
            "updated_by": self.updated_by,
            "language": self.language,
            "seen_before": self.seen_before,
            "attribution_confidence": stored_confidence(self.attribution_confidence),
            "source_confirmed": self.source_confirmed,
            "source_confirmed_by": self.source_confirmed_by,
            "source_confirmed_at": self.source_confirmed_at.isoformat() if self.source_confirmed_at else None,
            "assignee": self.assignee,
            "assigned_by": self.assigned_by,
            "assigned_at": self.assigned_at.isoformat() if self.assigned_at else None,
        }


@dataclass(slots=True)
class HistoryEntry:
    at: datetime
    user: str
    from_status: str
    to_status: str


def _i(v: str | None) -> str | None:
    """Interned: a queue of 100,000 claims repeats the same titles, sources and statuses."""
    return sys.intern(v) if v is not None else None


_FEATURES: dict[str, list[str]] = {}
_FLOATS: dict[float, float] = {}


def _features(raw: str | None) -> list[str]:
    """One shared list per distinct feature set (rows never modify it)."""
    key = raw or ""
    found = _FEATURES.get(key)
    if found is None:
        found = _FEATURES[key] = [sys.intern(f) for f in key.split(",") if f]
    return found


def _float(v: float) -> float:
    return _FLOATS.setdefault(v, v) if len(_FLOATS) < 10_000 else v


def _title(v: str | None) -> str:
    return _i(v or "") or ""


def _status(v: str | None) -> str:
    return _i(v) or "unchecked"


def _language(v: str | None) -> str:
    return _i(v) or "und"


def _worth(v: Any) -> float:
    return _float(float(v))


def _confidence(v: float | None) -> float | None:
    c = stored_confidence(v)
    return _float(c) if c is not None else None


# What a claim's row shows, wherever it is listed (the conversions share repeated values).
_SHARED: dict[str, Callable[[Any], Any]] = {
    "article_title": _title, "attributed": bool, "source_name": _i, "source_kind": _i, "source_reliability": _i,
    "source_is_candidate": bool, "rests_on_media": bool, "checkworthiness": _worth, "features": _features,
    "status": _status, "updated_by": _i, "language": _language, "assignee": _i,
}

_CLAIMS = Reader(ClaimRow, {
    "id": Claim.id, "article_id": Claim.article_id, "article_title": Article.title, "seq": Claim.seq,
    "text": Claim.text, "start": Claim.start, "end": Claim.end, "attributed": Claim.attributed,
    "source_id": Claim.source_id, "source_name": Source.canonical, "source_kind": Claim.source_kind,
    "source_reliability": Source.reliability, "source_is_candidate": Source.is_candidate, "mention": Claim.mention,
    "mention_start": Claim.mention_start, "mention_end": Claim.mention_end, "cue": Claim.cue,
    "rests_on_media": Claim.rests_on_media, "checkworthiness": Claim.checkworthiness, "features": Claim.features,
    "status": Claim.status, "version": Claim.version, "updated_at": Claim.updated_at, "updated_by": Claim.updated_by,
    "language": Article.language, "seen_before_id": Claim.seen_before_id, "seen_similarity": Claim.seen_similarity,
    "attribution_confidence": Claim.attribution_confidence, "source_confirmed_by": Claim.source_confirmed_by,
    "source_confirmed_at": Claim.source_confirmed_at, "assignee": Claim.assignee, "assigned_by": Claim.assigned_by,
    "assigned_at": Claim.assigned_at,
}, convert={**_SHARED, "mention": _i, "cue": _i, "source_is_candidate": bool, "source_confirmed_by": _i,
            "attribution_confidence": _confidence, "assigned_by": _i})


def _base_query() -> Any:
    return (
        _CLAIMS.select()
        .join(Article, Article.id == Claim.article_id)
        .outerjoin(Source, Source.id == Claim.source_id)
    )


def list_claims(
    db: Database,
    *,
    status: Status | str | None = None,
    article_id: int | None = None,
    source_id: int | None = None,
    limit: int | None = None,
    after_id: int | None = None,
    changed_since: datetime | None = None,
    ids: list[int] | None = None,
    unconfirmed: bool = False,
    confidence_below: float | None = None,
    assignee: str | None = None,
    unassigned: bool = False,
) -> list[ClaimRow]:
    """Claims in queue order (article, then position), optionally filtered; keyset-paged by id.
    `unconfirmed`: only claims whose attribution no checker has confirmed yet; `confidence_below`:
    only claims the analyzer was less sure of than this, or gave no confidence for (stored before
    it did): what needs a look. `assignee`: only the claims this checker holds; `unassigned`:
    only those nobody holds."""
    q = _base_query()
    if assignee is not None:
        q = q.where(Claim.assignee == assignee)
    if unassigned:
        q = q.where(Claim.assignee.is_(None))
    if unconfirmed:
        q = q.where(Claim.source_confirmed_at.is_(None))
    if confidence_below is not None:
        q = q.where(or_(Claim.attribution_confidence.is_(None), Claim.attribution_confidence < confidence_below))
    if status is not None:
        q = q.where(Claim.status == Status(status).value)
    if article_id is not None:
        q = q.where(Claim.article_id == article_id)
    if source_id is not None:
        q = q.where(Claim.source_id == source_id, Claim.attributed.is_(True))
    if after_id is not None:
        q = q.where(Claim.id > after_id)
    if changed_since is not None:
        q = q.where(Claim.updated_at > changed_since)
    if ids is not None:
        if not ids:
            return []
        q = q.where(Claim.id.in_(ids))
    q = q.order_by(Claim.id)
    if limit is not None:
        q = q.limit(limit)
    with db.session() as s:
        rows = [_CLAIMS.build(r) for r in s.execute(q).all()]
        _attach_seen_before(s, rows)
        return rows


PREVIEW = 120  # characters of a claim in a queue row: more than its column shows on a wide screen


@dataclass(slots=True)
class QueueRow:
    """A claim as a queue of 100,000 lists it: what its row shows and its filters test, with the
    first PREVIEW characters of its text (a fifth of a `ClaimRow`'s memory; `get_claim` reads the
    claim whole when it is selected)."""

    id: int
    article_id: int
    article_title: str
    text: str
    cut: bool  # the text goes on beyond the preview
    attributed: bool
    source_id: int | None
    source_name: str | None
    source_kind: str | None
    source_reliability: str | None
    source_is_candidate: bool
    rests_on_media: bool
    checkworthiness: float
    features: list[str]
    status: str
    version: int
    updated_by: str | None
    language: str
    seen_before_id: int | None
    attribution_confidence: float | None = None  # see ClaimRow
    source_confirmed: bool = False
    assignee: str | None = None  # see ClaimRow

    @classmethod
    def of(cls, c: ClaimRow) -> QueueRow:
        """The queue's row of a claim read whole."""
        values = {name: getattr(c, name) for name in _QUEUE_FROM_CLAIM}
        return cls(**values, text=c.text[:PREVIEW], cut=len(c.text) > PREVIEW)


_QUEUE_FROM_CLAIM = [f.name for f in dataclasses.fields(QueueRow) if f.name not in ("text", "cut")]

_INTS: dict[int, int] = {}


def _shared_int(v: int | None) -> int | None:
    """One int object per article or source id: ten claims of an article share it."""
    if v is None or len(_INTS) > 200_000:
        return v
    return _INTS.setdefault(v, v)


_QUEUE = Reader(QueueRow, {
    "id": Claim.id, "article_id": Claim.article_id, "article_title": Article.title,
    "text": func.substr(Claim.text, 1, PREVIEW), "cut": func.length(Claim.text) > PREVIEW,
    "attributed": Claim.attributed, "source_id": Claim.source_id, "source_name": Source.canonical,
    "source_kind": Claim.source_kind, "source_reliability": Source.reliability, "source_is_candidate": Source.is_candidate,
    "rests_on_media": Claim.rests_on_media, "checkworthiness": Claim.checkworthiness, "features": Claim.features,
    "status": Claim.status, "version": Claim.version, "updated_by": Claim.updated_by, "language": Article.language,
    "seen_before_id": Claim.seen_before_id, "attribution_confidence": Claim.attribution_confidence,
    "source_confirmed": Claim.source_confirmed_at.is_not(None), "assignee": Claim.assignee,
}, convert={**_SHARED, "article_id": _shared_int, "source_id": _shared_int, "cut": bool,
            "attribution_confidence": _confidence, "source_confirmed": bool})


def list_queue(db: Database, *, after_id: int | None = None, limit: int | None = None) -> list[QueueRow]:
    """The queue's rows in order, keyset-paged by id (see `QueueRow`)."""
    q = (
        _QUEUE.select()
        .join(Article, Article.id == Claim.article_id)
        .outerjoin(Source, Source.id == Claim.source_id)
        .order_by(Claim.id)
    )
    if after_id is not None:
        q = q.where(Claim.id > after_id)
    if limit is not None:
        q = q.limit(limit)
    with db.session() as s:
        return [_QUEUE.build(r) for r in s.execute(q).all()]


def _attach_seen_before(s: Any, rows: list[ClaimRow]) -> None:
    """What became of the earlier claim each of these repeats ("checked before: disputed, …")."""
    ids = {r.seen_before_id for r in rows if r.seen_before_id is not None}
    if not ids:
        return
    found = {
        e[0]: e for e in s.execute(
            select(Claim.id, Claim.status, Claim.updated_at, Claim.article_id, Article.title, Article.published)
            .join(Article, Article.id == Claim.article_id)
            .where(Claim.id.in_(ids))
        ).all()
    }
    for r in rows:
        e = found.get(r.seen_before_id) if r.seen_before_id is not None else None
        if e is None:
            continue
        r.seen_before = {
            "claim_id": e[0], "status": e[1], "status_label": Status(e[1]).label,
            "updated_at": e[2].isoformat() if e[2] else None, "article_id": e[3], "article_title": e[4],
            "article_published": e[5], "similarity": r.seen_similarity,
        }


def get_claim(db: Database, claim_id: int) -> ClaimRow:
    with db.session() as s:
        r = s.execute(_base_query().where(Claim.id == claim_id)).first()
        if r is None:
            raise NotFound(f"no claim with id {claim_id}")
        row = _CLAIMS.build(r)
        _attach_seen_before(s, [row])
    return row


def set_status(
    db: Database,
    claim_id: int,
    status: Status | str,
    *,
    user: str | None = None,
    expected_version: int | None = None,
) -> ClaimRow:
    """Record a verdict. Written at once with its history entry, in one transaction.

    With `expected_version`, the write happens only if nobody changed the claim since it was read;
    otherwise ConflictError carries the claim as it now is."""
    new = Status(status).value if not isinstance(status, Status) else status.value
    who = current_user(user)
    with db.session(write=True) as s:
        cur = s.execute(select(Claim.status, Claim.version).where(Claim.id == claim_id)).first()
        if cur is None:
            raise NotFound(f"no claim with id {claim_id}")
        old, version = cur
        if expected_version is not None and version != expected_version:
            s.rollback()
            now = get_claim(db, claim_id)
            raise ConflictError(
                f"claim {claim_id} was changed by {now.updated_by or 'someone'} to {now.status} meanwhile",
                now,
            )
        if old == new:
            return get_claim(db, claim_id)
        now_ts = utcnow()
        result = s.execute(
            update(Claim)
            .where(and_(Claim.id == claim_id, Claim.version == version))
            .values(status=new, version=version + 1, updated_at=now_ts, updated_by=who)
        )
        if result.rowcount != 1:
            s.rollback()
            now = get_claim(db, claim_id)
            raise ConflictError(f"claim {claim_id} was changed meanwhile", now)
        s.add(StatusChange(claim_id=claim_id, at=now_ts, user=who, from_status=old, to_status=new))
        s.commit()
    return get_claim(db, claim_id)


@dataclass(slots=True)
class BatchResult:
    saved: list[ClaimRow]  # now with the new status (those that had it already included)
    conflicts: list[ClaimRow]  # changed by somebody else since they were read: as they now are


_W = TypeVar("_W")  # what a change over several claims wants of each (a checker, a confirmation)


@dataclass(slots=True)
class ClaimChanges:
    """What one change over several claims did, claim by claim (a confirmation of their sources,
    an assignment): each claim is in exactly one of the lists."""

    changed: list[ClaimRow] = dataclasses.field(default_factory=list)  # written now; as they now are
    unchanged: list[ClaimRow] = dataclasses.field(default_factory=list)  # already so: left as they were
    conflicts: list[ClaimRow] = dataclasses.field(default_factory=list)  # changed by somebody else since read: as they now are
    missing: list[int] = dataclasses.field(default_factory=list)  # no such claim

    @property
    def saved(self) -> list[ClaimRow]:
        """Every claim that is now as asked (changed now or already so)."""
        return [*self.changed, *self.unchanged]

    def sort(self, wanted: Mapping[int, tuple[_W, int | None]], current: Mapping[int, Any],
             same: Callable[[Any, _W], bool], write: Callable[[Any, _W], bool]) -> tuple[list[int], list[int], list[int]]:
        """Sort the claims asked for, `{id: (what is wanted, version read or None)}`, against
        their rows as read in the writing transaction (`row[1]`: the version): a claim that does
        not exist is kept in `missing`; one changed since it was read is a conflict; one already
        as wanted (`same`) is unchanged; the others are written (`write`), and one that another
        writer moved on between the read and the write (PostgreSQL) is a conflict too. Returns
        the ids (changed, unchanged, conflicts), for `fill` once the transaction is committed."""
        changed: list[int] = []
        unchanged: list[int] = []
        conflicts: list[int] = []
        for cid, (want, expected) in wanted.items():
            row = current.get(cid)
            if row is None:
                self.missing.append(cid)
            elif expected is not None and row[1] != expected:
                conflicts.append(cid)
            elif same(row, want):
                unchanged.append(cid)
            elif write(row, want):
                changed.append(cid)
            else:
                conflicts.append(cid)
        return changed, unchanged, conflicts

    def one(self, claim_id: int) -> ClaimRow:
        """The one claim a change was asked for, as it now is; NotFound if it does not exist,
        ConflictError (carrying it as it now is) if somebody changed it since it was read."""
        if self.missing:
            raise NotFound(f"no claim with id {claim_id}")
        if self.conflicts:
            now = self.conflicts[0]
            raise ConflictError(f"claim {claim_id} was changed by {now.updated_by or 'someone'} meanwhile", now)
        return self.saved[0]

    def fill(self, db: Database, changed: list[int], unchanged: list[int], conflicts: list[int]) -> ClaimChanges:
        """The claims of each list read as they now are (after the transaction that sorted them)."""
        rows = {r.id: r for r in list_claims(db, ids=changed + unchanged + conflicts)}
        self.changed = [rows[i] for i in changed]
        self.unchanged = [rows[i] for i in unchanged]
        self.conflicts = [rows[i] for i in conflicts]
        return self


def set_status_many(
    db: Database, claims: list[tuple[int, int | None]], status: Status | str, *, user: str | None = None,
) -> BatchResult:
    """Record one verdict on several claims, each `(id, version read)` (None: no check), in one
    transaction with a history entry each. A claim somebody changed since it was read is left as
    it is and returned among the conflicts; the others are saved."""
    return set_statuses(db, [(cid, status, version) for cid, version in claims], user=user)


def set_statuses(
    db: Database, changes: list[tuple[int, Status | str, int | None]], *, user: str | None = None,
) -> BatchResult:
    """Give each claim its own status, `(id, status, version read)`, in one transaction (an
    undo puts several claims back to what each of them was). As `set_status_many` otherwise."""
    who = current_user(user)
    if not changes:
        return BatchResult([], [])
    wanted = {cid: (Status(st).value, version) for cid, st, version in changes}
    saved: list[int] = []
    conflicts: list[int] = []
    with db.session(write=True) as s:
        current = {r[0]: (r[1], r[2]) for r in s.execute(
            select(Claim.id, Claim.status, Claim.version).where(Claim.id.in_(list(wanted)))).all()}
        missing = sorted(set(wanted) - set(current))
        if missing:
            raise NotFound(f"no claim with id {', '.join(map(str, missing))}")
        now_ts = utcnow()
        for cid, (new, expected) in wanted.items():
            old, version = current[cid]
            if expected is not None and version != expected:
                conflicts.append(cid)
                continue
            saved.append(cid)
            if old == new:
                continue
            s.execute(update(Claim).where(Claim.id == cid).values(
                status=new, version=version + 1, updated_at=now_ts, updated_by=who))
            s.add(StatusChange(claim_id=cid, at=now_ts, user=who, from_status=old, to_status=new))
        s.commit()
    rows = {r.id: r for r in list_claims(db, ids=saved + conflicts)}
    return BatchResult([rows[i] for i in saved], [rows[i] for i in conflicts])


_HISTORY = Reader(HistoryEntry, {"at": StatusChange.at, "user": StatusChange.user,
                                  "from_status": StatusChange.from_status, "to_status": StatusChange.to_status})


def claim_history(db: Database, claim_id: int) -> list[HistoryEntry]:
    with db.session() as s:
        rows = s.execute(_HISTORY.select().where(StatusChange.claim_id == claim_id).order_by(StatusChange.id)).all()
    return [_HISTORY.build(r) for r in rows]


@dataclass(slots=True)
class ArticleView:
    id: int
    title: str
    text: str
    language: str
    url: str | None
    published: str | None
    publisher: str | None
    publisher_mention: str | None


_ARTICLE = Reader(ArticleView, {
    "id": Article.id, "title": Article.title, "text": Article.text, "language": Article.language, "url": Article.url,
    "published": Article.published, "publisher": Source.canonical, "publisher_mention": Article.publisher_mention,
})


def get_article(db: Database, article_id: int) -> ArticleView:
    with db.session() as s:
        r = s.execute(
            _ARTICLE.select().outerjoin(Source, Source.id == Article.publisher_id).where(Article.id == article_id)
        ).first()
    if r is None:
        raise NotFound(f"no article with id {article_id}")
    return _ARTICLE.build(r)


def status_counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        rows = s.execute(select(Claim.status, func.count()).group_by(Claim.status)).all()
    counts = {st.value: 0 for st in Status}
    counts.update({k: int(v) for k, v in rows})
    return counts


def _typo_candidates(vocab: str, c: str, prefixes: tuple[str, ...]) -> tuple[Any, dict[str, Any]]:
    """A query for the index words that may be `c` (a word's core) with one typo, under any of
    `prefixes`: those whose rest, u, starts as c does (a typo further on), or has c's 3rd and 4th
    letters one place early or its 2nd and 3rd one place late (a typo in its 2nd letter), or
    starts with c's 2nd and 3rd (an extra first letter typed). The vocabulary is sorted, so each
    prefix and first letter is one range of it; the rest is checked there, in the database."""
    from sqlalchemy import text as sql

    def next_after(text: str) -> str:
        return text[:-1] + chr(ord(text[-1]) + 1)

    parts: list[str] = []
    params: dict[str, Any] = {"c01": c[0:2], "c23": c[2:4], "c12": c[1:3]}
    for i, p in enumerate(prefixes):
        k, n = len(p) + 1, len(p) + len(c)
        params.update({f"a{i}": p + c[0], f"b{i}": next_after(p + c[0]), f"x{i}": p + c[1:3],
                       f"y{i}": next_after(p + c[1:3]), f"lo{i}": n - 1, f"hi{i}": n + 1})
        parts.append(f"SELECT term FROM {vocab} WHERE term >= :a{i} AND term < :b{i} "
                     f"AND length(term) BETWEEN :lo{i} AND :hi{i} AND (substr(term, {k}, 2) = :c01 "
                     f"OR substr(term, {k + 1}, 2) = :c23 OR substr(term, {k + 2}, 2) = :c12)")
        parts.append(f"SELECT term FROM {vocab} WHERE term >= :x{i} AND term < :y{i} "
                     f"AND length(term) BETWEEN :lo{i} AND :hi{i}")
    return sql(" UNION ALL ".join(parts)), params


def search_terms(db: Database, query: str) -> list[list[str]]:
    """The index words each word of `query` stands for (see `workbench.text.searchwords`): its
    spellings under every prefix, and, for a longer word, the words one typo away. A word that
    stands for none leaves its list empty.

    The typo search reads only the stretches of the vocabulary (sorted, so each is a range)
    that start as the word can start: with any prefix, then its first letter, or its second (an
    extra first letter typed). A typo in the very first letter is the one it does not forgive."""
    import re

    from sqlalchemy import text as sql

    from workbench.text.normalize import fold
    from workbench.text.searchwords import PREFIXES, TYPO_FROM, core, is_arabic, near, spellings

    words = list(dict.fromkeys(re.findall(r"[^\W_]+", fold(query))))
    if not words:
        return []
    vocab = vocabulary_table(db.dialect)
    out: list[list[str]] = []
    with db.session() as s:
        for word in words:
            found = [r[0] for r in s.execute(sql(f"SELECT term FROM {vocab} WHERE term IN :t").bindparams(
                bindparam("t", expanding=True)), {"t": sorted(spellings(word))})]
            c = core(word)
            if len(c) >= TYPO_FROM:
                close = {r[0] for r in s.execute(*_typo_candidates(vocab, c, ("", *PREFIXES) if is_arabic(word) else ("",)))}
                found += [t for t in near(word, sorted(close)) if t not in found]
            out.append(found)
    return out


def search_claims(db: Database, query: str, *, limit: int = 500) -> list[ClaimRow]:
    """Claims that hold every word of `query`, however it is spelt: with or without diacritics,
    any hamza form, ة/ه, ى/ي, with or without ال و ف ب ل ك before it, and with one typo in a
    longer word. Best matches first. The query is data: the words it stands for are quoted for
    the full-text engine, never parsed as its syntax."""
    groups = search_terms(db, query)
    if not groups or not all(groups):
        return []
    with db.session() as s:
        ids = matching_claim_ids(s, db.dialect, groups, limit)
    rows = {r.id: r for r in list_claims(db, ids=ids)}
    return [rows[i] for i in ids if i in rows]


@dataclass(slots=True)
class Dashboard:
    total: int
    by_status: dict[str, int]
    by_source: list[tuple[str, str, int, int]]  # name, kind, claims, checked
    by_article: list[tuple[int, str, int, int]]  # id, title, claims, checked
    worth_checking: list[ClaimRow]
    workload: Workload  # who holds how many claims still to check, and what nobody holds


def dashboard(db: Database, *, top: int = 10) -> Dashboard:
    """Where the desk stands: counts by status, the most cited sources and the articles with the
    most claims (with how many have a verdict), the most check-worthy claims still unchecked, and
    who holds how many claims still to check."""
    from workbench.services.assignment import workload

    checked = func.sum(case((Claim.status.notin_(("unchecked", "in_progress")), 1), else_=0))
    with db.session() as s:
        total = s.execute(select(func.count()).select_from(Claim)).scalar_one()
        sources = s.execute(
            select(Source.canonical, Source.kind, func.count(), checked)
            .join(Claim, Claim.source_id == Source.id).where(Claim.attributed.is_(True))
            .group_by(Source.id, Source.canonical, Source.kind).order_by(func.count().desc()).limit(top)
        ).all()
        articles = s.execute(
            select(Article.id, Article.title, func.count(), checked)
            .join(Claim, Claim.article_id == Article.id)
            .group_by(Article.id, Article.title).order_by(func.count().desc(), Article.id).limit(top)
        ).all()
        ids = list(s.execute(
            select(Claim.id).where(Claim.status == "unchecked").order_by(Claim.checkworthiness.desc(), Claim.id).limit(top)
        ).scalars())
    worth = {r.id: r for r in list_claims(db, ids=ids)}
    return Dashboard(
        total=int(total), by_status=status_counts(db),
        by_source=[(n, k, int(c), int(v or 0)) for n, k, c, v in sources],
        by_article=[(i, t or f"Article {i}", int(c), int(v or 0)) for i, t, c, v in articles],
        worth_checking=[worth[i] for i in ids if i in worth], workload=workload(db),
    )


def count_claims(db: Database, *, own_voice_of: int | None = None) -> int:
    """Claims in the database; with `own_voice_of`, those a publisher makes in its own voice
    (its source, but attributed to nobody else: not listed among the claims citing it)."""
    q = select(func.count()).select_from(Claim)
    if own_voice_of is not None:
        q = q.where(Claim.source_id == own_voice_of, Claim.attributed.is_(False))
    with db.session() as s:
        return int(s.execute(q).scalar_one())
