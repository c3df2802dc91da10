"""Long work started from the app — ingesting a folder, registering photos — in a worker thread,
with progress on screen and Escape to cancel. What was stored before a cancel stays stored."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from workbench.storage.db import Database


class Cancelled(Exception):
    pass


class _Progress(Message):
    def __init__(self, done: int, total: int | None, line: str) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.line = line


class _Finished(Message):
    def __init__(self, line: str, ok: bool) -> None:
        super().__init__()
        self.line = line
        self.ok = ok


class JobScreen(ModalScreen[bool]):
    """Runs `kind` ("ingest" or "images") on `path`; returns True when something was stored."""

    BINDINGS = [Binding("escape", "cancel", "Cancel / close")]
    DEFAULT_CSS = """
    JobScreen { align: center middle; }
    JobScreen > Vertical { width: 80; height: auto; border: thick $accent; background: $surface; padding: 1 2; }
    JobScreen ProgressBar { padding: 1 0; }
    """

    def __init__(self, db: Database, kind: str, path: Path, *, user: str) -> None:
        super().__init__()
        self.db = db
        self.kind = kind
        self.path = path
        self.user = user
        self.finished = False
        self.stored = False

    def compose(self) -> ComposeResult:
        what = "Ingesting articles from" if self.kind == "ingest" else "Registering known photos from"
        with Vertical():
            yield Static(Text(f"{what} {self.path}"))
            yield ProgressBar(total=None, show_eta=False, id="bar")
            yield Static(Text("starting…", style="dim"), id="line")
            yield Static(Text("esc: cancel (what is stored stays stored)", style="dim"), id="hint")

    def on_mount(self) -> None:
        self.run_job()

    @work(thread=True, exclusive=True, group="job", exit_on_error=False)
    def run_job(self) -> None:
        worker = get_current_worker()
        errors: list[str] = []
        try:
            if self.kind == "ingest":
                from workbench.services.ingest import IngestReport, ingest_paths

                def on_article(r: IngestReport) -> None:
                    if worker.is_cancelled:
                        raise Cancelled
                    if r.articles % 10 == 0:
                        self.post_message(_Progress(r.articles, None,
                                                    f"{r.articles:,} articles, {r.claims:,} claims, {r.duplicates:,} already stored"))

                report = ingest_paths(self.db, [self.path], on_article=on_article,
                                      on_error=lambda e: errors.append(f"{e.origin}: {e.message}"), workers=1)
                self.stored = report.articles > 0
                line = (f"Done: {report.articles:,} articles and {report.claims:,} claims added, "
                        f"{report.duplicates:,} already stored, {len(report.errors):,} errors")
            else:
                from workbench.services.images import add_images

                def on_progress(n: int, total: int) -> None:
                    if worker.is_cancelled:
                        raise Cancelled
                    self.post_message(_Progress(n, total, f"{n:,} of {total:,} photos"))

                rep = add_images(self.db, [self.path], user=self.user, on_progress=on_progress, workers=1,
                                 on_error=lambda e: errors.append(f"{e.path}: {e.message}"))
                self.stored = rep.added > 0
                line = f"Done: {rep.added:,} photos added, {rep.duplicates:,} already in the bank, {len(rep.errors):,} errors"
        except Cancelled:
            self.post_message(_Finished("Cancelled. What was stored before stays stored.", False))
            return
        except Exception as exc:
            self.post_message(_Finished(f"Stopped: {exc}", False))
            return
        if errors:
            line += "\n" + "\n".join(errors[:5]) + (f"\n… and {len(errors) - 5} more" if len(errors) > 5 else "")
        self.post_message(_Finished(line, True))

    @on(_Progress)
    def _progress(self, msg: _Progress) -> None:
        bar = self.query_one(ProgressBar)
        bar.update(total=msg.total, progress=msg.done)
        self.query_one("#line", Static).update(Text(msg.line))

    @on(_Finished)
    def _finished(self, msg: _Finished) -> None:
        self.finished = True
        bar = self.query_one(ProgressBar)
        bar.update(total=max(1, bar.progress), progress=max(1, bar.progress))
        self.query_one("#line", Static).update(Text(msg.line, style="" if msg.ok else "yellow"))
        self.query_one("#hint", Static).update(Text("esc: close", style="dim"))

    def action_cancel(self) -> None:
        if self.finished:
            self.dismiss(self.stored)
            return
        for w in self.workers:
            w.cancel()
        self.query_one("#hint", Static).update(Text("cancelling…", style="yellow"))
