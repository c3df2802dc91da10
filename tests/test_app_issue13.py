"""The app's part of issue 13: what a new user hit (items 2-5, 7, 8, 10), Arabic right everywhere,
and confirming the analyzer's sources from the desk."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from tests.conftest import ARTICLES, FIXTURES, SEED
from tests.test_app import _settle, answer, text_of
from workbench.ingest.run import ingest_paths
from workbench.services.claims import claim_history, get_claim, list_claims, set_status
from workbench.services.images import add_images, claim_evidence, match_image, record_image_outcome
from workbench.services.sources import list_sources, source_history, update_source
from workbench.storage.db import Database
from workbench.text.display import Data
from workbench.tui.app import WorkbenchApp
from workbench.tui.desk import notice
from workbench.tui.screens.image_compare import ImageCompareScreen
from workbench.tui.screens.prompt import ConfirmPrompt
from workbench.tui.screens.queue import QueueScreen
from workbench.tui.screens.source import SourceScreen
from workbench.tui.widgets.bidi_input import BidiInput
from workbench.tui.widgets.claim_queue import SHORT, ClaimQueue
from workbench.tui.widgets.detail import ClaimDetail


def drawn_row(app: WorkbenchApp, claim_id: int) -> str:
    """The queue's line for a claim, as drawn."""
    widget = app.screen.query_one(ClaimQueue)
    line = app.screen.desk.order.index(claim_id)  # type: ignore[attr-defined]
    strip = widget.render_line(line - int(widget.scroll_offset.y) + 1)
    return "".join(seg.text for seg in strip)


def rendered(renderable: object, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, record=True, color_system=None)
    console.print(renderable)
    return console.export_text().splitlines()


async def _select(pilot, app: WorkbenchApp, claim_id: int) -> None:  # type: ignore[no-untyped-def]
    app.screen.desk.select_claim(claim_id)  # type: ignore[attr-defined]
    app.screen.show_desk()  # type: ignore[attr-defined]
    await _settle(pilot, app)


# ------------------------------------------------------------------ Arabic right everywhere


async def test_the_detail_wraps_arabic_and_keeps_its_lines_in_reading_order(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [SEED])
    claim = next(c for c in list_claims(db) if c.mention == "ناشطون على مواقع التواصل الاجتماعي")
    app = WorkbenchApp(db, bidi="on", poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot, app)
        await _select(pilot, app, claim.id)
        lines = rendered(app.screen.query_one(ClaimDetail).render_claim(), 34)
        mention = [i for i, line in enumerate(lines) if "ﻥﻮﻄﺷﺎﻧ" in line or "ﻲﻋﺎﻤﺘﺟﺎﻟﺍ" in line]
        first = next(i for i in mention if "ﻥﻮﻄﺷﺎﻧ" in lines[i])  # ناشطون, the first word
        last = next(i for i in mention if "ﻲﻋﺎﻤﺘﺟﺎﻟﺍ" in lines[i])  # الاجتماعي, the last
        assert first < last  # wrapped first, reordered line by line: never its second half first


