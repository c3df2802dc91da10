"""Where the desk stands (D): claims by status, sources and articles, and what to check next."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static

from workbench.services.claims import Dashboard, dashboard
from workbench.storage.db import Database
from workbench.storage.models import Status
from workbench.text.display import display_line
from workbench.tui.widgets.claim_queue import STATUS_STYLE, worth_cell


class _Loaded(Message):
    def __init__(self, data: Dashboard | None, error: str = "") -> None:
        super().__init__()
        self.data = data
        self.error = error


class DashboardScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,D", "dismiss", "Close")]
    DEFAULT_CSS = """
    DashboardScreen { align: center middle; }
    DashboardScreen > VerticalScroll { width: 110; max-width: 96%; height: auto; max-height: 92%;
        border: thick $accent; background: $surface; padding: 0 1; }
    """

    def __init__(self, db: Database, *, bidi: bool) -> None:
        super().__init__()
        self.db = db
        self.bidi = bidi

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text("Counting…", style="dim"), id="dash")

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exit_on_error=False)
    def load(self) -> None:
        try:
            self.post_message(_Loaded(dashboard(self.db)))
        except Exception as exc:
            self.post_message(_Loaded(None, str(exc)))

    @on(_Loaded)
    def _show(self, msg: _Loaded) -> None:
        if msg.data is None:
            self.query_one("#dash", Static).update(Text(f"Could not count: {msg.error}", style="red"))
            return
        d = msg.data
        status = Table(title=f"{d.total:,} claims", title_justify="left", box=None, padding=(0, 2))
        for st in Status:
            status.add_column(Text(st.label, style=STATUS_STYLE.get(st.value, "")), justify="right")
        status.add_row(*[f"{d.by_status.get(st.value, 0):,}" for st in Status])
        sources = Table(title="Most cited sources", title_justify="left", box=None, padding=(0, 2))
        for col in ("source", "kind", "claims", "with a verdict"):
            sources.add_column(col, justify="right" if col in ("claims", "with a verdict") else "left")
        for name, kind, n, done in d.by_source:
            sources.add_row(Text(display_line(name, 40, self.bidi)), kind, f"{n:,}", f"{done:,}")
        articles = Table(title="Articles with most claims", title_justify="left", box=None, padding=(0, 2))
        for col in ("#", "article", "claims", "with a verdict"):
            articles.add_column(col, justify="right" if col in ("#", "claims", "with a verdict") else "left")
        for aid, title, n, done in d.by_article:
            articles.add_row(str(aid), Text(display_line(title, 50, self.bidi)), f"{n:,}", f"{done:,}")
        worth = Table(title="Most check-worthy, still unchecked", title_justify="left", box=None, padding=(0, 2))
        for col in ("#", "worth", "source", "claim"):
            worth.add_column(col)
        for r in d.worth_checking:
            worth.add_row(str(r.id), worth_cell(r.checkworthiness), Text(display_line(r.source_name or "—", 22, self.bidi)),
                          Text(display_line(r.text, 60, self.bidi)))
        self.query_one("#dash", Static).update(Group(status, Text(""), sources, Text(""), articles, Text(""), worth))
