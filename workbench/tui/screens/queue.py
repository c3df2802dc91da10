"""The triage screen: claim queue, article in context, claim detail."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from workbench.services.claims import (
    ClaimRow,
    ConflictError,
    QueueRow,
    claim_history,
    get_article,
    list_claims,
    list_queue,
    set_status,
)
from workbench.storage.db import Database
from workbench.storage.models import Status
from workbench.tui.messages import (
    ArticleLoaded,
    ClaimsAppended,
    ClaimSaved,
    ClaimsChanged,
    ClaimsLoaded,
    HistoryLoaded,
    WorkFailed,
)
from workbench.tui.widgets.article_view import ArticleView
from workbench.tui.widgets.claim_queue import ClaimQueue
from workbench.tui.widgets.detail import ClaimDetail

FIRST_PAGE = 400  # claims shown before anything else is read
PAGE = 5000  # then read in pages of this many

STATUS_KEYS = [
    ("v", Status.verified, "Verified"),
    ("d", Status.disputed, "Disputed"),
    ("f", Status.false, "False"),
    ("m", Status.misleading, "Misleading"),
    ("u", Status.unverifiable, "Unverifiable"),
    ("p", Status.in_progress, "In progress"),
    ("r", Status.unchecked, "Reset"),
]


class QueueScreen(Screen[None]):
    BINDINGS = [
        *[Binding(key, f"mark('{st.value}')", label, show=key in "vdf") for key, st, label in STATUS_KEYS],
        Binding("n", "next_unchecked", "Next"),
        Binding("space", "toggle_mark", "Mark"),
        Binding("A", "mark_all", "Mark all", show=False),
        Binding("b", "cycle_group", "Group"),
        Binding("e", "edit_source", "Edit source", show=False),
        Binding("o", "open_source", "Source"),
        Binding("i", "check_image", "Photo"),
        Binding("s", "toggle_sort", "Sort"),
        Binding("slash", "search", "Search"),
        Binding("c", "note", "Note", show=False),
        Binding("l", "link", "Link", show=False),
        Binding("F", "filter", "Filter", show=False),
        Binding("D", "dashboard", "Dashboard", show=False),
        Binding("I", "import_articles", "Ingest", show=False),
        Binding("B", "import_photos", "Add photos", show=False),
        Binding("ctrl+z,U", "undo", "Undo", show=False),
        Binding("escape", "clear_search", "Unmark / all claims", show=False),
        Binding("ctrl+r", "reload", "Reload", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, db: Database, *, user: str, bidi: bool) -> None:
        super().__init__()
        self.db = db
        self.user = user
        self.bidi = bidi
        self._article_id: int | None = None
        self._article_claims: list[ClaimRow] = []
        self._sort = "position"
        self._search: str | None = None
        # Each step: the claims one keypress changed, as (claim id, status before, version after).
        self._undo: list[list[tuple[int, str, int]]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield Static("Claims", id="queue-title", classes="pane-title")
                yield ClaimQueue(bidi=self.bidi, id="queue")
            with Vertical(id="right"):
                yield Static("Article", id="article-title", classes="pane-title")
                yield ArticleView(bidi=self.bidi, id="article")
                yield ClaimDetail(bidi=self.bidi, id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ClaimQueue).focus()
        self.load_claims()
        from datetime import UTC, datetime

        self._polled_at = datetime.now(UTC)
        poll = getattr(self.app, "poll_seconds", 5.0)
        if poll:
            self.set_interval(poll, self.poll_changes)

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def poll_changes(self) -> None:
        """Look for claims changed by others (every few seconds; cheap: an indexed time range)."""
        from datetime import UTC, datetime, timedelta

        since = self._polled_at - timedelta(seconds=1)
        now = datetime.now(UTC)
        try:
            rows = list_claims(self.db, changed_since=since)
        except Exception:
            return  # the next look will try again; a passing network error is not worth a notice
        self._polled_at = now
        if rows:
            self.post_message(ClaimsChanged(rows))

    # ------------------------------------------------------------------ workers

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_claims(self) -> None:
        """The first page at once (the first screen must not wait), then the rest page by page
        while the checker works; the queue draws only what is on screen."""
        from textual.worker import get_current_worker

        from workbench.services.claims import count_claims

        self._search = None
        worker = get_current_worker()
        try:
            total = count_claims(self.db)
            rows = list_queue(self.db, limit=FIRST_PAGE)
            self.post_message(ClaimsLoaded(rows, total))
            more = rows
            time.sleep(0.3)  # let the first screen draw and answer its first keys
            while len(more) == (FIRST_PAGE if more is rows else PAGE) and not worker.is_cancelled:
                more = list_queue(self.db, after_id=more[-1].id, limit=PAGE)
                if more:
                    self.post_message(ClaimsAppended(more))
                time.sleep(0.02)  # give the interface the interpreter between pages
        except Exception as exc:  # reported in the app, never a crash
            self.post_message(WorkFailed(f"Could not load claims: {exc}"))

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def load_article(self, article_id: int) -> None:
        try:
            article = get_article(self.db, article_id)
            claims = list_claims(self.db, article_id=article_id)
        except Exception as exc:
            self.post_message(WorkFailed(f"Could not load article {article_id}: {exc}"))
            return
        self.post_message(ArticleLoaded(article, claims))

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def load_history(self, claim_id: int) -> None:
        from workbench.services.claims import get_claim
        from workbench.services.images import claim_evidence

        try:
            claim = get_claim(self.db, claim_id)
            hist = claim_history(self.db, claim_id)
            evidence = claim_evidence(self.db, claim_id)
        except Exception as exc:
            self.post_message(WorkFailed(f"Could not load history: {exc}"))
            return
        self.post_message(HistoryLoaded(claim_id, hist, evidence, claim))

    @work(thread=True, group="save", exit_on_error=False)
    def save_status(self, claim: QueueRow, status: Status) -> None:
        self._write_claim(lambda: set_status(self.db, claim.id, status, user=self.user, expected_version=claim.version),
                          claim.status)

    def _write_claim(self, write: Callable[[], ClaimRow], previous: str | None = None, done: str = "") -> None:
        """Run one claim's write (in a worker) and show the claim as saved; on a conflict, show it
        as the colleague left it. `done` is a notice, with {row} for the saved claim."""
        try:
            row = write()
        except ConflictError as exc:
            self.post_message(ClaimSaved(exc.current, exc.current.status))
            self.post_message(WorkFailed(f"Not saved: {exc}. The claim now shows their change."))
            return
        except Exception as exc:
            self.post_message(WorkFailed(f"Not saved: {exc}"))
            return
        self.post_message(ClaimSaved(row, row.status if previous is None else previous))
        if done:
            self.post_message(WorkFailed(done.format(row=row), severity="information"))

    # ------------------------------------------------------------------ messages

    @on(ClaimsLoaded)
    def _claims_loaded(self, msg: ClaimsLoaded) -> None:
        queue = self.query_one(ClaimQueue)
        queue.load(msg.rows)
        if self._sort != "position":
            queue.sort_by(self._sort)
        title = f"Claims — {msg.total:,}"
        if getattr(self, "_search", None):
            title = f"Search “{self._search}” — {msg.total:,} claims (esc: all claims)"
        if getattr(self, "_filter", ""):
            title += f" · filter: {self._filter} (F to change)"
        self._set_title(title)
        if not msg.rows:
            self.query_one(ArticleView).clear()
            self.query_one(ClaimDetail).show_claim(None)
            if getattr(self, "_search", None):
                self.notify("No claim has all these words.", severity="warning")
            else:
                self.notify("No claims yet: ingest articles with `workbench ingest PATH`.", severity="warning")
            return
        queue.select_first()
        self._show_selected()

    @on(ClaimsAppended)
    def _claims_appended(self, msg: ClaimsAppended) -> None:
        queue = self.query_one(ClaimQueue)
        queue.append(msg.rows)
        if self._sort != "position":
            queue.sort_by(self._sort)

    @on(ClaimQueue.Regrouped)
    def _regrouped(self) -> None:
        self._set_title()

    @on(ClaimQueue.RowHighlighted)
    def _row_highlighted(self) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        claim = self.query_one(ClaimQueue).selected
        self.query_one(ClaimDetail).show_claim(claim)
        if claim is None:
            return
        self.load_history(claim.id)
        if claim.article_id != self._article_id:
            self._article_id = claim.article_id
            self.load_article(claim.article_id)
        else:
            self._highlight(claim)

    @on(ArticleLoaded)
    def _article_loaded(self, msg: ArticleLoaded) -> None:
        if msg.article.id != self._article_id:
            return
        self._article_text = msg.article.text
        self._article_claims = msg.claims
        self._article_meta = msg.article
        title = msg.article.title or f"Article {msg.article.id}"
        pub = f" — {msg.article.publisher}" if msg.article.publisher else ""
        from workbench.text.display import display_line

        self.query_one("#article-title", Static).update(Text(display_line(f"{title}{pub}", 200, self.bidi)))
        claim = self.query_one(ClaimQueue).selected
        if claim is not None:
            self._highlight(claim)

    def _highlight(self, selected: QueueRow) -> None:
        if getattr(self, "_article_meta", None) is None or self._article_meta.id != selected.article_id:
            return
        claim = next((c for c in self._article_claims if c.id == selected.id), None)  # read whole with the article
        if claim is None:
            return
        spans: list[tuple[int, int, str]] = [
            (c.start, c.end, "article-view--other") for c in self._article_claims if c.id != claim.id
        ]
        spans.append((claim.start, claim.end, "article-view--selected"))
        if claim.mention_start is not None and claim.mention_end is not None:
            spans.append((claim.mention_start, claim.mention_end, "article-view--mention"))
        self.query_one(ArticleView).show(self._article_text, spans, claim.start)

    @on(HistoryLoaded)
    def _history_loaded(self, msg: HistoryLoaded) -> None:
        claim = self.query_one(ClaimQueue).selected
        if claim is not None and claim.id == msg.claim_id:
            whole = msg.claim if msg.claim is not None and msg.claim.version >= claim.version else claim
            self.query_one(ClaimDetail).show_claim(whole, msg.history, msg.evidence)

    @on(ClaimSaved)
    def _claim_saved(self, msg: ClaimSaved) -> None:
        if msg.previous != msg.row.status and msg.row.updated_by == self.user and not getattr(msg, "undoing", False):
            self._undo.append([(msg.row.id, msg.previous, msg.row.version)])
        queue = self.query_one(ClaimQueue)
        queue.update_claim(msg.row)
        self._article_claims = [msg.row if c.id == msg.row.id else c for c in self._article_claims]
        selected = queue.selected
        if selected is not None and selected.id == msg.row.id:
            self.query_one(ClaimDetail).show_claim(msg.row)
            self.load_history(msg.row.id)

    @on(ClaimsChanged)
    def _claims_changed(self, msg: ClaimsChanged) -> None:
        queue = self.query_one(ClaimQueue)
        others = []
        for row in msg.rows:
            known = queue.rows_by_id.get(row.id)
            if known is None or (known.status, known.version) == (row.status, row.version):
                continue
            if row.version < known.version:
                continue
            queue.update_claim(row)
            if row.updated_by != self.user:
                others.append(row)
        selected = queue.selected
        if selected is not None and any(r.id == selected.id for r in others):
            self.query_one(ClaimDetail).show_claim(selected)
            self.load_history(selected.id)
        if others:
            who = sorted({r.updated_by or "someone" for r in others})
            self.notify(f"{len(others)} claim(s) changed by {', '.join(who)}.", timeout=6)

    @on(WorkFailed)
    def _work_failed(self, msg: WorkFailed) -> None:
        self.notify(msg.text, severity=msg.severity, timeout=8)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ actions

    def _selected(self) -> QueueRow | None:
        """The claim under the cursor; when there is none, the checker is told so."""
        claim = self.query_one(ClaimQueue).selected
        if claim is None:
            self.notify("No claim selected: the queue is empty.", severity="warning")
        return claim

    def action_mark(self, status: str) -> None:
        queue = self.query_one(ClaimQueue)
        st = Status(status)
        if queue.marked:
            self._mark_many(queue, st)
            return
        claim = self._selected()
        if claim is None:
            return
        # Show the verdict at once; the worker confirms it (or reports a conflict).
        optimistic = dataclasses.replace(claim, status=st.value)
        queue.update_claim(optimistic)
        queue.rows_by_id[claim.id] = claim  # keep the version we read for the conflict check
        self.save_status(claim, st)
        queue.action_cursor(1)

    def _mark_many(self, queue: ClaimQueue, st: Status) -> None:
        claims = queue.marked_rows()
        for c in claims:  # shown at once; the worker confirms (or reports conflicts)
            queue.update_claim(dataclasses.replace(c, status=st.value))
            queue.rows_by_id[c.id] = c
        queue.clear_marks()
        self.save_many(claims, st)

    @work(thread=True, group="save", exit_on_error=False)
    def save_many(self, claims: list[QueueRow], status: Status) -> None:
        from workbench.services.claims import set_status_many

        try:
            result = set_status_many(self.db, [(c.id, c.version) for c in claims], status, user=self.user)
        except Exception as exc:
            self.post_message(WorkFailed(f"Not saved: {exc}"))
            return
        self.app.call_from_thread(self._saved_many, claims, status, result)

    def _saved_many(self, claims: list[QueueRow], status: Status, result: Any) -> None:
        queue = self.query_one(ClaimQueue)
        before = {c.id: c.status for c in claims}
        step = [(r.id, before[r.id], r.version) for r in result.saved if before[r.id] != r.status]
        if step:
            self._undo.append(step)
        for row in [*result.saved, *result.conflicts]:
            queue.update_claim(row)
        self._article_claims = [next((r for r in result.saved if r.id == c.id), c) for c in self._article_claims]
        text = f"{len(result.saved)} claim(s) marked {status.label}."
        if result.conflicts:
            who = sorted({r.updated_by or "someone" for r in result.conflicts})
            text += f" {len(result.conflicts)} not: changed by {', '.join(who)} meanwhile (they show their verdict)."
        self.notify(text, severity="warning" if result.conflicts else "information")
        selected = queue.selected
        if selected is not None and selected.id in before:
            self._show_selected()

    def _set_title(self, title: str | None = None) -> None:
        """The queue pane's title, with how many claims are marked and how the queue is grouped."""
        if title is not None:
            self._title = title
        queue = self.query_one(ClaimQueue)
        extra = [f"{len(queue.marked):,} marked"] if queue.marked else []
        if queue.group:
            extra.append(f"by {queue.group}")
        self.query_one("#queue-title", Static).update(Text(" · ".join([getattr(self, "_title", "Claims"), *extra])))

    def action_toggle_mark(self) -> None:
        queue = self.query_one(ClaimQueue)
        if queue.selected is None:
            self.notify("No claim to mark: the queue is empty.", severity="warning")
            return
        queue.toggle_mark()
        queue.action_cursor(1)

    def action_mark_all(self) -> None:
        queue = self.query_one(ClaimQueue)
        if not queue.row_count:
            self.notify("The queue is empty.", severity="warning")
            return
        queue.mark_all()
        self.notify(f"{len(queue.marked):,} claim(s) marked: a status key, c or l acts on all of them; esc unmarks.")

    def action_cycle_group(self) -> None:
        from workbench.tui.widgets.claim_queue import GROUPS

        queue = self.query_one(ClaimQueue)
        if not queue.row_count:
            self.notify("The queue is empty.", severity="warning")
            return
        cycle = [None, *GROUPS]
        queue.group_by(cycle[(cycle.index(queue.group) + 1) % len(cycle)])
        self.notify(f"Grouped by {queue.group}." if queue.group else "Not grouped.", timeout=3)

    def action_import_articles(self) -> None:
        self._ask_job("ingest", "Folder or file of articles to ingest (.txt .md .html .json .jsonl .zip)")

    def action_import_photos(self) -> None:
        self._ask_job("images", "Folder or file of known photos to register in the bank")

    def _ask_job(self, kind: str, title: str) -> None:
        from pathlib import Path

        from workbench.tui.screens.jobs import JobScreen
        from workbench.tui.screens.prompt import TextPrompt

        def chosen(value: str | None) -> None:
            if not value:
                return
            path = Path(value).expanduser()
            if not path.exists():
                self.notify(f"{path}: no such file or folder", severity="error")
                return

            def done(stored: bool | None) -> None:
                if stored and kind == "ingest":
                    self.action_reload()

            self.app.push_screen(JobScreen(self.db, kind, path, user=self.user), done)

        self.app.push_screen(TextPrompt(title, placeholder="~/archive/"), chosen)

    def action_dashboard(self) -> None:
        from workbench.tui.screens.dashboard import DashboardScreen

        self.app.push_screen(DashboardScreen(self.db, bidi=self.bidi))

    def action_note(self) -> None:
        self._ask_evidence("Note on this claim", link=False)

    def action_link(self) -> None:
        self._ask_evidence("Evidence link (https://…)", link=True)

    def _ask_evidence(self, title: str, *, link: bool) -> None:
        queue = self.query_one(ClaimQueue)
        targets = [c.id for c in queue.marked_rows()]
        if not targets:
            claim = self._selected()
            if claim is None:
                return
            targets = [claim.id]
        from workbench.tui.screens.prompt import TextPrompt

        def done(value: str | None) -> None:
            if value:
                queue.clear_marks()
                self.save_evidence(targets, value, link)

        if len(targets) > 1:
            title += f" — on the {len(targets)} marked claims"
        self.app.push_screen(TextPrompt(title), done)

    @work(thread=True, group="save", exit_on_error=False)
    def save_evidence(self, claim_ids: list[int], value: str, link: bool) -> None:
        from workbench.services.images import add_evidence

        try:
            for claim_id in claim_ids:
                add_evidence(self.db, claim_id, note="" if link else value, url=value if link else None, user=self.user)
        except Exception as exc:
            self.post_message(WorkFailed(f"Not saved: {exc}"))
            return
        where = "on the claim" if len(claim_ids) == 1 else f"on {len(claim_ids)} claims"
        self.post_message(WorkFailed(f"Saved {where}.", severity="information"))
        selected = self.query_one(ClaimQueue).selected
        if selected is not None and selected.id in claim_ids:
            self.load_history(selected.id)

    def action_edit_source(self) -> None:
        claim = self._selected()
        if claim is None:
            return
        self.pick_source(claim)

    @work(thread=True, group="sources", exit_on_error=False)
    def pick_source(self, claim: QueueRow) -> None:
        from workbench.services.sources import list_sources

        try:
            sources = list_sources(self.db)
        except Exception as exc:
            self.post_message(WorkFailed(f"Could not read the sources: {exc}"))
            return
        self.app.call_from_thread(self._pick_source, claim, sources)

    def _pick_source(self, claim: QueueRow, sources: list[Any]) -> None:
        from workbench.tui.screens.prompt import SourcePicker

        def chosen(value: int | str | None) -> None:
            if value is not None and value != "":
                self.save_source(claim, value)

        now = claim.source_name if claim.attributed and claim.source_name else "the publisher's own voice"
        self.app.push_screen(SourcePicker(f"Claim #{claim.id} is attributed to: {now}. Attribute it to…", sources,
                                          bidi=self.bidi, allow_new=True), chosen)

    @work(thread=True, group="save", exit_on_error=False)
    def save_source(self, claim: QueueRow, value: int | str) -> None:
        from workbench.services.claims import get_claim
        from workbench.services.sources import reassign_source

        def write() -> ClaimRow:
            if isinstance(value, int):
                reassign_source(self.db, claim.id, source_id=value, user=self.user, expected_version=claim.version)
            else:
                reassign_source(self.db, claim.id, new_name=value, user=self.user, expected_version=claim.version)
            return get_claim(self.db, claim.id)

        self._write_claim(write, done="Claim #{row.id} is now attributed to {row.source_name}.")

    def action_filter(self) -> None:
        from workbench.tui.screens.prompt import TextPrompt

        def done(value: str | None) -> None:
            self._apply_filter(value or "")

        hint = "status:unchecked kind:unnamed lang:ar source:reuters article:3 media worth>0.5 (empty: all)"
        self.app.push_screen(TextPrompt("Filter the queue", value=getattr(self, "_filter", ""), placeholder=hint), done)

    def _apply_filter(self, spec: str) -> None:
        from workbench.tui.filters import FilterError, parse_filter

        try:
            keep = parse_filter(spec)
        except FilterError as exc:
            self.notify(str(exc), severity="error")
            return
        self._filter = spec.strip()
        queue = self.query_one(ClaimQueue)
        queue.filter_by(keep if self._filter else None)
        shown, total = queue.row_count, len(queue.rows_by_id)
        self._set_title(f"Claims — {shown:,} of {total:,} ({self._filter})" if self._filter else f"Claims — {total:,}")
        if shown:
            queue.select_first()
            self._show_selected()
        else:
            self.notify("No claim matches the filter.", severity="warning")

    def action_undo(self) -> None:
        if not self._undo:
            self.notify("Nothing to undo.", severity="warning")
            return
        self.undo_step(self._undo.pop())

    @work(thread=True, group="save", exit_on_error=False)
    def undo_step(self, step: list[tuple[int, str, int]]) -> None:
        """Put back what one keypress changed (one claim, or all the marked ones), each claim only
        if nobody changed it since."""
        from workbench.services.claims import set_status_many

        by_status: dict[str, list[tuple[int, int | None]]] = {}
        for claim_id, before, version in step:
            by_status.setdefault(before, []).append((claim_id, version))
        undone, refused = 0, []
        try:
            for before, claims in by_status.items():
                result = set_status_many(self.db, claims, Status(before), user=self.user)
                for row in result.saved:
                    msg = ClaimSaved(row, row.status)
                    msg.undoing = True  # type: ignore[attr-defined]
                    self.post_message(msg)
                for row in result.conflicts:
                    self.post_message(ClaimSaved(row, row.status))
                undone += len(result.saved)
                refused += result.conflicts
        except Exception as exc:
            self.post_message(WorkFailed(f"Not undone: {exc}"))
            return
        if len(step) == 1 and undone:
            claim_id, before, _v = step[0]
            text = f"Undone: claim #{claim_id} is {Status(before).label} again."
        else:
            text = f"Undone on {undone} claim(s)."
        if refused:
            who = sorted({r.updated_by or "someone" for r in refused})
            text += f" Not undone on {len(refused)}: changed by {', '.join(who)} meanwhile."
        self.post_message(WorkFailed(text, severity="warning" if refused else "information"))

    def action_next_unchecked(self) -> None:
        queue = self.query_one(ClaimQueue)
        if not queue.row_count:
            self.notify("The queue is empty.", severity="warning")
            return
        if not queue.next_with_status(Status.unchecked.value):
            self.notify("Every claim has a status.", severity="information")

    def action_open_source(self) -> None:
        claim = self.query_one(ClaimQueue).selected
        if claim is None or claim.source_id is None:
            self.notify("No source to open: select a claim with a source.", severity="warning")
            return
        from workbench.tui.screens.source import SourceScreen

        def back(changed: bool | None) -> None:
            if changed:
                self.action_reload()

        self.app.push_screen(SourceScreen(self.db, claim.source_id, bidi=self.bidi), back)

    def action_check_image(self) -> None:
        claim = self._selected()
        if claim is None:
            return
        from workbench.tui.screens.prompt import TextPrompt

        def chosen(path: str | None) -> None:
            if path:
                self.run_image_check(claim, path)

        hint = "the photo this claim rests on" if claim.rests_on_media else "a photo for this claim"
        self.app.push_screen(TextPrompt(f"Path of {hint} (it is matched against the bank)",
                                        placeholder="~/Downloads/photo.jpg"), chosen)

    @work(thread=True, group="image", exit_on_error=False)
    def run_image_check(self, selected: QueueRow, path: str) -> None:
        from pathlib import Path

        from workbench.services.claims import get_claim
        from workbench.services.images import check_image_for_claim

        try:
            result, _ids = check_image_for_claim(self.db, Path(path).expanduser(), selected.id, user=self.user)
            claim = get_claim(self.db, selected.id)  # the queue keeps a preview: the comparison shows it whole
        except Exception as exc:
            self.post_message(WorkFailed(str(exc)))
            return
        self.app.call_from_thread(self._show_image_result, claim, result)

    def _show_image_result(self, claim: ClaimRow, result: object) -> None:
        from workbench.tui.screens.image_compare import ImageCompareScreen

        def back(_changed: bool | None) -> None:
            self.load_history(claim.id)

        self.app.push_screen(ImageCompareScreen(self.db, claim, result, user=self.user, bidi=self.bidi), back)  # type: ignore[arg-type]

    def action_search(self) -> None:
        from workbench.tui.screens.prompt import TextPrompt

        def chosen(query: str | None) -> None:
            if query:
                self.run_search(query)

        self.app.push_screen(TextPrompt("Search claims (words; diacritics and hamza forms do not matter)"), chosen)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def run_search(self, query: str) -> None:
        from workbench.services.claims import search_claims

        try:
            rows = [QueueRow.of(r) for r in search_claims(self.db, query)]
        except Exception as exc:
            self.post_message(WorkFailed(f"Search failed: {exc}"))
            return
        self._search = query
        self.post_message(ClaimsLoaded(rows, len(rows)))

    def action_clear_search(self) -> None:
        queue = self.query_one(ClaimQueue)
        if queue.marked:
            queue.clear_marks()
            self.notify("Unmarked.", timeout=2)
            return
        if getattr(self, "_search", None):
            self._search = None
            self.load_claims()

    def action_toggle_sort(self) -> None:
        queue = self.query_one(ClaimQueue)
        if not queue.order:
            self.notify("The queue is empty.", severity="warning")
            return
        self._sort = "worth" if self._sort == "position" else "position"
        queue.sort_by(self._sort)
        self.notify("Most check-worthy first." if self._sort == "worth" else "In article order.")

    def action_reload(self) -> None:
        self._article_id = None
        self.load_claims()

    def action_help(self) -> None:
        from workbench.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())
