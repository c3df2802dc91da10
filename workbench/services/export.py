"""Gathering claims with everything a report needs: article, source, verdict, history, evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.services.claims import (
    ArticleView,
    ClaimRow,
    HistoryEntry,
    claim_history,
    get_article,
    list_claims,
)
from workbench.services.images import EvidenceRow, claim_evidence, known_image
from workbench.storage.db import Database
from workbench.storage.models import KnownImage, Status

VERDICTS = (Status.verified, Status.disputed, Status.false, Status.misleading, Status.unverifiable)


@dataclass
class ExportItem:
    claim: ClaimRow
    article: ArticleView
    history: list[HistoryEntry] = field(default_factory=list)
    evidence: list[EvidenceRow] = field(default_factory=list)
    known_images: dict[int, KnownImage] = field(default_factory=dict)


def collect(db: Database, *, statuses: list[Status] | None = None, article_id: int | None = None) -> list[ExportItem]:
    """Claims to export, in article order; by default those with a verdict."""
    wanted = {s.value for s in (statuses or list(VERDICTS))}
    rows = [r for r in list_claims(db, article_id=article_id) if r.status in wanted]
    articles: dict[int, ArticleView] = {}
    out = []
    for r in rows:
        if r.article_id not in articles:
            articles[r.article_id] = get_article(db, r.article_id)
        ev = claim_evidence(db, r.id)
        known = {}
        for e in ev:
            if e.known_image_id is not None and e.known_image_id not in known:
                known[e.known_image_id] = known_image(db, e.known_image_id)
        out.append(ExportItem(r, articles[r.article_id], claim_history(db, r.id), ev, known))
    return out
