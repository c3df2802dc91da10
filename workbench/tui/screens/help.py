"""The key reference, one keystroke away (`?`): the key table (`workbench.tui.keys`), as the
README shows it, through the display path (what a key does may name Arabic: ال و ب ل)."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from workbench.tui.keys import SECTIONS
from workbench.tui.shown import Shown


def _plain(written: str) -> str:
    return written.replace("`", "")


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90; max-width: 96%; height: auto; max-height: 92%; overflow-y: auto;
        border: thick $accent; background: $surface; padding: 0 1; }
    """

    def __init__(self, *, bidi: bool) -> None:
        super().__init__()
        self.bidi = bidi

    def compose(self) -> ComposeResult:
        blocks: list[Table | Text] = []
        for _name, title, lines in SECTIONS:
            table = Table.grid(padding=(0, 2))
            table.add_column(style="bold cyan", min_width=10, max_width=20)
            table.add_column()
            for line in lines:
                table.add_row(Text(_plain(line.shown)), Shown(_plain(line.does), bidi=self.bidi))
            blocks += [Text(_plain(title), style="bold"), table, Text("")]
        with VerticalScroll():
            yield Static(Group(*blocks), id="keys")
            yield Static("Every change is saved at once and kept in the claim's history. esc closes.", classes="hint")
