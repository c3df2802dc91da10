"""Export: ClaimReview JSON-LD with every required and recommended field, CSV, Markdown."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import ARTICLES, FIXTURES, SEED
from tests.test_cli import run
from workbench.export.claimreview import claim_reviews
from workbench.export.markdown import to_markdown
from workbench.export.tabular import to_csv
from workbench.ingest.loaders import RawArticle
from workbench.services.claims import list_claims, set_status
from workbench.services.export import collect
from workbench.services.images import add_images, check_image_for_claim, record_image_outcome
from workbench.services.ingest import ingest_articles, ingest_paths
from workbench.storage.db import Database


def _verdicts(db: Database) -> None:
    ingest_paths(db, [SEED, ARTICLES / "en-madaya-convoy.md"])
    rows = list_claims(db)
    for row, status in zip(rows, ["false", "verified", "misleading", "disputed", "unverifiable"], strict=False):
        set_status(db, row.id, status, user="amal")


def test_claimreview_fields(db: Database) -> None:
    _verdicts(db)
    reviews = claim_reviews(collect(db), org_name="Misbar Desk", org_url="https://desk.example.org",
                            review_url="https://desk.example.org/claims/{id}")
    assert len(reviews) == 5
    for r in reviews:
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
        assert r["url"].startswith("https://desk.example.org/claims/")
        assert r["claimReviewed"]
        assert r["author"] == {"@type": "Organization", "name": "Misbar Desk", "url": "https://desk.example.org"}
        assert len(r["datePublished"]) == 10
        rating = r["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"]
        assert rating["worstRating"] == 1 and rating["bestRating"] == 5
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        item = r["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"]
        assert item["appearance"][0]["@type"] == "CreativeWork"
    by_word = {r["reviewRating"]["alternateName"]: r["reviewRating"]["ratingValue"] for r in reviews}
    assert by_word["False"] == 1 and by_word["True"] == 5 and by_word["Misleading"] == 2
    assert reviews[0]["itemReviewed"]["author"]["name"] == "Kulluna Shuraka"  # the publisher's own voice


def test_claim_author_and_dates_come_from_the_article(db: Database) -> None:
    ingest_articles(db, [RawArticle(
        text="The Syrian Observatory for Human Rights said 12 people were killed in the strikes on Monday.",
        title="Strikes", url="https://news.example.com/strikes", published="2016-12-03 10:00:00", origin="x")])
    claim = list_claims(db)[0]
    set_status(db, claim.id, "false")
    review = claim_reviews(collect(db), org_name="Desk", org_url=None, review_url="https://d.example/{id}")[0]
    item = review["itemReviewed"]
    assert item["author"] == {"@type": "Organization", "name": "Syrian Observatory for Human Rights"}
    assert item["datePublished"] == "2016-12-03"
    assert item["appearance"][0]["url"] == "https://news.example.com/strikes"


def test_csv_and_markdown(db: Database) -> None:
    _verdicts(db)
    add_images(db, [FIXTURES / "images" / "known"])
    media = next(c for c in list_claims(db) if c.rests_on_media)
    set_status(db, media.id, "false", user="omar")
    result, _ = check_image_for_claim(db, FIXTURES / "images" / "suspect" / "shared-on-social-media.jpg", media.id)
    record_image_outcome(db, media.id, result.matches[0].known_id, "same", note="recycled", user="omar")
    items = collect(db)
    rows = list(csv.DictReader(io.StringIO(to_csv(items))))
    assert len(rows) == len(items) >= 5
    assert {"claim", "source", "status", "status_ar"} <= set(rows[0])
    assert any("match" in r["image_checks"] for r in rows)
    md = to_markdown(items)
    assert md.startswith("# Fact-check report")
    assert "Photo check" in md and "Photo outcome" in md and "recycled" in md
    assert "History:" in md and "amal" in md


def test_markdown_escapes_article_text(db: Database) -> None:
    ingest_articles(db, [RawArticle(text="The ministry said [click](javascript:alert) **now** \x1b[31m and <b>more</b> people died.",
                                    title="# not a heading", origin="x")])
    set_status(db, list_claims(db)[0].id, "false")
    md = to_markdown(collect(db))
    assert "[click](javascript" not in md and "\\[click\\]" in md
    assert "\x1b" not in md and "<b>" not in md


def test_export_cli(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'e.db'}"
    assert run("ingest", str(SEED), "--db", url).returncode == 0
    cid = json.loads(run("claims", "--db", url, "--json").stdout)[0]["id"]
    assert run("mark", str(cid), "false", "--db", url).returncode == 0
    out = run("export", "--format", "claimreview", "--db", url, "--review-url", "https://d.example/c/{id}")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)[0]["url"] == f"https://d.example/c/{cid}"
    target = tmp_path / "report.csv"
    assert run("export", "-f", "csv", "--db", url, "-o", str(target)).returncode == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, for Excel and Arabic
    bad = run("export", "-f", "pdf", "--db", url)
    assert bad.returncode == 1 and bad.stderr.startswith("error: unknown format")
