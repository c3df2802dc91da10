"""CSV for spreadsheets: one row a claim, UTF-8 with a byte-order mark so Excel reads Arabic.

Cells are data, never formulas or terminal commands: text beginning with = + - @ (or a tab or a
carriage return, which spreadsheets skip before looking) gets a leading apostrophe, as OWASP
advises for CSV injection, so `=HYPERLINK(...)` in an article shows as text; control characters
and bidi controls are shown, not written raw (`make_visible`).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from workbench.services.export import ExportItem
from workbench.storage.models import Status
from workbench.text.display import make_visible

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A value fit for a spreadsheet cell: numbers as they are, text neutralised."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(_FORMULA_START):
        value = "'" + value
    return make_visible(value)

COLUMNS = (
    "claim_id", "article_id", "article_title", "article_url", "article_published", "publisher", "language",
    "claim", "start", "end", "attributed", "source", "source_kind", "source_reliability", "mention", "cue",
    "status", "status_ar", "checkworthiness", "features", "rests_on_media", "updated_by", "updated_at",
    "seen_before_claim", "seen_before_status", "image_checks", "image_outcomes",
    # Whether a checker confirmed the source (1) or it is the analyzer's guess (0), with its confidence.
    "attribution_confidence", "source_confirmed", "source_confirmed_by", "source_confirmed_at",
    # Added later again, at the end, so that spreadsheets reading by position keep working.
    "notes", "links", "history",
    # The checker who holds the claim, who gave it to them and when (empty: nobody).
    "assignee", "assigned_by", "assigned_at",
)


def to_csv(items: list[ExportItem]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(COLUMNS)
    for it in items:
        c, a = it.claim, it.article
        checks = "; ".join(f"{e.verdict} #{e.known_image_id}" if e.known_image_id else "none"
                           for e in it.evidence if e.kind == "image_check")
        outcomes = "; ".join(f"{e.outcome} #{e.known_image_id}" for e in it.evidence if e.kind == "image_outcome")
        notes = "; ".join(f"{e.at:%Y-%m-%d %H:%M} {e.user}: {e.note}" for e in it.evidence
                          if e.kind in ("note", "source") or (e.kind == "link" and e.note))
        links = "; ".join(e.url for e in it.evidence if e.kind == "link" and e.url)
        history = "; ".join(f"{h.at:%Y-%m-%d %H:%M} {h.user}: {h.from_status} → {h.to_status}" for h in it.history)
        w.writerow([_cell(v) for v in (
            c.id, c.article_id, a.title, a.url or "", a.published or "", a.publisher or "", a.language,
            c.text, c.start, c.end, int(c.attributed), c.source_name or "", c.source_kind or "",
            c.source_reliability or "", c.mention or "", c.cue or "", c.status, Status(c.status).label_ar,
            c.checkworthiness, " ".join(c.features), int(c.rests_on_media), c.updated_by or "",
            c.updated_at.isoformat() if c.updated_at else "",
            (c.seen_before or {}).get("claim_id", ""), (c.seen_before or {}).get("status", ""), checks, outcomes,
            "" if c.attribution_confidence is None else f"{c.attribution_confidence:.3f}", int(c.source_confirmed),
            c.source_confirmed_by or "", c.source_confirmed_at.isoformat() if c.source_confirmed_at else "",
            notes, links, history,
            c.assignee or "", c.assigned_by or "", c.assigned_at.isoformat() if c.assigned_at else "",
        )])
    return buf.getvalue()
