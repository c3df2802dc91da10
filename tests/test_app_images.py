"""Checking a photo from the app: the suspect photo beside its match, and the outcome recorded."""

from __future__ import annotations

from tests.conftest import FIXTURES, SEED
from tests.test_app import _settle
from workbench.ingest.run import ingest_paths
from workbench.services.images import add_images, claim_evidence
from workbench.storage.db import Database
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.image_compare import ImageCompareScreen
from workbench.tui.screens.prompt import TextPrompt
from workbench.tui.screens.queue import QueueScreen


async def test_check_photo_side_by_side_and_record(db: Database) -> None:
    ingest_paths(db, [SEED])
    add_images(db, [FIXTURES / "images" / "known"])
    app = WorkbenchApp(db, user="amal", bidi="on")
    suspect = str(FIXTURES / "images" / "suspect" / "shared-on-social-media.jpg")
    async with app.run_test(size=(160, 48)) as pilot:
        await _settle(pilot, app)
        queue = app.screen.desk
        row = next(i for i, cid in enumerate(queue.order) if queue.rows[cid].rests_on_media)
        queue.move_to(row)
        app.screen.show_desk()
        claim = queue.selected
        assert claim is not None
        await _settle(pilot, app)
        await pilot.press("i")
        await _settle(pilot, app)
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one("#prompt-input").value = suspect  # type: ignore[attr-defined]
        await pilot.press("enter")
        for _ in range(20):
            await _settle(pilot, app)
            if isinstance(app.screen, ImageCompareScreen):
                break
        screen = app.screen
        assert isinstance(screen, ImageCompareScreen)
        assert screen.result.matches[0].verdict == "match"
        assert screen.result.matches[0].path.endswith("rocket.jpg")
        await pilot.press("y")
        await _settle(pilot, app)
        await pilot.press("escape")
        await _settle(pilot, app)
        assert isinstance(app.screen, QueueScreen)
    ev = claim_evidence(db, claim.id)
    assert [e.kind for e in ev][-1] == "image_outcome" and ev[-1].outcome == "same" and ev[-1].user == "amal"
    assert any(e.kind == "image_check" and e.verdict == "match" for e in ev)


async def test_a_missing_photo_is_one_notice(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [SEED])
    app = WorkbenchApp(db, bidi="off")
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot, app)
        await pilot.press("i")
        await _settle(pilot, app)
        app.screen.query_one("#prompt-input").value = "/nonexistent/photo.jpg"  # type: ignore[attr-defined]
        await pilot.press("enter")
        for _ in range(5):
            await _settle(pilot, app)
        assert isinstance(app.screen, QueueScreen)
        assert any("photo.jpg" in n.message for n in app._notifications)
