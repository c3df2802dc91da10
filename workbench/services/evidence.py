"""Evidence on claims: notes, links, photo checks and outcomes, source changes, in the order they
were added, with who and when. Reading it needs no image library: the desk shows a claim's
evidence without loading what matching photos takes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select

from workbench.config import current_user
from workbench.errors import WorkbenchError
from workbench.services.claims import NotFound
from workbench.storage.db import Database
from workbench.storage.models import Claim, Evidence, KnownImage, utcnow

_KNOWN = KnownImage.__table__
_EVIDENCE = Evidence.__table__


@dataclass(slots=True)
class EvidenceRow:
    id: int
    claim_id: int
    kind: str
    path: str | None
    known_image_id: int | None
    distance: int | None
    correlation: float | None
    verdict: str | None
    outcome: str | None
    url: str | None
    note: str
    user: str
    at: Any
    # The matched image's provenance, for a photo check or outcome (what the evidence rests on).
    known_source: str | None = None
    known_first_seen: str | None = None
    known_caption: str | None = None
    known_url: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: (v.isoformat() if k == "at" and v is not None else v) for k, v in
                ((f, getattr(self, f)) for f in self.__slots__)}


def _require_claim(conn: Any, claim_id: int) -> None:
    if conn.execute(select(Claim.__table__.c.id).where(Claim.__table__.c.id == claim_id)).first() is None:
        raise NotFound(f"no claim with id {claim_id}")


def claim_evidence(db: Database, claim_id: int) -> list[EvidenceRow]:
    with db.engine.connect() as conn:
        rows = conn.execute(
            select(_EVIDENCE, _KNOWN.c.source.label("known_source"), _KNOWN.c.first_seen.label("known_first_seen"),
                   _KNOWN.c.caption.label("known_caption"), _KNOWN.c.url.label("known_url"))
            .outerjoin(_KNOWN, _KNOWN.c.id == _EVIDENCE.c.known_image_id)
            .where(_EVIDENCE.c.claim_id == claim_id).order_by(_EVIDENCE.c.id)
        ).all()
    return [EvidenceRow(r.id, r.claim_id, r.kind, r.path, r.known_image_id, r.distance, r.correlation, r.verdict,
                        r.outcome, r.url, r.note, r.user, r.at, r.known_source, r.known_first_seen, r.known_caption,
                        r.known_url) for r in rows]


def add_evidence(db: Database, claim_id: int, *, note: str = "", url: str | None = None,
                 user: str | None = None) -> int:
    """A note or a link on a claim (kind "link" when a URL is given), kept in its history."""
    return add_evidence_many(db, [claim_id], note=note, url=url, user=user)[0]


def add_evidence_many(db: Database, claim_ids: list[int], *, note: str = "", url: str | None = None,
                      user: str | None = None) -> list[int]:
    """The same note or link on several claims, in one transaction (all of them, or none)."""
    # Imported here: reading evidence (the detail panel) needs no charset detector.
    from workbench.text.encoding import utf8_text

    note, url = utf8_text(note).strip(), utf8_text(url or "").strip() or None
    if not note and not url:
        raise WorkbenchError("nothing to add: give a note or a link")
    if url is not None and not url.lower().startswith(("http://", "https://")):
        raise WorkbenchError(f"not a web link: {url!r} (http:// or https://)")
    who, now = current_user(user), utcnow()
    with db.begin_write() as conn:
        for claim_id in claim_ids:
            _require_claim(conn, claim_id)
        return [int(i) for i in conn.execute(insert(_EVIDENCE).returning(_EVIDENCE.c.id), [{
            "claim_id": claim_id, "kind": "link" if url else "note", "path": None, "sha256": None,
            "known_image_id": None, "distance": None, "correlation": None, "verdict": None, "outcome": None,
            "url": url, "note": note, "user": who, "at": now,
        } for claim_id in claim_ids]).scalars().all()]
