"""The source view in the app: every claim of a source; rate, accept, rename, merge."""

from __future__ import annotations

from tests.conftest import ARTICLES
from tests.test_app import _settle
from workbench.ingest.run import ingest_paths
from workbench.services.claims import list_claims
from workbench.services.sources import list_sources
from workbench.storage.db import Database
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.prompt import ConfirmPrompt, SourcePicker, TextPrompt
from workbench.tui.screens.queue import QueueScreen
from workbench.tui.screens.source import SourceScreen


async def _to_claim_of(pilot, app, canonical: str) -> None:  # type: ignore[no-untyped-def]
    queue = app.screen.desk
    row = next(i for i, cid in enumerate(queue.order) if queue.rows[cid].source_name == canonical
               and queue.rows[cid].attributed)
    queue.move_to(row)
    app.screen.show_desk()
    await _settle(pilot, app)


async def test_source_view_rate_rename_merge(db: Database) -> None:
    ingest_paths(db, [ARTICLES])
    app = WorkbenchApp(db, user="amal", bidi="off")
    async with app.run_test(size=(150, 45)) as pilot:
        await _settle(pilot, app)
        await _to_claim_of(pilot, app, "Syrian Observatory for Human Rights")
        await pilot.press("o")
        await _settle(pilot, app)
        assert isinstance(app.screen, SourceScreen)
        from textual.widgets import DataTable

        assert app.screen.query_one(DataTable).row_count == 2
        await pilot.press("3")  # for the whole team: asked first
        await _settle(pilot, app)
        assert isinstance(app.screen, ConfirmPrompt)
        await pilot.press("y")
        await _settle(pilot, app)
        await pilot.press("escape")
        await _settle(pilot, app)
        assert isinstance(app.screen, QueueScreen)

        await _to_claim_of(pilot, app, "متحدث باسم الوزارة")
        await pilot.press("o")
        await _settle(pilot, app)
        await pilot.press("R")
        await _settle(pilot, app)
        assert isinstance(app.screen, TextPrompt)
        prompt_input = app.screen.query_one("#prompt-input")
        prompt_input.value = ""  # type: ignore[attr-defined]
        await pilot.press(*"MoH spokesman", "enter")
        await _settle(pilot, app)
        await pilot.press("M")
        await _settle(pilot, app)
        assert isinstance(app.screen, SourcePicker)
        await pilot.press(*"Saudi Ministry of Health", "enter")
        await _settle(pilot, app)
        await pilot.press("escape")
        await _settle(pilot, app)
    rows = {r.canonical: r for r in list_sources(db)}
    assert rows["Syrian Observatory for Human Rights"].reliability == "not credible"
    assert "MoH spokesman" not in rows
    assert "MoH spokesman" in rows["Saudi Ministry of Health"].aliases
    assert any(c.source_name == "Saudi Ministry of Health" and "الإجراءات الوقائية" in c.text for c in list_claims(db))


async def test_sort_by_checkworthiness(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [ARTICLES])
    app = WorkbenchApp(db, bidi="off")
    async with app.run_test(size=(150, 45)) as pilot:
        await _settle(pilot, app)
        await pilot.press("s")
        await _settle(pilot, app)
        queue = app.screen.desk
        scores = [queue.rows[i].checkworthiness for i in queue.order]
        assert scores == sorted(scores, reverse=True)
        await pilot.press("s")
        await _settle(pilot, app)
        assert queue.order == sorted(queue.order)
