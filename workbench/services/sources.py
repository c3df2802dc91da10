"""Source rows in the database: the registry synchronised in, candidates created on sight."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlmodel import Session

from workbench.errors import WorkbenchError
from workbench.services.rows import Reader
from workbench.sources.registry import KINDS, RELIABILITY, Registry
from workbench.storage.db import Database
from workbench.storage.models import Article, Claim, Source, SourceChange, utcnow
from workbench.text.normalize import match_key


def sync_registry(session: Session, registry: Registry) -> int:
    """Insert registry entries missing from the database; a checker's edits are never overwritten."""
    have = set(session.execute(select(Source.key)).scalars().all())
    rows = [
        {
            "key": s.key,
            "canonical": s.canonical,
            "kind": s.kind,
            "reliability": s.reliability,
            "aliases": json.dumps(list(s.aliases), ensure_ascii=False),
            "domains": json.dumps(list(s.domains), ensure_ascii=False),
            "is_candidate": False,
            "note": s.note,
            "created_at": utcnow(),
        }
        for s in registry.sources
        if s.key not in have
    ]
    if rows:
        session.execute(insert(Source), rows)
    return len(rows)


def candidate_key(canonical: str) -> str:
    return "cand:" + (match_key(canonical) or canonical.strip())[:190]


class SourceCache:
    """Source ids by key, so a batch of articles looks each source up once; a source met for the
    first time is inserted with a statement written once and sent straight to the driver."""

    _COLS = ("key", "canonical", "kind", "reliability", "aliases", "domains", "is_candidate", "note", "created_at")

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._loaded = False
        self._insert: str | None = None
        self._when: Any = None
        self.sql: Any = None  # prepared statements of the ingest hot path

    def preload(self, session: Session) -> None:
        """Read every source key once (the table is small next to the claims)."""
        rows = session.connection().execute(select(Source.key, Source.id)).all()
        self._ids = {k: int(i) for k, i in rows}
        self._loaded = True

    def source_id_of(self, session: Session, registry_key: str | None, canonical: str, kind: str,
                     reliability: str, mention: str) -> int:
        """The id of a source (registered, or a candidate made from how the article named it)."""
        key = registry_key or candidate_key(canonical)
        sid = self._ids.get(key)
        if sid is not None:
            return sid
        conn = session.connection()
        found = None if self._loaded else conn.execute(select(Source.id).where(Source.key == key)).scalar()
        if found is None:
            if self._insert is None:
                dialect = conn.dialect
                mark = "?" if dialect.paramstyle == "qmark" else "%s"
                cols = ", ".join(dialect.identifier_preparer.quote(c) for c in self._COLS)
                # On PostgreSQL another ingest may have added the same candidate since this one read
                # the sources: its row is the one to use (a no-op update, so RETURNING gives it).
                upsert = " ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key" if dialect.name == "postgresql" else ""
                self._insert = (f"INSERT INTO source ({cols}) VALUES ({', '.join([mark] * len(self._COLS))})"
                                f"{upsert} RETURNING id")
                self._when = Source.__table__.c.created_at.type.bind_processor(dialect) or (lambda v: v)
            found = conn.exec_driver_sql(self._insert, (
                key, canonical, kind if kind != "publisher" else "outlet", reliability,
                json.dumps([mention], ensure_ascii=False), "[]", registry_key is None, "", self._when(utcnow()),
            )).scalar_one()
        self._ids[key] = int(found)
        return int(found)

    def add_missing(self, session: Session, sources: list[tuple[str | None, str, str, str, str]]) -> None:
        """Make sure every source of `sources` (registry key, canonical, kind, reliability, mention)
        has an id, inserting the new ones in one statement (PostgreSQL: one round trip for a whole
        group of articles, instead of one a source). A source another writer added meanwhile is
        taken as it is."""
        new: dict[str, tuple[Any, ...]] = {}
        when = None
        for registry_key, canonical, kind, reliability, mention in sources:
            key = registry_key or candidate_key(canonical)
            if key in self._ids or key in new:
                continue
            if when is None:
                when = Source.__table__.c.created_at.type.bind_processor(session.get_bind().dialect)
                when = (when or (lambda v: v))(utcnow())
            new[key] = (key, canonical, kind if kind != "publisher" else "outlet", reliability,
                        json.dumps([mention], ensure_ascii=False), "[]", registry_key is None, "", when)
        if not new:
            return
        cols = ", ".join(f'"{c}"' for c in self._COLS)
        values = ", ".join("(" + ", ".join(["%s"] * len(self._COLS)) + ")" for _ in new)
        cur = session.connection().connection.dbapi_connection.cursor()
        cur.execute(f"INSERT INTO source ({cols}) VALUES {values} ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key "
                    "RETURNING key, id", [v for row in new.values() for v in row])
        self._ids.update((k, int(i)) for k, i in cur.fetchall())

    def forget(self) -> None:
        """After a rollback, ids created in it are gone."""
        self._ids.clear()
        self._loaded = False


# ---------------------------------------------------------------- the registry in the database


