"""Layout snapshots (Textual is pinned exactly in pyproject.toml so these stay stable).

Update after an intended change of layout: `pytest tests/test_snapshots.py --snapshot-update`."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.conftest import ARTICLES, SEED
from workbench.ingest.run import ingest_paths
from workbench.storage.db import Database
from workbench.tui.app import WorkbenchApp


def _app(tmp_path: Path, paths: list[Path], bidi: str) -> WorkbenchApp:
    db = Database(f"sqlite:///{tmp_path / 'snap.db'}")
    ingest_paths(db, paths)
    return WorkbenchApp(db, user="tester", bidi=bidi)


async def _ready(pilot) -> None:  # type: ignore[no-untyped-def]
    pilot.app.sub_title = "tester · snapshot.db"
    for _ in range(50):
        await pilot.pause()
        if not pilot.app.workers._workers:
            break
        await asyncio.sleep(0.02)
    await pilot.pause()


def test_triage_screen_arabic_seed(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(tmp_path, [SEED], "on"), terminal_size=(120, 36), run_before=_ready)


def test_triage_screen_english_after_a_verdict(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = _app(tmp_path, [ARTICLES / "en-madaya-convoy.md"], "off")

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _ready(pilot)
        await pilot.press("f")
        await _ready(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=before)


def test_help_screen(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = _app(tmp_path, [SEED], "on")

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


def test_photo_beside_its_match(snap_compare, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from workbench.services.claims import list_claims
    from workbench.services.images import add_images, match_image
    from workbench.tui.screens.image_compare import ImageCompareScreen

    fixtures = ARTICLES.parent / "images"
    monkeypatch.chdir(fixtures)  # paths are shown relative to the working folder: stable here
    app = _app(tmp_path, [SEED], "on")
    add_images(app.db, [fixtures / "known"])
    claim = next(c for c in list_claims(app.db) if c.rests_on_media)
    result = match_image(app.db, fixtures / "suspect" / "shared-on-social-media.jpg")

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _ready(pilot)
        await pilot.app.push_screen(ImageCompareScreen(pilot.app.db, claim, result, user="tester", bidi=True))
        await _ready(pilot)

    assert snap_compare(app, terminal_size=(120, 36), run_before=before)


def test_dashboard(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = _app(tmp_path, [ARTICLES], "on")

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _ready(pilot)
        await pilot.press("D")
        await _ready(pilot)

    assert snap_compare(app, terminal_size=(200, 50), run_before=before)


def test_triage_screen_at_80x24(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(tmp_path, [ARTICLES], "on"), terminal_size=(80, 24), run_before=_ready)
