"""Long work from the app: progress on screen, cancel with Escape, nothing half-stored."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ARTICLES, FIXTURES
from tests.test_app import _settle, text_of
from tests.test_teams import _articles_file, stored_articles_are_whole
from workbench.services.claims import list_claims
from workbench.storage.db import Database
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.jobs import JobScreen
from workbench.tui.screens.queue import QueueScreen


async def _start(pilot, app, key: str, path: Path) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(key)
    await _settle(pilot, app)
    app.screen.query_one("#prompt-input").value = str(path)
    await pilot.press("enter")
    await pilot.pause()


async def test_ingest_from_the_app_then_the_queue_fills(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    app = WorkbenchApp(db, bidi="off")
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        await _start(pilot, app, "I", ARTICLES)
        assert isinstance(app.screen, JobScreen)
        for _ in range(100):
            await pilot.pause(0.05)
            if app.screen.finished:  # type: ignore[attr-defined]
                break
        assert "Done: 5 articles" in text_of(app.screen.query_one("#line"))
        await pilot.press("escape")
        await _settle(pilot, app)
        assert isinstance(app.screen, QueueScreen)
        assert len(app.screen.desk.order) == len(list_claims(db)) > 0


async def test_cancel_a_long_ingest(sqlite_url: str, tmp_path: Path) -> None:
    src = tmp_path / "many.jsonl"
    n = _articles_file(src, 3000)
    db = Database(sqlite_url)
    app = WorkbenchApp(db, bidi="off")
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        await _start(pilot, app, "I", src)
        for _ in range(200):
            await pilot.pause(0.02)
            if "articles" in text_of(app.screen.query_one("#line")):
                break
        await pilot.press("escape")  # cancel
        for _ in range(200):
            await pilot.pause(0.02)
            if app.screen.finished:  # type: ignore[attr-defined]
                break
        assert "Cancelled" in text_of(app.screen.query_one("#line"))
    assert 0 < stored_articles_are_whole(db, src) < n


async def test_register_photos_from_the_app(sqlite_url: str) -> None:
    from workbench.services.images import bank_index

    db = Database(sqlite_url)
    app = WorkbenchApp(db, bidi="off")
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        await _start(pilot, app, "B", FIXTURES / "images" / "known")
        for _ in range(100):
            await pilot.pause(0.05)
            if app.screen.finished:  # type: ignore[attr-defined]
                break
        assert "4 photos added" in text_of(app.screen.query_one("#line"))
    assert len(bank_index(db)) == 4
