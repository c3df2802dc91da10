"""Search as tolerant as the README says (issue 13, item 1): the article and the clitics Arabic
writes onto a word do not matter, one typo in a longer word is forgiven, and a search that finds
nothing says so, in the app and on the command line."""

from __future__ import annotations

import pytest

from tests.conftest import ARTICLES, SEED
from tests.test_app import _settle, answer
from tests.test_cli import run
from workbench.ingest.run import ingest_paths
from workbench.services.claims import list_claims, search_claims, search_terms
from workbench.storage.db import Database
from workbench.text.normalize import fold
from workbench.text.searchwords import core, spellings, strips
from workbench.tui.app import WorkbenchApp


def test_prefixes_come_off_only_where_a_word_is_left() -> None:
    assert "مرصد" in strips("والمرصد") and "مرصد" in strips("للمرصد")
    assert strips("بلده") == {"بلده"}  # not "لده", which would find "ولده" ("his son")
    assert "المرصد" in spellings("مرصد") and "وبالمرصد" in spellings("المرصد")
    assert core("الميليشيات") == "ميليشيات" and core("observatory") == "observatory"


@pytest.mark.parametrize("query", ["مرصد", "المرصد", "للمرصد"])
def test_the_article_and_prefixes_do_not_matter(db: Database, query: str) -> None:
    ingest_paths(db, [ARTICLES])
    hits = search_claims(db, query)
    assert hits and all("المرصد" in h.text for h in hits)
    assert {h.id for h in hits} == {c.id for c in list_claims(db) if "المرصد" in c.text}


@pytest.mark.parametrize("query", ["ميليشيات", "مليشيات", "الميليشيا"])
def test_spellings_and_one_typo_find_the_militias(db: Database, query: str) -> None:
    ingest_paths(db, [SEED])
    hits = search_claims(db, query)
    assert hits and all("ميليشيا" in fold(h.text) for h in hits)
    militias = {c.id for c in list_claims(db) if "الميليشيات" in c.text}
    assert militias <= {h.id for h in hits}


def test_one_typo_in_a_longer_word_but_not_in_a_short_one(db: Database) -> None:
    ingest_paths(db, [ARTICLES])
    media = {h.id for h in search_claims(db, "الإعلامي")}
    assert media and {h.id for h in search_claims(db, "الاعلامب")} == media  # its last letter off
    who = {h.id for h in search_claims(db, "organization")}
    assert who and {h.id for h in search_claims(db, "Organizaton")} == who  # a letter left out
    assert search_terms(db, "حلت") != search_terms(db, "حلب")  # three letters: no typo forgiven
    assert search_claims(db, "xyzzy plugh") == []


def test_no_match_is_said_on_the_command_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 's.db'}"
    assert run("ingest", str(SEED), "--db", url).returncode == 0
    out = run("search", "xyzzy", "--db", url)
    assert out.returncode == 0 and out.stdout == "" and "no claims match “xyzzy”" in out.stderr
    found = run("search", "مليشيات", "--db", url)
    assert found.returncode == 0 and "ميليشيات" in found.stdout and found.stderr == ""


async def test_no_match_is_said_in_the_app(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [SEED])
    app = WorkbenchApp(db, bidi="off", poll_seconds=0)
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        await answer(pilot, app, "slash", "xyzzy")
        desk = app.screen.desk  # type: ignore[attr-defined]
        assert desk.row_count == 0 and "no claims match" in "".join(desk.title_parts())
        assert any("No claims match" in n.message for n in app._notifications)
        await answer(pilot, app, "slash", "مليشيات")
        assert desk.row_count > 0
