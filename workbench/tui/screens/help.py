"""The key reference, one keystroke away (`?`)."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    ("v", "mark verified"), ("d", "mark disputed"), ("f", "mark false"), ("m", "mark misleading"),
    ("u", "mark unverifiable"), ("p", "mark in progress"), ("r", "reset to unchecked"), ("ctrl+z / U", "undo your last verdict (all the claims it marked)"),
    ("j / ↓", "next claim"), ("k / ↑", "previous claim"), ("g / G", "first / last claim"),
    ("n", "next unchecked claim"), ("s", "sort: article order / most check-worthy first"),
    ("space", "mark / unmark the claim (then a status key, c or l acts on every marked claim)"),
    ("A", "mark every claim shown (again: unmark them)"), ("esc", "unmark all; again: back from a search"),
    ("b", "group by article, source, kind, status, language, check-worthiness, or not"),
    ("e", "attribute the claim to another source, or to a new one (kept in its evidence)"),
    ("o", "open the claim's source: all its claims; rate 1-4, accept a, rename R, merge M"),
    ("/", "search claims (esc: back to all claims)"),
    ("F", "filter: status:… kind:… lang:… source:… article:… media seen worth>0.5 -media"),
    ("c / l", "add a note / an evidence link to the claim"),
    ("I / B", "ingest articles / register known photos, with progress; esc cancels"),
    ("D", "dashboard: counts by status, sources, articles; what to check next"),
    ("i", "check a photo for the claim against the bank; y / n: same image or not"),
    ("tab", "move between queue and article"),
    ("ctrl+r", "reload from the database"), ("ctrl+p", "command palette"), ("?", "this help"),
    ("q", "quit"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 72; height: auto; max-height: 90%; overflow-y: auto; border: thick $accent; background: $surface; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for key, what in KEYS:
            table.add_row(key, what)
        with VerticalScroll():
            yield Static("Keys", classes="title")
            yield Static(table)
            yield Static("Every change is saved at once and kept in the claim's history.", classes="hint")
