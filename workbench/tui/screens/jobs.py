"""Long work started from the app — ingesting a folder, registering photos — with progress on
screen and Escape to cancel. What was stored before a cancel stays stored.

The work runs in a thread (through `call`) and only posts progress messages; it stops at the
next article or photo once Escape is pressed (a flag it checks, not a worker cancelled)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import ProgressBar, Static

from workbench.storage.db import Database
from workbench.text.display import Data
from workbench.text.wording import plural
from workbench.tui.calls import Done, call
from workbench.tui.shown import Shown


class Cancelled(Exception):
    pass


@dataclass(slots=True)
class JobResult:
    line: str
    errors: list[str]
    cancelled: bool


class _Progress(Message):
    def __init__(self, done: int, total: int | None, line: str, stored: bool) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.line = line
        self.stored = stored


class JobScreen(ModalScreen[bool]):
    """Runs `kind` ("ingest" or "images") on `path`; answers True when something was stored."""

    BINDINGS = [Binding("escape", "cancel", "Cancel / close")]
    DEFAULT_CSS = """
    JobScreen { align: center middle; }
    JobScreen > Vertical { width: 80; max-width: 96%; height: auto; border: thick $accent; background: $surface; padding: 1 2; }
    JobScreen ProgressBar { padding: 1 0; }
    """

    def __init__(self, db: Database, kind: str, path: Path, *, user: str, bidi: bool = False) -> None:
        super().__init__()
        self.db = db
        self.kind = kind
        self.path = path
        self.user = user
        self.bidi = bidi
        self.finished = False
        self.stored = False
        self._stop = threading.Event()

    def compose(self) -> ComposeResult:
        what = "Ingesting articles from " if self.kind == "ingest" else "Registering known photos from "
        with Vertical():
            yield Static(Shown(what, Data(str(self.path)), bidi=self.bidi))
            yield ProgressBar(total=None, show_eta=False, id="bar")
            yield Static(Text("starting…", style="dim"), id="line")
            yield Static(Text("esc: cancel (what is stored stays stored)", style="dim"), id="hint")

    def on_mount(self) -> None:
        self.run_job()

    def _work(self) -> JobResult:
        """In a thread: the service, with progress posted (thread-safe) a few times a second."""
        errors: list[str] = []
        last = [0.0]

        def due() -> bool:
            now = time.monotonic()
            if now - last[0] >= 0.1:
                last[0] = now
                return True
            return False

        try:
            if self.kind == "ingest":
                from workbench.ingest.run import IngestReport, ingest_paths

                def on_article(r: IngestReport) -> None:
                    if due():
                        self.post_message(_Progress(r.articles, None, f"{plural(r.articles, 'article')}, "
                                                    f"{plural(r.claims, 'claim')}, {r.duplicates:,} already stored",
                                                    r.articles > 0))

                report = ingest_paths(self.db, [self.path], on_article=on_article,
                                      on_error=lambda e: errors.append(f"{e.origin}: {e.message}"), workers=1,
                                      should_stop=self._stop.is_set)
                self.stored = self.stored or report.articles > 0
                if report.stopped:
                    return JobResult(f"Cancelled after {plural(report.articles, 'article')} and "
                                     f"{plural(report.claims, 'claim')}; they stay stored.", errors, True)
                line = (f"Done: {plural(report.articles, 'article')} and {plural(report.claims, 'claim')} added, "
                        f"{report.duplicates:,} already stored, {plural(len(report.errors), 'error')}")
            else:
                from workbench.services.images import add_images

                def on_progress(n: int, total: int) -> None:
                    if self._stop.is_set():
                        raise Cancelled
                    if due() or n == total:
                        self.post_message(_Progress(n, total, f"{n:,} of {plural(total, 'photo')}", False))

                rep = add_images(self.db, [self.path], user=self.user, on_progress=on_progress, workers=1,
                                 on_error=lambda e: errors.append(f"{e.path}: {e.message}"))
                self.stored = rep.added > 0
                line = (f"Done: {plural(rep.added, 'photo')} added, {rep.duplicates:,} already in the bank, "
                        f"{plural(len(rep.errors), 'error')}")
        except Cancelled:
            return JobResult("Cancelled. What was stored before stays stored.", errors, True)
        return JobResult(line, errors, False)

    @work(exclusive=True, group="job", exit_on_error=False)
    async def run_job(self) -> None:
        outcome = await call(self._work)
        self.finished = True
        bar = self.query_one(ProgressBar)
        bar.update(total=max(1, bar.progress), progress=max(1, bar.progress))
        if isinstance(outcome, Done):
            result = outcome.value
            parts: list[str] = [result.line]
            for err in result.errors[:5]:
                parts += ["\n", Data(err)]
            if len(result.errors) > 5:
                parts.append(f"\n… and {len(result.errors) - 5:,} more")
            self.query_one("#line", Static).update(Shown(*parts, bidi=self.bidi, style="yellow" if result.cancelled else ""))
        else:
            self.query_one("#line", Static).update(Shown(("Stopped: ", "yellow"), Data(outcome.message), bidi=self.bidi))
        self.query_one("#hint", Static).update(Text("esc: close", style="dim"))

    @on(_Progress)
    def _progress(self, msg: _Progress) -> None:
        self.stored = self.stored or msg.stored
        if self.finished:
            return
        self.query_one(ProgressBar).update(total=msg.total, progress=msg.done)
        self.query_one("#line", Static).update(Text(msg.line))

    def action_cancel(self) -> None:
        if self.finished:
            self.dismiss(self.stored)
            return
        self._stop.set()
        self.query_one("#hint", Static).update(Text("cancelling…", style="yellow"))
