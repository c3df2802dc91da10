"""The app, driven with Textual's pilot against real databases."""

from __future__ import annotations

import asyncio

import pytest

from tests.conftest import ARTICLES, SEED
from workbench.ingest.loaders import RawArticle
from workbench.ingest.run import ingest_articles, ingest_paths
from workbench.services.claims import claim_history, list_claims
from workbench.storage.db import Database
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.queue import QueueScreen
from workbench.tui.widgets.article_view import ArticleView
from workbench.tui.widgets.claim_queue import ClaimQueue


async def _settle(pilot, app: WorkbenchApp) -> None:  # type: ignore[no-untyped-def]
    for _ in range(50):
        await pilot.pause()
        if not app.workers._workers:
            break
        await asyncio.sleep(0.02)
    await pilot.pause()


async def _loaded(pilot, app: WorkbenchApp) -> None:  # type: ignore[no-untyped-def]
    """Until the queue holds every claim, for up to ten seconds. A test that changes a claim
    "elsewhere" waits for this first: a change made while the first page is being read arrives
    with that page, shown but announced by nobody (a loaded CI machine took over a second)."""
    await _settle(pilot, app)
    for _ in range(100):
        if app.screen.desk.loaded_all:  # type: ignore[attr-defined]
            break
        await pilot.pause(0.1)


def text_of(widget, width: int = 200) -> str:  # type: ignore[no-untyped-def]
    """What a Static shows, as plain text (in display order: Arabic as the terminal gets it)."""
    import io

    from rich.console import Console

    content = widget.content
    if isinstance(content, str):
        return content
    console = Console(file=io.StringIO(), width=width, record=True, color_system=None)
    console.print(content)
    return console.export_text()


async def answer(pilot, app: WorkbenchApp, key: str, value: str) -> None:  # type: ignore[no-untyped-def]
    """Press `key`, type `value` into the prompt it opens, and press Enter."""
    await pilot.press(key)
    await _settle(pilot, app)
    app.screen.query_one("#prompt-input").value = value  # type: ignore[attr-defined]
    await pilot.press("enter")
    await _settle(pilot, app)


async def test_v_marks_the_first_unchecked_claim_verified(db: Database) -> None:
    ingest_paths(db, [SEED])
    first = list_claims(db)[0]
    app = WorkbenchApp(db, user="amal", bidi="on")
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        queue = app.screen.desk
        assert app.screen.focused is app.screen.query_one(ClaimQueue)
        assert queue.selected is not None and queue.selected.id == first.id
        await pilot.press("v")
        await _settle(pilot, app)
    row = list_claims(db)[0]
    assert row.status == "verified" and row.updated_by == "amal"
    hist = claim_history(db, first.id)
    assert [(h.user, h.from_status, h.to_status) for h in hist] == [("amal", "unchecked", "verified")]


async def test_every_status_key_saves(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [SEED])
    app = WorkbenchApp(db, user="omar", bidi="off")
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        for key in "dfmupv":
            await pilot.press(key)
            await _settle(pilot, app)
    statuses = [c.status for c in list_claims(db)][:6]
    assert statuses == ["disputed", "false", "misleading", "unverifiable", "in_progress", "verified"]


async def test_the_queue_opens_on_the_first_unchecked_claim(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [SEED])
    from workbench.services.claims import set_status

    rows = list_claims(db)
    set_status(db, rows[0].id, "verified")
    set_status(db, rows[1].id, "false")
    app = WorkbenchApp(db, bidi="off")
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        assert app.screen.desk.selected.id == rows[2].id  # type: ignore[union-attr]


async def test_keys_on_an_empty_queue_only_notify(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    app = WorkbenchApp(db, bidi="off")
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot, app)
        for key in ("v", "d", "n", "j", "k", "r"):
            await pilot.press(key)
        await _settle(pilot, app)
        assert isinstance(app.screen, QueueScreen)
        assert any("empty" in n.message for n in app._notifications)
        await pilot.press("q")
    assert app.return_code in (0, None)


