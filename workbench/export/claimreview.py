"""ClaimReview (schema.org) JSON-LD, as Google's Fact Check tools read it.

Each verdict becomes a `ClaimReview` with `claimReviewed`, `reviewRating` (a `Rating` whose
`alternateName` is the verdict in words and whose `ratingValue` sits between `worstRating` 1 and
`bestRating` 5), `url` (the page where the checking organisation publishes the review),
`author` (that organisation), `datePublished` (the day of the verdict) and `itemReviewed`, a
`Claim` whose `author` is the attributed source (or the publisher, for a claim in its own
voice), `appearance` the article and `datePublished` the article's date.

A source is published as the claim's author only when a checker confirmed it (or chose it): the
analyzer's attribution is a guess, and a wrong source under a fact-check's name is worse than
none. Otherwise `author` is left out (schema.org does not require it) and `authorless` counts the
reviews so, for the exporter to say.
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
    claim: dict[str, Any] = {"@type": "Claim"}
    if _author_left_out(item) is None:
        who = c.source_name if c.attributed and c.source_name else (a.publisher or c.source_name)
        author_type = "Person" if c.attributed and c.source_kind in PERSON_KINDS else "Organization"
        claim["author"] = {"@type": author_type, "name": who}
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
    return [claim_review(i, **kw) for i in _reviewed(items)]


def _reviewed(items: list[ExportItem]) -> list[ExportItem]:
    return [i for i in items if Status(i.claim.status) in RATING]


UNCONFIRMED = "unconfirmed"  # no checker confirmed the claim's source
NO_PUBLISHER = "no_publisher"  # confirmed in the publisher's own voice, but no publisher is known


def _author_left_out(item: ExportItem) -> str | None:
    """Why the review's `itemReviewed` has no author (None: it has one)."""
    c, a = item.claim, item.article
    if not c.source_confirmed:
        return UNCONFIRMED
    if not (c.attributed and c.source_name) and not (a.publisher or c.source_name):
        return NO_PUBLISHER
    return None


def authorless(items: list[ExportItem]) -> dict[str, int]:
    """How many of the reviews of `items` leave `itemReviewed.author` out, by reason."""
    counts: dict[str, int] = {}
    for item in _reviewed(items):
        why = _author_left_out(item)
        if why is not None:
            counts[why] = counts.get(why, 0) + 1
    return counts


def without_author_note(counts: dict[str, int], total: int) -> str:
    """One line for the checker: how many reviews went out without the claim's author, and why."""
    n = sum(counts.values())
    why = []
    if counts.get(UNCONFIRMED):
        why.append(f"{counts[UNCONFIRMED]:,} with a source no checker confirmed (workbench sources confirm CLAIM…)")
    if counts.get(NO_PUBLISHER):
        why.append(f"{counts[NO_PUBLISHER]:,} in the publisher's own voice with no publisher known")
    return f"itemReviewed.author left out of {n:,} of {total:,} reviews: {'; '.join(why)}"
