"""Gathering claims with everything a report needs: article, source, verdict, history, evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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


# Each format: what it is, and the file name extension it is written with.
FORMATS = {
    "claimreview": ("ClaimReview JSON-LD, for Google's Fact Check tools", "json"),
    "csv": ("CSV for spreadsheets (UTF-8 with a byte-order mark)", "csv"),
    "markdown": ("A Markdown report, article by article", "md"),
}


def export_text(
    items: list[ExportItem], fmt: str, *, org_name: str | None = None, org_url: str | None = None,
    review_url: str | None = None,
) -> str:
    """The export of `items` in one of FORMATS ("md" is markdown). ClaimReview settings fall back
    to WORKBENCH_ORG_NAME, WORKBENCH_ORG_URL and WORKBENCH_REVIEW_URL."""
    import os

    from workbench.errors import WorkbenchError

    fmt = {"md": "markdown"}.get(fmt.strip().lower(), fmt.strip().lower())
    if fmt == "claimreview":
        from workbench.export.claimreview import claim_reviews

        url = review_url or os.environ.get("WORKBENCH_REVIEW_URL") or "urn:workbench:claim:{id}"
        if "{id}" not in url and "{claim_id}" not in url:
            raise WorkbenchError("--review-url needs {id} where the claim id goes")
        reviews = claim_reviews(items, org_name=org_name or os.environ.get("WORKBENCH_ORG_NAME") or "workbench",
                                org_url=org_url or os.environ.get("WORKBENCH_ORG_URL"), review_url=url)
        from workbench.text.display import (
            safe_json,  # JSON, with nothing a terminal would obey left raw
        )

        return safe_json(reviews, indent=2) + "\n"
    if fmt == "csv":
        from workbench.export.tabular import to_csv

        return to_csv(items)
    if fmt == "markdown":
        from workbench.export.markdown import to_markdown

        return to_markdown(items)
    raise WorkbenchError(f"unknown format {fmt!r} (claimreview, csv or markdown)")


def write_export(path: Path, fmt: str, text: str) -> None:
    """Write an export: UTF-8 (CSV with a byte-order mark, so spreadsheets read Arabic)."""
    from workbench.errors import WorkbenchError

    try:
        path.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    except OSError as exc:
        raise WorkbenchError(f"{path}: cannot write: {exc.strerror or exc}") from exc


def export_to_file(db: Database, fmt: str, path: Path, *, statuses: list[Status] | None = None,
                   article_id: int | None = None) -> int:
    """Every verdict (or those of `statuses`) exported to `path`; how many claims it holds."""
    items = collect(db, statuses=statuses, article_id=article_id)
    write_export(path, fmt, export_text(items, fmt))
    return len(items)