@dataclass(slots=True)
class SourceRow:
    id: int
    key: str
    canonical: str
    kind: str
    reliability: str
    aliases: list[str]
    domains: list[str]
    is_candidate: bool
    claims: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "key": self.key, "canonical": self.canonical, "kind": self.kind,
            "reliability": self.reliability, "aliases": self.aliases, "domains": self.domains,
            "candidate": self.is_candidate, "claims": self.claims,
        }


def list_sources(db: Database, *, candidates: bool | None = None, kind: str | None = None) -> list[SourceRow]:
    """Sources with how many claims cite them, most cited first."""
    counts = (
        select(Claim.source_id, func.count().label("n"))
        .where(Claim.attributed.is_(True))
        .group_by(Claim.source_id)
        .subquery()
    )
    q = select(Source, func.coalesce(counts.c.n, 0)).outerjoin(counts, counts.c.source_id == Source.id)
    if candidates is not None:
        q = q.where(Source.is_candidate.is_(candidates))
    if kind is not None:
        q = q.where(Source.kind == kind)
    q = q.order_by(func.coalesce(counts.c.n, 0).desc(), Source.canonical)
    with db.session() as s:
        return [_source_row(src, n) for src, n in s.execute(q).all()]


def _source_row(src: Source, n: int) -> SourceRow:
    return SourceRow(
        id=int(src.id or 0), key=src.key, canonical=src.canonical, kind=src.kind,
        reliability=src.reliability, aliases=json.loads(src.aliases or "[]"),
        domains=json.loads(src.domains or "[]"), is_candidate=bool(src.is_candidate), claims=int(n),
    )


def get_source(db: Database, source_id: int) -> SourceRow:
    for row in list_sources(db):
        if row.id == source_id:
            return row
    raise WorkbenchError(f"no source with id {source_id}")


def _load(s: Session, source_id: int) -> Source:
    src = s.get(Source, source_id)
    if src is None:
        raise WorkbenchError(f"no source with id {source_id}")
    return src


@dataclass(slots=True)
class SourceChangeRow:
    at: Any
    user: str
    what: str
    old: str | None
    new: str | None

    def to_json(self) -> dict[str, Any]:
        return {"at": self.at.isoformat() if self.at else None, "user": self.user, "what": self.what,
                "old": self.old, "new": self.new}


_HISTORY = Reader(SourceChangeRow, {"at": SourceChange.at, "user": SourceChange.user, "what": SourceChange.what,
                                     "old": SourceChange.old, "new": SourceChange.new})


def source_history(db: Database, source_id: int) -> list[SourceChangeRow]:
    """Who changed the source, what and when, oldest first."""
    with db.session() as s:
        rows = s.execute(_HISTORY.select().where(SourceChange.source_id == source_id).order_by(SourceChange.id)).all()
    return [_HISTORY.build(r) for r in rows]


def update_source(
    db: Database,
    source_id: int,
    *,
    canonical: str | None = None,
    kind: str | None = None,
    reliability: str | None = None,
    accept: bool = False,
    user: str | None = None,
    expected_reliability: str | None = None,
) -> SourceRow:
    """Rename, re-kind, rate or accept a source (a candidate becomes a registry source); each
    change is kept in the source's history with who made it. With `expected_reliability`, the
    rating is changed only if it still is that (an undo must not overwrite a colleague's
    rating): otherwise ConflictError carries the source as it now is."""
    from workbench.config import current_user
    from workbench.services.claims import ConflictError

    if kind is not None and kind not in KINDS:
        raise WorkbenchError(f"unknown kind {kind!r} (one of: {', '.join(KINDS)})")
    if reliability is not None:
        reliability = reliability.replace("-", " ").replace("_", " ").strip().lower()
        if reliability not in RELIABILITY:
            raise WorkbenchError(f"unknown reliability {reliability!r} (one of: {', '.join(RELIABILITY)})")
    who, now = current_user(user), utcnow()
    with db.session(write=True) as s:
        src = _load(s, source_id)
        if expected_reliability is not None and src.reliability != expected_reliability:
            s.rollback()
            last = next((h for h in reversed(source_history(db, source_id)) if h.what == "reliability"), None)
            by = f" by {last.user}" if last is not None else ""
            raise ConflictError(f"source {source_id} was rated {src.reliability}{by} meanwhile", get_source(db, source_id))
        changes: list[tuple[str, str | None, str | None]] = []
        if canonical is not None:
            name = canonical.strip()
            if not name:
                raise WorkbenchError("a source needs a name")
            aliases = json.loads(src.aliases or "[]")
            if src.canonical not in aliases:
                aliases.append(src.canonical)
            src.aliases = json.dumps(aliases, ensure_ascii=False)
            if name != src.canonical:
                changes.append(("name", src.canonical, name))
            src.canonical = name
        if kind is not None and kind != src.kind:
            changes.append(("kind", src.kind, kind))
            src.kind = kind
        if reliability is not None and reliability != src.reliability:
            changes.append(("reliability", src.reliability, reliability))
            src.reliability = reliability
        if (accept or canonical is not None) and src.is_candidate:
            changes.append(("accepted", None, None))
            src.is_candidate = False
        s.add(src)
        for what, old, new in changes:
            s.add(SourceChange(source_id=source_id, at=now, user=who, what=what, old=old, new=new))
        s.commit()
    return get_source(db, source_id)


