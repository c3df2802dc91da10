"""ClaimReview (schema.org) JSON-LD, as Google's Fact Check tools read it.

Each verdict becomes a `ClaimReview` with `claimReviewed`, `reviewRating` (a `Rating` whose
`alternateName` is the verdict in words and whose `ratingValue` sits between `worstRating` 1 and
`bestRating` 5), `url` (the page where the checking organisation publishes the review),
`author` (that organisation), `datePublished` (the day of the verdict) and `itemReviewed`, a
`Claim` whose `author` is the attributed source, `appearance` the article and `datePublished`
the article's date.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from workbench.services.export import ExportItem
from workbench.storage.models import Status

RATING = {
    Status.false: (1, "False"),
    Status.misleading: (2, "Misleading"),
    Status.disputed: (3, "Disputed"),
    Status.unverifiable: (3, "Unverifiable"),
    Status.verified: (5, "True"),
}
PERSON_KINDS = ("person", "official")


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if m:
        return "-".join(m.groups())
    for fmt in ("%d/%m/%Y", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def claim_review(item: ExportItem, *, org_name: str, org_url: str | None, review_url: str) -> dict[str, Any]:
    c, a = item.claim, item.article
    status = Status(c.status)
    value, words = RATING[status]
    who = c.source_name if c.attributed and c.source_name else (a.publisher or c.source_name or "Unknown")
    author_type = "Person" if c.attributed and c.source_kind in PERSON_KINDS else "Organization"
    claim: dict[str, Any] = {"@type": "Claim", "author": {"@type": author_type, "name": who}}
    published = _iso_date(a.published)
    if published:
        claim["datePublished"] = published
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if a.url:
        appearance["url"] = a.url
    if a.title:
        appearance["headline"] = a.title
    if a.publisher:
        appearance["publisher"] = {"@type": "Organization", "name": a.publisher}
    claim["appearance"] = [appearance]
    claim["firstAppearance"] = appearance
    author: dict[str, Any] = {"@type": "Organization", "name": org_name}
    if org_url:
        author["url"] = org_url
    reviewed_on = (c.updated_at or datetime.now()).date().isoformat()
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": review_url.format(id=c.id, claim_id=c.id, article_id=c.article_id),
        "claimReviewed": c.text,
        "author": author,
        "datePublished": reviewed_on,
        "inLanguage": a.language,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": words,
            "ratingExplanation": f"{status.label} / {status.label_ar}",
        },
        "itemReviewed": claim,
    }


def claim_reviews(items: list[ExportItem], **kw: Any) -> list[dict[str, Any]]:
    return [claim_review(i, **kw) for i in items if Status(i.claim.status) in RATING]
