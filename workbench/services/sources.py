"""Source rows in the database: the registry synchronised in, candidates created on sight."""

from __future__ import annotations

import json

from sqlalchemy import insert, select
from sqlmodel import Session

from workbench.sources.registry import Registry
from workbench.storage.models import Source, utcnow
from workbench.text.analyzer import SourceInfo
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


def candidate_key(info: SourceInfo) -> str:
    return "cand:" + (match_key(info.canonical) or info.canonical.strip())[:190]


class SourceCache:
    """Source ids by key, so a batch of articles looks each source up once."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._loaded = False

    def preload(self, session: Session) -> None:
        """Read every source key once (the table is small next to the claims)."""
        rows = session.connection().execute(select(Source.key, Source.id)).all()
        self._ids = {k: int(i) for k, i in rows}
        self._loaded = True

    def source_id(self, session: Session, info: SourceInfo) -> int:
        key = info.key or candidate_key(info)
        sid = self._ids.get(key)
        if sid is not None:
            return sid
        conn = session.connection()
        found = None if self._loaded else conn.execute(select(Source.id).where(Source.key == key)).scalar()
        if found is None:
            found = conn.execute(
                insert(Source.__table__).returning(Source.__table__.c.id),
                [{
                    "key": key,
                    "canonical": info.canonical,
                    "kind": info.kind if info.kind != "publisher" else "outlet",
                    "reliability": info.reliability,
                    "aliases": json.dumps([info.mention], ensure_ascii=False),
                    "domains": "[]",
                    "is_candidate": info.key is None,
                    "note": "",
                    "created_at": utcnow(),
                }],
            ).scalar_one()
        self._ids[key] = int(found)
        return int(found)

    def forget(self) -> None:
        """After a rollback, ids created in it are gone."""
        self._ids.clear()
        self._loaded = False