async def test_inputs_notices_and_titles_show_arabic_in_display_order(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [SEED])
    app = WorkbenchApp(db, bidi="on", poll_seconds=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await _settle(pilot, app)
        await pilot.press("slash")
        await _settle(pilot, app)
        box = app.screen.query_one(BidiInput)
        box.value = "المرصد السوري"
        await pilot.pause()
        drawn = "".join(seg.text for seg in box.render_line(0))
        assert "ﺪﺻﺮﻤﻟﺍ" in drawn and "المرصد" not in drawn  # joined and reordered
        assert drawn.index("ﻱﺭﻮﺴﻟﺍ") < drawn.index("ﺪﺻﺮﻤﻟﺍ")  # the first word on the right
        box.value = "a\x1b[31mb\u202ec"
        drawn = "".join(seg.text for seg in box.render_line(0))
        assert "␛" in drawn and "<RLO>" in drawn and "\x1b" not in drawn
        await pilot.press("escape")
        await _settle(pilot, app)
        app.notify(notice("Claim #3 is now attributed to ", Data("مركز حلب الإعلامي"), "."))  # type: ignore[arg-type]
        await pilot.pause()
        shown = list(app._notifications)[-1].message
        assert "ﺐﻠﺣ" in shown and "مركز" not in shown and shown.startswith("Claim #3 is now attributed to")
        await answer(pilot, app, "slash", "ناشطون")
        title = text_of(app.screen.query_one("#queue-title"))
        assert "Search “ﻥﻮﻄﺷﺎﻧ”" in title
        await pilot.press("escape", "question_mark")  # the help names Arabic prefixes: shaped and in order too
        await _settle(pilot, app)
        keys = text_of(app.screen.query_one("#keys"), width=110)
        assert "ﻝ ﺏ ﻭ ﻝﺍ" in keys and "ال و ب ل" not in keys


async def test_bidi_off_leaves_the_order_to_the_terminal(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [SEED])
    claim = next(c for c in list_claims(db) if c.mention == "ناشطون على مواقع التواصل الاجتماعي")
    app = WorkbenchApp(db, bidi="off", poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot, app)
        await _select(pilot, app, claim.id)
        text = "\n".join(rendered(app.screen.query_one(ClaimDetail).render_claim(), 60))
        assert "ناشطون على مواقع" in text and "ﻥﻮﻄﺷﺎﻧ" not in text


async def test_the_source_view_shows_arabic_in_display_order(db: Database) -> None:
    from textual.widgets import DataTable

    ingest_paths(db, [ARTICLES])
    observatory = next(s for s in list_sources(db) if s.canonical == "Syrian Observatory for Human Rights")
    claim = next(c for c in list_claims(db) if c.source_id == observatory.id and c.attributed)
    app = WorkbenchApp(db, user="amal", bidi="on", poll_seconds=0)
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        await _select(pilot, app, claim.id)
        await pilot.press("o")
        await _settle(pilot, app)
        assert isinstance(app.screen, SourceScreen)
        facts = text_of(app.screen.query_one("#source-facts"), width=136)
        assert "ﺪﺻﺮﻤﻟﺍ" in facts and "المرصد" not in facts  # its Arabic names, joined and in display order
        table = app.screen.query_one(DataTable)
        cells = " ".join(str(table.get_row_at(i)[3]) for i in range(table.row_count))
        assert "ﺪﺻﺮﻤﻟﺍ" in cells and not any(ch in cells for ch in "المرصد")  # the claims, shaped too


# ------------------------------------------------------------------ 2. photo evidence


async def test_no_same_or_not_without_a_match_and_evidence_shows_the_provenance(db: Database) -> None:
    ingest_paths(db, [SEED])
    add_images(db, [FIXTURES / "images" / "known" / "rocket.jpg"], source="AFP archive", date="2013-08-21")
    claim = next(c for c in list_claims(db) if c.rests_on_media)
    nothing = match_image(db, FIXTURES / "images" / "known" / "coffee.jpg")
    assert nothing.matches == []
    app = WorkbenchApp(db, user="amal", bidi="off", poll_seconds=0)
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        await app.push_screen(ImageCompareScreen(db, claim, nothing, user="amal", bidi=False))
        await _settle(pilot, app)
        assert app.screen.check_action("outcome", ("same",)) is False
        await pilot.press("y", "n")
        await _settle(pilot, app)
        assert not any(e.kind == "image_outcome" for e in claim_evidence(db, claim.id))
        await pilot.press("escape")
        await _settle(pilot, app)
        await _select(pilot, app, claim.id)
        await pilot.press("i")
        await _settle(pilot, app)
        app.screen.query_one("#prompt-input").value = str(FIXTURES / "images" / "suspect" / "shared-on-social-media.jpg")  # type: ignore[attr-defined]
        await pilot.press("enter")
        for _ in range(20):
            await _settle(pilot, app)
            if isinstance(app.screen, ImageCompareScreen):
                break
        await pilot.press("y")
        await _settle(pilot, app)
        await pilot.press("escape")
        await _settle(pilot, app)
        shown = "\n".join(rendered(app.screen.query_one(ClaimDetail).render_claim(), 140))
        assert "photo match: known image #1" in shown and "AFP archive, 2013-08-21" in shown
        assert "the same image as known image #1 — AFP archive" in shown
    import pytest

    from workbench.errors import WorkbenchError

    with pytest.raises(WorkbenchError, match="say which"):
        record_image_outcome(db, claim.id, None, "not_same")


# ------------------------------------------------------------------ 3. rows, cursor, counts


async def test_a_new_source_shows_in_its_row_and_the_cursor_stays_through_reloads(db: Database) -> None:
    ingest_paths(db, [ARTICLES])
    first = list_claims(db)[0]
    app = WorkbenchApp(db, user="amal", bidi="off", poll_seconds=0)
    async with app.run_test(size=(150, 45)) as pilot:
        await _settle(pilot, app)
        assert "Kulluna Shuraka" in drawn_row(app, first.id)
        await pilot.press("e")
        await _settle(pilot, app)
        app.screen.query_one("#picker-input").value = "مركز حلب"  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("enter")
        await _settle(pilot, app)
        assert "Aleppo Media" in drawn_row(app, first.id)  # at once, without ctrl+r
        target = list_claims(db)[6]
        await _select(pilot, app, target.id)
        await pilot.press("ctrl+r")
        await _settle(pilot, app)
        assert app.screen.desk.selected_id == target.id  # type: ignore[attr-defined]
        await pilot.press("o")  # its source: rename it; back on the same claim
        await _settle(pilot, app)
        await pilot.press("R")
        await _settle(pilot, app)
        app.screen.query_one("#prompt-input").value = "Aleppo Media Centre"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await _settle(pilot, app)
        await pilot.press("escape")
        await _settle(pilot, app)
        assert isinstance(app.screen, QueueScreen) and app.screen.desk.selected_id == target.id
        assert target.source_name == "Aleppo Media Center" and "Aleppo Media" in drawn_row(app, target.id)
        assert app.screen.desk.rows[target.id].source_name == "Aleppo Media Centre"  # type: ignore[attr-defined]


async def test_ingesting_from_the_app_updates_the_count(sqlite_url: str, tmp_path: Path) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [SEED])
    app = WorkbenchApp(db, bidi="off", poll_seconds=0)
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        assert "Claims — 9" in text_of(app.screen.query_one("#queue-title"))
        await answer(pilot, app, "I", str(ARTICLES))
        for _ in range(100):
            await pilot.pause(0.05)
            if app.screen.finished:  # type: ignore[attr-defined]
                break
        await pilot.press("escape")
        await _settle(pilot, app)
        total = len(list_claims(db))
        assert f"Claims — {total:,}" in text_of(app.screen.query_one("#queue-title")) and total > 9


