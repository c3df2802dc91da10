"""Checking a photo from the app: the suspect photo beside its match, and the outcome recorded."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from benchmarks._photos import unregistered_photos
from tests.conftest import FIXTURES, SEED
from tests.test_app import _settle, text_of
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


async def _compare(app: WorkbenchApp, pilot, path: Path) -> ImageCompareScreen:  # type: ignore[no-untyped-def]
    """Check the photo at `path` for the selected claim; the comparison screen it opens."""
    await _settle(pilot, app)
    await pilot.press("i")
    await _settle(pilot, app)
    assert isinstance(app.screen, TextPrompt)
    app.screen.query_one("#prompt-input").value = str(path)  # type: ignore[attr-defined]
    await pilot.press("enter")
    for _ in range(20):
        await _settle(pilot, app)
        if isinstance(app.screen, ImageCompareScreen):
            break
    assert isinstance(app.screen, ImageCompareScreen)
    return app.screen


async def test_the_comparison_says_how_and_where_a_photo_was_found_and_why_a_flat_one_cannot_be(
        db: Database, tmp_path: Path) -> None:
    ingest_paths(db, [SEED])
    add_images(db, [FIXTURES / "images" / "known"])
    # "Then and now": the rocket on the left, a photo the bank does not know on the right.
    rocket = Image.open(FIXTURES / "images" / "known" / "rocket.jpg").convert("RGB")
    other = unregistered_photos()["motorcycle"].convert("RGB").resize(rocket.size)
    pair = Image.new("RGB", (rocket.width * 2 + 8, rocket.height), "white")
    pair.paste(rocket, (0, 0))
    pair.paste(other, (rocket.width + 8, 0))
    pair.save(tmp_path / "then-and-now.jpg", quality=85)
    Image.new("RGB", (300, 200), (30, 60, 200)).save(tmp_path / "blue.png")
    app = WorkbenchApp(db, user="amal", bidi="off")
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await _compare(app, pilot, tmp_path / "then-and-now.jpg")
        m = screen.result.matches[0]
        assert m.verdict == "match" and m.path.endswith("rocket.jpg") and m.region is not None
        facts = " ".join(text_of(screen.query_one("#known-facts"), 78).split())
        assert "MATCH" in facts and f"found: {m.how}" in facts and "keypoints agree" in facts
        assert "where: the left part of the suspect photo (0%-50% across, 0%-100% down)" in facts
        suspect = " ".join(text_of(screen.query_one(".facts"), 78).split())
        assert "a composite: cut into" in suspect
        await pilot.press("escape")
        await _settle(pilot, app)

        screen = await _compare(app, pilot, tmp_path / "blue.png")
        assert screen.result.unmatchable and not screen.result.matches
        facts = " ".join(text_of(screen.query_one("#known-facts"), 78).split())
        assert "CANNOT BE MATCHED" in facts and "why: nearly one flat colour" in facts
        assert "Nothing in the bank looks like" not in facts
        await pilot.press("y")  # nothing to call the same: the key does nothing
        await _settle(pilot, app)
        assert not screen.recorded
        await pilot.press("escape")
        await _settle(pilot, app)
        assert isinstance(app.screen, QueueScreen)