async def test_article_text_is_shown_literally(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    db = Database(sqlite_url)
    hostile = "[bold red]Breaking[/bold red] news: the ministry said \x1b]52;c;ZXZpbA==\x07 12 people died \u202eevil\u202c today."
    ingest_articles(db, [RawArticle(text=hostile, title="[b]t[/b]", origin="t")])
    app = WorkbenchApp(db, bidi="off")
    async with app.run_test(size=(120, 30)) as pilot:
        await _settle(pilot, app)
        view = app.screen.query_one(ArticleView)
        shown = "".join(view.line_text(y) for y in range(len(view._lines)))
        assert "[bold red]Breaking[/bold red]" in shown
        assert "\x1b" not in shown and "␛" in shown
        assert "<RLO>" in shown and "\u202e" not in shown
        title = app.screen.query_one("#article-title")
        assert "[b]t[/b]" in str(title.render())  # the title too, literally
        import textual.app

        seen: list[tuple[str, bool]] = []
        monkeypatch.setattr(textual.app.App, "notify", lambda self, message, **kw: seen.append((message, kw["markup"])))
        app.screen.notify("[bold]x[/bold] [link=https://e.x]y[/link]")
        assert seen == [("[bold]x[/bold] [link=https://e.x]y[/link]", False)]  # a notice is shown as typed

async def test_arabic_is_reordered_for_display_when_bidi_is_on(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [ARTICLES / "ar-mers-riyadh.txt"])
    app = WorkbenchApp(db, bidi="on")
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        view = app.screen.query_one(ArticleView)
        first = view.line_text(0)
        # Visual order: the first word of the article ("أعلنت") is drawn at the right end.
        assert first.rstrip().endswith("ﺖﻨﻠﻋﺃ")


async def test_search_from_the_app(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [ARTICLES])
    total = len(list_claims(db))
    app = WorkbenchApp(db, bidi="off")
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        await answer(pilot, app, "slash", "المرصد السوري")
        queue = app.screen.desk
        assert 0 < len(queue.order) < total
        assert all("المرصد" in queue.rows[i].text for i in queue.order)
        await pilot.press("escape")
        await _settle(pilot, app)
        assert len(app.screen.desk.order) == total


async def test_undo_the_last_verdict(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [SEED])
    first = list_claims(db)[0]
    app = WorkbenchApp(db, user="amal", bidi="off")
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        await pilot.press("f")
        await _settle(pilot, app)
        assert list_claims(db)[0].status == "false"
        await pilot.press("ctrl+z")
        await _settle(pilot, app)
        await pilot.press("ctrl+z")  # nothing more to undo: a notice, no error
        await _settle(pilot, app)
    assert list_claims(db)[0].status == "unchecked"
    hist = claim_history(db, first.id)
    assert [(h.from_status, h.to_status) for h in hist] == [("unchecked", "false"), ("false", "unchecked")]


async def test_filter_note_and_link(sqlite_url: str) -> None:
    from workbench.services.images import claim_evidence

    db = Database(sqlite_url)
    ingest_paths(db, [ARTICLES])
    app = WorkbenchApp(db, user="amal", bidi="off")
    async with app.run_test(size=(150, 45)) as pilot:
        await _settle(pilot, app)
        await answer(pilot, app, "F", "kind:organization lang:ar worth>0.2")
        queue = app.screen.desk
        rows = [queue.rows[i] for i in queue.order]
        assert rows and all(r.source_kind == "organization" and r.language == "ar" and r.checkworthiness > 0.2 for r in rows)
        target = queue.selected
        assert target is not None
        await answer(pilot, app, "c", "called the observatory: no answer")
        await answer(pilot, app, "l", "https://example.org/report")
        await answer(pilot, app, "F", "status:bogus")
        assert any("unknown status" in n.message for n in app._notifications)
    ev = claim_evidence(db, target.id)
    assert [(e.kind, e.note, e.url) for e in ev] == [("note", "called the observatory: no answer", None),
                                                     ("link", "", "https://example.org/report")]