async def test_esc_stops_an_ingest_at_the_next_article(sqlite_url: str, tmp_path: Path) -> None:
    from sqlalchemy import text

    from tests.test_teams import _articles_file

    src = tmp_path / "many.jsonl"
    _articles_file(src, 3000)
    db = Database(sqlite_url)
    app = WorkbenchApp(db, bidi="off", poll_seconds=0)

    def stored() -> int:
        with db.engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM article")).scalar_one())

    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        await pilot.press("I")
        await _settle(pilot, app)
        app.screen.query_one("#prompt-input").value = str(src)  # type: ignore[attr-defined]
        await pilot.press("enter")
        for _ in range(300):
            await pilot.pause(0.02)
            if stored() > 50:
                break
        at_esc = stored()
        await pilot.press("escape")
        for _ in range(300):
            await pilot.pause(0.02)
            if app.screen.finished:  # type: ignore[attr-defined]
                break
        assert "Cancelled after" in text_of(app.screen.query_one("#line"))
        assert stored() - at_esc <= 64 + 10  # at most the group being stored, never thousands more
        await pilot.press("escape")
        await _settle(pilot, app)
        with db.engine.connect() as conn:
            claims = int(conn.execute(text("SELECT count(*) FROM claim")).scalar_one())
        assert app.screen.desk.total == claims > 0  # type: ignore[attr-defined]  # what was stored shows


# ------------------------------------------------------------------ 4. 80×24


async def test_at_80x24_the_detail_scrolls_to_its_history_by_keyboard(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [SEED])
    set_status(db, list_claims(db)[0].id, "false", user="omar")
    app = WorkbenchApp(db, bidi="on", poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot, app)
        await _select(pilot, app, list_claims(db)[0].id)
        detail = app.screen.query_one(ClaimDetail)
        assert detail.max_scroll_y > 0  # more than fits
        await pilot.press("tab", "tab")  # the article, then the details
        assert app.screen.focused is detail
        await pilot.press("end")
        await _settle(pilot, app)
        assert detail.scroll_y == detail.max_scroll_y
        assert "History" in "\n".join(rendered(detail.render_claim(), 40))


def test_short_statuses_all_look_alike() -> None:
    assert all(len(v) == 3 and v.isalpha() and v.islower() for v in SHORT.values())
    assert len(set(SHORT.values())) == len(SHORT)


async def test_the_dashboard_at_80x24_cuts_no_heading_and_enter_opens_a_claim(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [ARTICLES])
    app = WorkbenchApp(db, bidi="on", poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot, app)
        await app.screen.apply_filter("lang:ar")  # type: ignore[attr-defined]  # the claim opened is English: hidden
        await pilot.press("D")
        await _settle(pilot, app)
        counts = " ".join(text_of(app.screen.query_one("#dash-status"), width=76).split())
        total = len(list_claims(db))
        for label in (f"Unchecked {total}", "In progress 0", "Verified 0", "Misleading 0", "Unverifiable 0"):
            assert label in counts
        worth = app.screen.data.worth_checking  # type: ignore[attr-defined]
        await pilot.press("down", "enter")
        await _settle(pilot, app)
        assert isinstance(app.screen, QueueScreen)
        assert app.screen.desk.selected_id == worth[1].id and not app.screen.desk.filter


