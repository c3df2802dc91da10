"""One source: its kind, reliability and every claim attributed to it, across articles.

From here a checker rates the source, accepts a candidate into the registry, renames it, or
merges it into another source."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from workbench.services.claims import ClaimRow, list_claims
from workbench.services.sources import (
    SourceRow,
    get_source,
    list_sources,
    merge_sources,
    update_source,
)
from workbench.storage.db import Database
from workbench.text.display import display_line, paragraph_is_rtl
from workbench.tui.screens.prompt import SourcePicker, TextPrompt
from workbench.tui.widgets.claim_queue import status_cell
from workbench.tui.widgets.detail import RELIABILITY_STYLE


class SourceLoaded(Message):
    def __init__(self, source: SourceRow, claims: list[ClaimRow]) -> None:
        super().__init__()
        self.source = source
        self.claims = claims


class SourceFailed(Message):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class SourceScreen(Screen[bool]):
    """Returns True when the source was changed (so the queue reloads)."""

    BINDINGS = [
        Binding("escape,q", "close", "Back"),
        Binding("a", "accept", "Accept"),
        Binding("R", "rename", "Rename"),
        Binding("M", "merge", "Merge into…"),
        Binding("1", "rate('credible')", "Credible"),
        Binding("2", "rate('mixed')", "Mixed"),
        Binding("3", "rate('not credible')", "Not credible"),
        Binding("4", "rate('unknown')", "Unknown"),
    ]
    DEFAULT_CSS = """
    SourceScreen #source-head { padding: 1 2; background: $panel; height: auto; }
    SourceScreen DataTable { height: 1fr; }
    """

    def __init__(self, db: Database, source_id: int, *, bidi: bool) -> None:
        super().__init__()
        self.db = db
        self.source_id = source_id
        self.bidi = bidi
        self.source: SourceRow | None = None
        self.changed = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading source…", id="source-head")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="source-claims")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("#", width=6)
        table.add_column("Status", width=12)
        table.add_column("Article", width=28)
        table.add_column("Claim", width=80)
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="source", exit_on_error=False)
    def load(self) -> None:
        try:
            source = get_source(self.db, self.source_id)
            claims = list_claims(self.db, source_id=self.source_id)
        except Exception as exc:
            self.post_message(SourceFailed(str(exc)))
            return
        self.post_message(SourceLoaded(source, claims))

    @on(SourceLoaded)
    def _loaded(self, msg: SourceLoaded) -> None:
        self.source = msg.source
        s = msg.source
        head = Text()
        head.append(display_line(s.canonical, 80, self.bidi), style="bold")
        head.append(f"   {s.kind}", style="cyan")
        head.append("   reliability: ")
        head.append(s.reliability, style=RELIABILITY_STYLE.get(s.reliability, ""))
        if s.is_candidate:
            head.append("   new source — not yet in the registry (a: accept)", style="italic yellow")
        head.append(f"\n{len(msg.claims)} claims attributed to it", style="dim")
        if s.aliases:
            head.append("   also written: ", style="dim")
            head.append(display_line(" · ".join(s.aliases[:6]), 90, self.bidi), style="dim")
        self.query_one("#source-head", Static).update(head)
        table = self.query_one(DataTable)
        table.clear()
        for c in msg.claims:
            rtl = paragraph_is_rtl(c.text)
            table.add_row(
                Text(str(c.id), style="dim"),
                status_cell(c.status),
                Text(display_line(c.article_title or f"#{c.article_id}", 28, self.bidi)),
                Text(display_line(c.text, 80, self.bidi), justify="right" if rtl else "left", no_wrap=True),
                key=str(c.id),
            )

    @on(SourceFailed)
    def _failed(self, msg: SourceFailed) -> None:
        self.notify(msg.text, severity="error")

    @work(thread=True, group="source-write", exit_on_error=False)
    def _write(self, what: str, value: str | int | None = None) -> None:
        try:
            if what == "accept":
                update_source(self.db, self.source_id, accept=True)
            elif what == "rename":
                update_source(self.db, self.source_id, canonical=str(value))
            elif what == "rate":
                update_source(self.db, self.source_id, reliability=str(value))
            elif what == "merge":
                merged = merge_sources(self.db, self.source_id, int(value or 0))
                self.source_id = merged.id
        except Exception as exc:
            self.post_message(SourceFailed(str(exc)))
            return
        self.changed = True
        self.load()

    def action_accept(self) -> None:
        self._write("accept")

    def action_rate(self, reliability: str) -> None:
        self._write("rate", reliability)

    def action_rename(self) -> None:
        current = self.source.canonical if self.source else ""

        def done(name: str | None) -> None:
            if name:
                self._write("rename", name)

        self.app.push_screen(TextPrompt("Canonical name for this source", value=current), done)

    @work(thread=True, exclusive=True, group="pick", exit_on_error=False)
    def action_merge(self) -> None:
        sources = list_sources(self.db)
        self.app.call_from_thread(self._pick_target, sources)

    def _pick_target(self, sources: list[SourceRow]) -> None:
        def done(target: int | str | None) -> None:
            if isinstance(target, int) and target:
                self._write("merge", target)

        title = "Merge this source into…"
        self.app.push_screen(SourcePicker(title, sources, bidi=self.bidi, exclude=self.source_id), done)

    def action_close(self) -> None:
        self.dismiss(self.changed)