def merge_sources(db: Database, source_id: int, into_id: int, *, user: str | None = None) -> SourceRow:
    """Fold one source into another: its claims and articles move, its names become aliases, its
    history joins the other's, with the merge itself."""
    from workbench.config import current_user

    if source_id == into_id:
        raise WorkbenchError("a source cannot be merged into itself")
    with db.session(write=True) as s:
        src = _load(s, source_id)
        dst = _load(s, into_id)
        aliases = json.loads(dst.aliases or "[]")
        for name in [src.canonical, *json.loads(src.aliases or "[]")]:
            if name not in aliases and name != dst.canonical:
                aliases.append(name)
        dst.aliases = json.dumps(aliases, ensure_ascii=False)
        s.execute(update(Claim).where(Claim.source_id == source_id).values(source_id=into_id))
        s.execute(update(Article).where(Article.publisher_id == source_id).values(publisher_id=into_id))
        s.execute(update(SourceChange).where(SourceChange.source_id == source_id).values(source_id=into_id))
        s.add(SourceChange(source_id=into_id, at=utcnow(), user=current_user(user), what="merged",
                           old=src.canonical, new=dst.canonical))
        s.add(dst)
        s.flush()
        s.delete(src)
        s.commit()
    return get_source(db, into_id)


def reassign_source(
    db: Database,
    claim_id: int,
    *,
    source_id: int | None = None,
    new_name: str | None = None,
    user: str | None = None,
    expected_version: int | None = None,
) -> int:
    """Attribute a claim to another source: one already known (`source_id`) or a new candidate
    named by the checker (`new_name`). The change is kept on the claim as evidence ("source: A →
    B", who, when) and counts as a change of the claim (its version moves on, so a colleague's
    stale write is refused). A source a checker chooses is confirmed by that choice (see
    `workbench.services.attribution`); choosing the source the claim already has confirms it.
    Returns the source's id."""
    from workbench.config import current_user
    from workbench.services.attribution import CONFIRMED, REATTRIBUTED
    from workbench.services.claims import ConflictError, NotFound, get_claim
    from workbench.storage.models import Evidence

    if (source_id is None) == (new_name is None or not new_name.strip()):
        raise WorkbenchError("give either a known source or the name of a new one")
    who = current_user(user)
    with db.session(write=True) as s:
        claim = s.get(Claim, claim_id)
        if claim is None:
            raise NotFound(f"no claim with id {claim_id}")
        if expected_version is not None and claim.version != expected_version:
            s.rollback()
            now = get_claim(db, claim_id)
            raise ConflictError(f"claim {claim_id} was changed by {now.updated_by or 'someone'} meanwhile", now)
        old = s.get(Source, claim.source_id) if claim.source_id is not None else None
        if source_id is not None:
            src = _load(s, source_id)
        else:
            name = (new_name or "").strip()
            key = candidate_key(name)
            src = s.execute(select(Source).where(Source.key == key)).scalar_one_or_none() or Source(
                key=key, canonical=name, kind="person", reliability="unknown",
                aliases=json.dumps([name], ensure_ascii=False), domains="[]", is_candidate=True, note="",
                created_at=utcnow())
            s.add(src)
            s.flush()
        same = old is not None and old.id == src.id and claim.attributed
        if same and claim.source_confirmed_at is not None:
            return int(src.id or 0)
        before = old.canonical if old is not None and claim.attributed else "none"  # or the publisher's own voice
        now_ts = utcnow()
        # Written only if the claim is still as read (PostgreSQL lets another writer in meanwhile).
        written = s.execute(
            update(Claim).where(Claim.id == claim_id, Claim.version == claim.version).values(
                source_id=src.id, source_kind=src.kind, attributed=True, version=claim.version + 1,
                updated_at=now_ts, updated_by=who, source_confirmed_by=who, source_confirmed_at=now_ts)
        )
        if written.rowcount != 1:
            s.rollback()
            now = get_claim(db, claim_id)
            raise ConflictError(f"claim {claim_id} was changed by {now.updated_by or 'someone'} meanwhile", now)
        kind, note = (CONFIRMED, src.canonical) if same else (REATTRIBUTED, f"{before} → {src.canonical}")
        s.add(Evidence(claim_id=claim_id, kind=kind, note=note, user=who, at=now_ts))
        s.commit()
        return int(src.id or 0)


def find_source(db: Database, name: str) -> int | None:
    """The id of the source this name or alias is (spelling folded), if exactly one is."""
    want = match_key(name)
    with db.session() as s:
        rows = s.execute(select(Source.id, Source.canonical, Source.aliases)).all()
    hits = {i for i, canonical, aliases in rows
            if want and want in {match_key(n) for n in [canonical, *json.loads(aliases or "[]")]}}
    return hits.pop() if len(hits) == 1 else None
