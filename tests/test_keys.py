"""One table of keys: the README, the help screen, the footer and the palette all say what the
bindings do, because they all come from `workbench.tui.keys`."""

from __future__ import annotations

import re

from tests.conftest import ROOT, SEED
from tests.test_app import _settle, text_of
from workbench.ingest.run import ingest_paths
from workbench.storage.db import Database
from workbench.tui.app import WorkbenchApp
from workbench.tui.keys import SECTIONS, markdown, written
from workbench.tui.screens.dashboard import DashboardScreen
from workbench.tui.screens.image_compare import ImageCompareScreen
from workbench.tui.screens.queue import QueueScreen
from workbench.tui.screens.source import SourceScreen


def test_the_readme_key_tables_are_the_apps() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- keys: generated[^\n]*-->\n(.*?)<!-- keys: end -->", readme, re.S)
    assert block is not None, "the README's key tables are marked <!-- keys: … --> … <!-- keys: end -->"
    assert block.group(1) == markdown(), "README out of date: paste `python -m workbench.tui.keys` into it"


def test_every_binding_is_written_where_it_is_described() -> None:
    for _name, _title, lines in SECTIONS:
        for line in lines:
            for key in line.keys:
                for k in key.keys.split(","):
                    assert f"`{written(k)}`" in line.shown, (k, line.shown)


def test_the_screens_bind_exactly_the_table() -> None:
    from textual.binding import Binding

    def keys(bindings: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
        return [(b.key, b.action) for b in bindings if isinstance(b, Binding)]

    tables = {name: [(k.keys, k.action) for line in lines for k in line.keys] for name, _t, lines in SECTIONS}
    assert keys(QueueScreen.BINDINGS) == tables["queue"]
    assert keys(SourceScreen.BINDINGS) == tables["source"]
    assert keys(ImageCompareScreen.BINDINGS) == tables["image"]
    assert keys(DashboardScreen.BINDINGS) == tables["dashboard"]


async def test_help_footer_and_palette_show_the_table(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [SEED])
    app = WorkbenchApp(db, user="amal", bidi="off", poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot, app)
        footer = " ".join(str(w.render()) for w in app.screen.query("FooterKey"))
        assert "Keys" in footer and "Quit" in footer  # ? and q stay on the footer at 80 columns
        palette = {c.title for c in app.get_system_commands(app.screen)}
        for _name, _title, lines in SECTIONS[:1]:
            for line in lines:
                for key in line.keys:
                    if key.label and key.action not in ("app.quit", "help"):
                        assert key.label in palette, key.label
        await pilot.press("question_mark")
        await _settle(pilot, app)
        shown = " ".join(text_of(app.screen.query_one("#keys"), width=220).split())
        for _name, _title, lines in SECTIONS:
            for line in lines:
                assert " ".join(line.does.replace("`", "").split()) in shown, line.does
