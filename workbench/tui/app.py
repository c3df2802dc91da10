"""The app: a router that opens the triage screen on a database."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

# textual-image asks the terminal what it can draw (Kitty, Sixel, half blocks) when it is first
# imported, which is impossible once Textual owns the terminal: import it before the app starts.
import textual_image.widget  # noqa: F401
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from workbench.config import current_user
from workbench.storage.db import Database
from workbench.text.display import Data, display_parts, resolve_bidi
from workbench.tui.desk import Notice
from workbench.tui.screens.queue import QueueScreen
from workbench.tui.shown import notice_text


class WorkbenchApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "workbench"
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self, db: Database, *, user: str | None = None, bidi: str | None = None, title: str | None = None,
        poll_seconds: float = 5.0,
    ) -> None:
        super().__init__()
        self.poll_seconds = poll_seconds
        self.db = db
        self.user = current_user(user)
        self.bidi = resolve_bidi(bidi)
        if title:
            self.title = title
        # Who and which database, as data: a name or a path could hold Arabic, brackets or controls.
        self.sub_title = display_parts([Data(self.user), " · ", Data(_describe(db))], 200, self.bidi)

    def on_mount(self) -> None:
        self.push_screen(QueueScreen(self.db, user=self.user, bidi=self.bidi))

    def notify(self, message: str | Notice, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notice goes through the display path: never read as markup, controls visible,
        and wrapped to the toast's width before each line is put in display order (a `Notice`
        keeps its pieces of data isolated)."""
        if isinstance(message, Notice):
            parts, severity = list(message.parts), message.severity  # type: ignore[assignment]
        else:
            parts = [message]
        width = min(60, self.size.width // 2) - 3  # a toast: 60 cells at most, half the screen; padding, border
        text = notice_text(parts, width, self.bidi)
        super().notify(text, title=title, severity=severity, markup=False,
                       timeout=timeout if timeout is not None else (8 if severity != "information" else 4))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette (ctrl+p) offers every key of the screen it was opened on, by name."""
        yield from super().get_system_commands(screen)
        for b in getattr(screen, "BINDINGS", []):
            if isinstance(b, Binding) and b.description and b.action not in ("app.quit", "help"):
                keys = " / ".join(self.get_key_display(Binding(k, "")) for k in b.key.split(","))
                yield SystemCommand(b.description, f"key: {keys}", partial(screen.run_action, b.action))


def _describe(db: Database) -> str:
    from workbench.storage.db import redact

    url = redact(db.url)
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url