# ------------------------------------------------------------------ 5. export from the app


async def test_export_from_the_app(sqlite_url: str, tmp_path: Path) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [SEED])
    set_status(db, list_claims(db)[0].id, "false")
    app = WorkbenchApp(db, bidi="off", poll_seconds=0)
    target = tmp_path / "report.md"
    async with app.run_test(size=(120, 36)) as pilot:
        await _settle(pilot, app)
        await pilot.press("X")
        await _settle(pilot, app)
        await pilot.press("down", "down", "enter")  # claimreview, csv, markdown
        await _settle(pilot, app)
        app.screen.query_one("#prompt-input").value = str(target)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await _settle(pilot, app)
        assert any("1 claim written to" in " ".join(n.message.split()) for n in app._notifications)
    assert target.read_text(encoding="utf-8").startswith("# Fact-check report")


# ------------------------------------------------------------------ 7. the filter


async def test_filter_by_an_arabic_source_name_and_esc_clears_it(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [ARTICLES])
    app = WorkbenchApp(db, bidi="off", poll_seconds=0)
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        desk = app.screen.desk  # type: ignore[attr-defined]
        await answer(pilot, app, "F", "source:المرصد")
        rows = [desk.rows[i] for i in desk.claim_ids()]
        assert rows and all(r.source_name == "Syrian Observatory for Human Rights" for r in rows)
        await answer(pilot, app, "F", 'source:"aleppo media center" status:unchecked')
        assert [desk.rows[i].source_name for i in desk.claim_ids()] == ["Aleppo Media Center"]
        await pilot.press("escape")
        await _settle(pilot, app)
        assert not desk.filter and desk.row_count == len(list_claims(db))


# ------------------------------------------------------------------ 8. rating a source


async def test_rating_a_source_is_asked_kept_and_undone(db: Database) -> None:
    ingest_paths(db, [ARTICLES])
    observatory = next(s for s in list_sources(db) if s.canonical == "Syrian Observatory for Human Rights")
    claim = next(c for c in list_claims(db) if c.source_id == observatory.id)
    app = WorkbenchApp(db, user="amal", bidi="off", poll_seconds=0)
    async with app.run_test(size=(150, 45)) as pilot:
        await _settle(pilot, app)
        await _select(pilot, app, claim.id)
        await pilot.press("o")
        await _settle(pilot, app)
        await pilot.press("3")
        await _settle(pilot, app)
        assert isinstance(app.screen, ConfirmPrompt)
        await pilot.press("n")  # not after all
        await _settle(pilot, app)
        assert next(s for s in list_sources(db) if s.id == observatory.id).reliability == observatory.reliability
        await pilot.press("3")
        await _settle(pilot, app)
        await pilot.press("y")
        await _settle(pilot, app)
        assert next(s for s in list_sources(db) if s.id == observatory.id).reliability == "not credible"
        history = source_history(db, observatory.id)
        assert [(h.user, h.what, h.old, h.new) for h in history] == [("amal", "reliability", observatory.reliability, "not credible")]
        assert isinstance(app.screen, SourceScreen)
        assert "amal" in text_of(app.screen.query_one("#source-facts")) and "not credible" in text_of(app.screen.query_one("#source-facts"))
        await pilot.press("ctrl+z")
        await _settle(pilot, app)
        assert next(s for s in list_sources(db) if s.id == observatory.id).reliability == observatory.reliability
        await pilot.press("3")
        await _settle(pilot, app)
        await pilot.press("y")
        await _settle(pilot, app)
        update_source(db, observatory.id, reliability="mixed", user="omar")  # a colleague, meanwhile
        await pilot.press("ctrl+z")
        await _settle(pilot, app)
        assert next(s for s in list_sources(db) if s.id == observatory.id).reliability == "mixed"  # left to omar
        assert any("rated mixed by omar" in " ".join(n.message.split()) for n in app._notifications)


