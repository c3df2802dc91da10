"""Export: ClaimReview JSON-LD with every required and recommended field, CSV, Markdown."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import ARTICLES, FIXTURES, SEED
from tests.test_cli import run
from workbench.export.claimreview import authorless, claim_reviews, without_author_note
from workbench.export.markdown import to_markdown
from workbench.export.tabular import to_csv
from workbench.ingest.loaders import RawArticle
from workbench.ingest.run import ingest_articles, ingest_paths
from workbench.services.assignment import assign_claims
from workbench.services.attribution import confirm_source, confirm_sources
from workbench.services.claims import list_claims, set_status
from workbench.services.export import collect
from workbench.services.images import add_images, check_image_for_claim, record_image_outcome
from workbench.storage.db import Database


def _verdicts(db: Database, *, confirm: bool = True) -> None:
    ingest_paths(db, [SEED, ARTICLES / "en-madaya-convoy.md"])
    rows = list_claims(db)
    for row, status in zip(rows, ["false", "verified", "misleading", "disputed", "unverifiable"], strict=False):
        set_status(db, row.id, status, user="amal")
    if confirm:
        confirm_sources(db, [(r.id, None) for r in rows[:5]], user="amal")


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
    confirm_source(db, claim.id)
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
    assign_claims(db, [(media.id, None)], "=huda", user="omar")  # a formula-like name stays text
    items = collect(db)
    rows = list(csv.DictReader(io.StringIO(to_csv(items))))
    assert len(rows) == len(items) >= 5
    assert {"claim", "source", "status", "status_ar"} <= set(rows[0])
    held = next(r for r in rows if r["claim_id"] == str(media.id))
    assert (held["assignee"], held["assigned_by"]) == ("'=huda", "omar") and held["assigned_at"]
    assert all(r["assignee"] == "" for r in rows if r is not held)
    assert any("match" in r["image_checks"] for r in rows)
    md = to_markdown(items)
    assert md.startswith("# Fact-check report")
    assert "Photo check" in md and "Photo outcome" in md and "recycled" in md
    assert "History:" in md and "amal" in md
    assert md.count("**Checker:**") == 1 and "=huda (assigned by omar, " in md


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


def test_claimreview_names_the_claims_author_only_when_a_checker_confirmed_the_source(db: Database) -> None:
    _verdicts(db, confirm=False)
    items = collect(db)
    reviews = claim_reviews(items, org_name="Desk", org_url=None, review_url="https://d.example/{id}")
    assert len(reviews) == 5 and all("author" not in r["itemReviewed"] for r in reviews)
    assert authorless(items) == {"unconfirmed": 5}
    attributed = next(i.claim for i in items if i.claim.attributed)
    own_voice = next(i.claim for i in items if not i.claim.attributed)
    confirm_sources(db, [(attributed.id, attributed.version), (own_voice.id, own_voice.version)], user="amal")
    items = collect(db)
    reviews = {r["url"]: r["itemReviewed"] for r in claim_reviews(items, org_name="Desk", org_url=None,
                                                                   review_url="https://d.example/{id}")}
    assert reviews[f"https://d.example/{attributed.id}"]["author"]["name"] == attributed.source_name
    assert reviews[f"https://d.example/{own_voice.id}"]["author"] == {"@type": "Organization", "name": "Kulluna Shuraka"}
    assert sum("author" in r for r in reviews.values()) == 2
    assert authorless(items) == {"unconfirmed": 3}
    note = without_author_note(authorless(items), len(reviews))
    assert "\n" not in note and note.startswith("itemReviewed.author left out of 3 of 5 reviews")


def test_exports_say_whether_each_source_is_confirmed_and_how_sure_the_analyzer_was(db: Database) -> None:
    _verdicts(db, confirm=False)
    first = list_claims(db)[0]
    confirm_source(db, first.id, user="amal")
    items = collect(db)
    rows = {int(r["claim_id"]): r for r in csv.DictReader(io.StringIO(to_csv(items)))}
    assert rows[first.id]["source_confirmed"] == "1" and rows[first.id]["source_confirmed_by"] == "amal"
    assert rows[first.id]["source_confirmed_at"].startswith("20")
    others = [r for cid, r in rows.items() if cid != first.id]
    assert others and all(r["source_confirmed"] == "0" and r["source_confirmed_by"] == "" for r in others)
    assert all(0 <= float(r["attribution_confidence"]) <= 1 for r in rows.values())
    # new columns at the end, each round's after the last: readers by position keep theirs
    columns = list(rows[first.id])
    assert columns[columns.index("image_outcomes") + 1:] == [
        "attribution_confidence", "source_confirmed", "source_confirmed_by", "source_confirmed_at",
        "notes", "links", "history", "assignee", "assigned_by", "assigned_at"]
    md = to_markdown(items)
    assert md.count("**Attribution:** confirmed by amal") == 1
    assert md.count("**Attribution:** the analyzer's, not confirmed by a checker (confidence ") == len(items) - 1
    assert "**Source confirmed** (" in md and "no external source (the publisher's own voice)" in md


def test_export_cli_says_on_stderr_how_many_reviews_have_no_author(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'e.db'}"
    assert run("ingest", str(SEED), "--db", url).returncode == 0
    ids = [c["id"] for c in json.loads(run("claims", "--db", url, "--json").stdout)[:3]]
    for cid in ids:
        assert run("mark", str(cid), "false", "--db", url).returncode == 0
    assert run("sources", "confirm", str(ids[0]), "--db", url).returncode == 0
    out = run("export", "-f", "claimreview", "--db", url, "--review-url", "https://d.example/c/{id}")
    assert out.returncode == 0, out.stderr
    reviews = json.loads(out.stdout)
    assert ["author" in r["itemReviewed"] for r in reviews] == [True, False, False]
    lines = out.stderr.strip().splitlines()
    assert lines == ["note: itemReviewed.author left out of 2 of 3 reviews: 2 with a source no checker confirmed "
                     "(workbench sources confirm CLAIM…)"]
    assert run("sources", "confirm", *map(str, ids), "--db", url).returncode == 0
    again = run("export", "-f", "claimreview", "--db", url, "--review-url", "https://d.example/c/{id}")
    assert again.stderr == "" and all("author" in r["itemReviewed"] for r in json.loads(again.stdout))
