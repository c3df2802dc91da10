"""The command line's part of issue 13: --bidi on claims, search and history (and a bad value is
an error), plurals, empty results that say so, export's messages and columns (item 6), dates of
known photos (item 9), titles of plain-text articles (item 10), shared options given anywhere."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import ARTICLES, FIXTURES, SEED
from tests.test_cli import run


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert run("ingest", str(SEED), "--db", url).returncode == 0
    return url


def test_bidi_on_reorders_claims_search_and_history_and_off_leaves_them(url: str) -> None:
    assert run("mark", "3", "false", "--db", url, "--user", "أمل").returncode == 0
    for args, word in ((["claims", "--limit", "3"], "ناشطون"), (["search", "ناشطون"], "ناشطون"), (["history", "3"], "أمل")):
        on = run(*args, "--db", url, "--bidi", "on").stdout
        off = run(*args, "--db", url, "--bidi", "off").stdout
        auto = run(*args, "--db", url).stdout  # to a pipe: the text as stored
        assert on != off and auto == off, args
        assert word in off and word not in on, args  # reordered and joined for a terminal that needs it
    root = run("--bidi", "on", "--db", url, "history", "3").stdout  # the shared options before the command too
    assert root == run("history", "3", "--db", url, "--bidi", "on").stdout


@pytest.mark.parametrize("args", [["claims", "--bidi", "maybe"], ["--bidi", "maybe", "claims"], ["history", "1", "--bidi", "maybe"]])
def test_bidi_maybe_is_an_error(url: str, args: list[str]) -> None:
    out = run(*args, "--db", url)
    assert out.returncode == 2 and "--bidi" in out.stderr and "auto, on or off" in out.stderr and out.stdout == ""


def test_a_bad_workbench_bidi_is_an_error(url: str) -> None:
    out = run("claims", "--db", url, env={"WORKBENCH_BIDI": "maybe"})
    assert out.returncode == 1 and out.stderr.strip() == "error: WORKBENCH_BIDI takes auto, on or off, not 'maybe'"


def test_empty_results_say_so(tmp_path: Path, url: str) -> None:
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    out = run("claims", "--db", empty)
    assert out.returncode == 0 and out.stdout == "" and "no claims yet" in out.stderr
    out = run("claims", "--db", url, "--status", "false")
    assert out.stdout == "" and "no claims with status false" in out.stderr
    out = run("history", "1", "--db", url)
    assert out.stdout == "" and out.stderr.strip() == "claim 1 has no changes yet: it is unchecked"
    assert json.loads(run("claims", "--db", empty, "--json").stdout) == []  # scripts get JSON, as ever


def test_plurals(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    one = tmp_path / "one.txt"
    one.write_text("The ministry said twelve people were killed in the strikes.", encoding="utf-8")
    out = run("ingest", str(one), "--db", url)
    assert out.stdout.strip() == "1 article and 1 claim added; 0 already stored; 0 errors"
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "rocket.jpg").write_bytes((FIXTURES / "images" / "known" / "rocket.jpg").read_bytes())
    out = run("images", "add", str(photos), "--db", url)
    assert out.stdout.strip() == "1 image added; 0 already in the bank; 0 errors"
    assert "1 claim" in run("sources", "--db", url).stdout


def test_a_plain_text_article_is_titled_by_its_first_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 't.db'}"
    assert run("ingest", str(ARTICLES), "--db", url).returncode == 0
    titles = {c["article_title"] for c in json.loads(run("claims", "--db", url, "--json").stdout)}
    assert "Saudi Arabia reports five new MERS cases" in titles  # a headline
    assert any(t.startswith("قال المرصد السوري لحقوق الإنسان") for t in titles)  # past the dateline "دمشق - وكالات"
    assert not any(t.startswith(("ar-", "en-")) for t in titles)  # never the file's name


def test_export_messages_arabic_and_columns(tmp_path: Path, url: str) -> None:
    assert run("mark", "1", "false", "--db", url, "--user", "amal").returncode == 0
    assert run("note", "1", "اتصلنا بالمصدر", "--db", url).returncode == 0
    assert run("note", "1", "--link", "https://example.org/a_b?x=1", "--db", url).returncode == 0
    target = tmp_path / "out.json"
    out = run("export", "-o", str(target), "--db", url)
    assert out.returncode == 0 and "error" not in out.stderr
    assert "1 claim written to" in out.stderr and out.stderr.startswith("note: reviews carry urn:")
    raw = target.read_text(encoding="utf-8")
    assert "قبل أشهر" in raw and "\\u06" not in raw  # Arabic as Arabic
    table = tmp_path / "out.csv"
    assert run("export", "-f", "csv", "-o", str(table), "--db", url).returncode == 0
    row = next(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert "اتصلنا بالمصدر" in row["notes"] and row["links"] == "https://example.org/a_b?x=1"
    assert "amal: unchecked → false" in row["history"]
    report = tmp_path / "out.md"
    assert run("export", "-f", "md", "-o", str(report), "--db", url).returncode == 0
    assert "<https://example.org/a_b?x=1>" in report.read_text(encoding="utf-8")
    nothing = run("export", "--status", "verified", "--review-url", "https://d.example/{id}", "--db", url)
    assert nothing.stdout.strip() == "[]" and nothing.stderr.strip() == "no claims with a verdict to export yet"


def test_known_photo_dates_are_read_or_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'i.db'}"
    known = FIXTURES / "images" / "known"
    out = run("images", "add", str(known / "rocket.jpg"), "--date", "21/08/2013", "--db", url)
    assert out.returncode == 0, out.stderr
    match = json.loads(run("images", "match", str(known / "rocket.jpg"), "--json", "--db", url).stdout)
    assert match["matches"][0]["first_seen"] == "2013-08-21"
    for bad, says in (("31/02/2013", "not a date"), ("03/04/2013", "could be 2013-04-03 or 2013-03-04"),
                      ("yesterday", "not a date"), ("2999-01-01", "still to come")):
        out = run("images", "add", str(known / "coffee.jpg"), "--date", bad, "--db", url)
        lines = out.stderr.strip().splitlines()
        assert out.returncode == 1 and len(lines) == 1 and lines[0].startswith("error: --date") and says in lines[0]
    stored = json.loads(run("images", "match", str(known / "coffee.jpg"), "--json", "--db", url).stdout)
    assert all(m["verdict"] != "match" for m in stored["matches"])  # nothing stored under a refused date
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "a.jpg").write_bytes((known / "coffee.jpg").read_bytes())
    (folder / "provenance.json").write_text(json.dumps({"images": [{"file": "a.jpg", "date": "13/13/2013"}]}))
    out = run("images", "add", str(folder), "--db", url)
    assert out.returncode == 1 and "a.jpg" in out.stderr and "provenance.json: date of a.jpg" in out.stderr


def test_source_ratings_are_kept_with_who_made_them(url: str) -> None:
    assert run("sources", "rate", "3", "not-credible", "--db", url, "--user", "amal").returncode == 0
    shown = run("sources", "show", "3", "--db", url).stdout
    assert "amal  rated: mixed → not credible" in shown
    data = json.loads(run("sources", "--db", url, "show", "3", "--json").stdout)  # --db before the sub-command
    assert data["history"][-1]["user"] == "amal" and data["history"][-1]["new"] == "not credible"