async def test_the_source_of_a_claim_in_the_publishers_own_voice_says_so(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [SEED])
    own = [c for c in list_claims(db) if not c.attributed and c.source_id is not None]
    app = WorkbenchApp(db, user="amal", bidi="off", poll_seconds=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await _settle(pilot, app)
        await _select(pilot, app, own[0].id)
        await pilot.press("o")
        await _settle(pilot, app)
        assert isinstance(app.screen, SourceScreen)
        facts = " ".join(text_of(app.screen.query_one("#source-facts"), width=116).split())
        # Never an empty list that seems to say the claim's source has nothing to do with it.
        assert f"{len(own)} more in its own voice, as the publisher" in facts, facts


# ------------------------------------------------------------------ 10. the conflict notice


async def test_a_refused_verdict_says_who_did_what(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [SEED])
    first = list_claims(db)[0]
    app = WorkbenchApp(db, user="amal", bidi="off", poll_seconds=0)
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        set_status(db, first.id, "verified", user="omar")  # after amal's desk read it
        await pilot.press("f")
        await _settle(pilot, app)
        said = " ".join(list(app._notifications)[-1].message.split())
        assert said.startswith(f"Claim #{first.id} was not marked False: omar marked it Verified at ")
        assert app.screen.desk.rows[first.id].status == "verified"  # type: ignore[attr-defined]
    assert [h.user for h in claim_history(db, first.id)] == ["omar"]


# ------------------------------------------------------------------ confirming sources


async def test_a_confirms_sources_and_ctrl_z_withdraws_them(db: Database) -> None:
    ingest_paths(db, [SEED])
    claims = list_claims(db)
    app = WorkbenchApp(db, user="amal", bidi="off", poll_seconds=0)
    async with app.run_test(size=(150, 45)) as pilot:
        await _settle(pilot, app)
        desk = app.screen.desk  # type: ignore[attr-defined]
        unsure = next(c for c in claims if c.attributed and (c.attribution_confidence or 0) < 0.8)
        assert drawn_row(app, unsure.id)[25] == "?"  # the analyzer's unsure guess stands out
        await _select(pilot, app, unsure.id)
        await pilot.press("a")
        await _settle(pilot, app)
        now = get_claim(db, unsure.id)
        assert now.source_confirmed and now.source_confirmed_by == "amal"
        assert desk.rows[unsure.id].source_confirmed and drawn_row(app, unsure.id)[25] == "✓"
        shown = "\n".join(rendered(app.screen.query_one(ClaimDetail).render_claim(), 120))
        assert "✓ confirmed by amal" in shown
        await pilot.press("ctrl+z")
        await _settle(pilot, app)
        assert not get_claim(db, unsure.id).source_confirmed and not desk.rows[unsure.id].source_confirmed
        await app.screen.apply_filter("confirmed:no conf<0.8")  # type: ignore[attr-defined]
        await pilot.press("A")
        await pilot.press("a")  # every unsure guess shown, confirmed at one key
        await _settle(pilot, app)
        assert all(get_claim(db, i).source_confirmed for i in desk.claim_ids())
        assert any("Sources confirmed on" in " ".join(n.message.split()) for n in app._notifications)
        await pilot.press("ctrl+z")
        await _settle(pilot, app)
        assert not any(get_claim(db, i).source_confirmed for i in desk.claim_ids())


async def test_what_the_database_holds_is_shown_never_obeyed(sqlite_url: str) -> None:
    """Notes, user names and notices carry data: controls visible, bidi controls named, no markup."""
    from workbench.services.images import add_evidence

    db = Database(sqlite_url)
    ingest_paths(db, [SEED])
    first, second = list_claims(db)[:2]
    set_status(db, first.id, "false", user="eve\x1b[2J\u202e")
    add_evidence(db, first.id, note="[bold]loud[/bold] \x07 \u2066quiet", user="mal\x1b]0;t\x07")
    app = WorkbenchApp(db, user="amal", bidi="on", poll_seconds=0.2)
    async with app.run_test(size=(150, 45)) as pilot:
        await _settle(pilot, app)
        await _select(pilot, app, first.id)
        shown = "\n".join(rendered(app.screen.query_one(ClaimDetail).render_claim(), 140))
        assert "[bold]loud[/bold]" in shown and "␇" in shown and "<LRI>" in shown
        assert "eve␛[2J<RLO>" in shown and "mal␛]0;t␇" in shown
        assert not any(ch in shown for ch in "\x1b\x07\u202e\u2066")
        set_status(db, second.id, "verified", user="zed\x1b[31m")  # elsewhere
        for _ in range(30):
            await pilot.pause(0.1)
            if app.screen.desk.rows[second.id].status == "verified":  # type: ignore[attr-defined]
                break
        await pilot.pause(0.2)
        said = [n.message for n in app._notifications if "zed" in n.message]
        assert said and "zed␛[31m" in said[-1] and "\x1b" not in said[-1]
