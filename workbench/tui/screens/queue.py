"""The triage screen: the claim queue, the article in context, the claim's details.

The screen routes: its keys (from `keys.QUEUE`) call the `Desk`, which decides, and the screen
draws what the desk then holds (`show_desk`). Each piece of work that asks something, calls a
service and says how it went is one straight-line async worker: prompt (`push_screen_wait`),
`call` (the service, off the event loop, answering Done / Conflict / Failed), notice.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from workbench.services.claims import (
    ClaimRow,
    QueueRow,
    claim_history,
    count_claims,
    get_article,
    get_claim,
    list_claims,
    list_queue,
    search_claims,
    set_status_many,
    set_statuses,
)
from workbench.storage.db import Database
from workbench.storage.models import Status
from workbench.text.display import Data
from workbench.text.wording import plural
from workbench.tui.calls import Conflict, Done, Failed, Lane, call, outcome
from workbench.tui.desk import Desk, Notice, notice
from workbench.tui.filters import FILTER_HELP, FilterError, quoted
from workbench.tui.keys import bindings
from workbench.tui.shown import one_line
from workbench.tui.widgets.article_view import ArticleView
from workbench.tui.widgets.claim_queue import ClaimQueue
from workbench.tui.widgets.detail import ClaimDetail

FIRST_PAGE = 400  # claims shown before anything else is read
PAGE = 5000  # then read in pages of this many
SETTLE = 0.04  # seconds the cursor rests on a claim before it is read whole


def _first_page(db: Database) -> tuple[list[QueueRow], int]:
    return list_queue(db, limit=FIRST_PAGE), count_claims(db)


def _whole(db: Database, claim_id: int) -> tuple[ClaimRow, list[Any], list[Any], list[Any]]:
    """A claim read whole, with its history, evidence and assignments (what the detail panel shows)."""
    from workbench.services.assignment import assignment_history
    from workbench.services.evidence import claim_evidence

    return (get_claim(db, claim_id), claim_history(db, claim_id), claim_evidence(db, claim_id),
            assignment_history(db, claim_id))


def _source_names(db: Database) -> dict[int, list[str]]:
    from workbench.services.sources import list_sources

    return {s.id: [s.canonical, *s.aliases] for s in list_sources(db)}


class QueueScreen(Screen[None]):
    BINDINGS = bindings("queue")

    def __init__(self, db: Database, *, user: str, bidi: bool) -> None:
        super().__init__()
        self.db = db
        self.user = user
        self.bidi = bidi
        self.desk = Desk(user)
        self.writes = Lane("write")  # one write at a time, in the order the keys were pressed, started at once
        self.pages = Lane("pages")  # the queue's pages, read in one thread
        self._shown: QueueRow | None = None  # the row the detail panel shows
        self._article_id: int | None = None
        self._article_text = ""
        self._article_claims: list[ClaimRow] = []
        self._source_names: dict[int, list[str]] | None = None
        self._polled_at = datetime.now(UTC)
        self._title: tuple[tuple[str, ...], int] | None = None
        self._polling = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield Static("Claims", id="queue-title", classes="pane-title")
                yield ClaimQueue(self.desk, bidi=self.bidi, id="queue")
            with Vertical(id="right"):
                yield Static("Article", id="article-title", classes="pane-title")
                yield ArticleView(bidi=self.bidi, id="article")
                yield ClaimDetail(bidi=self.bidi, id="detail")
        yield Footer()

    def on_resize(self) -> None:
        # Narrow, the footer drops its spacing so that ? and q stay on it.
        self.query_one(Footer).compact = self.size.width < 110

    def on_unmount(self) -> None:
        self.writes.close()
        self.pages.close()

    def on_mount(self) -> None:
        self.query_one(ClaimQueue).focus()
        self.load()
        poll = getattr(self.app, "poll_seconds", 5.0)
        if poll:
            self.set_interval(poll, self._tick)

    # ------------------------------------------------------------------ drawing the desk

    def show_desk(self) -> None:
        """Draw what the desk holds: the rows, the pane's title, and the selected claim."""
        self.query_one(ClaimQueue).sync()
        title = self.query_one("#queue-title", Static)
        width = max(10, title.size.width - 2)
        wanted = (tuple(self.desk.title_parts()), width)
        if wanted != self._title:  # a new title lays the screen out again: only when it changed
            self._title = wanted
            title.update(one_line(wanted[0], width, self.bidi))
        selected = self.desk.selected
        if selected is self._shown:
            return
        same_claim = selected is not None and self._shown is not None and selected.id == self._shown.id
        self._shown = selected
        detail = self.query_one(ClaimDetail)
        if same_claim and selected is not None:  # a verdict, a new source, a colleague's change: read it whole again
            self.load_detail(selected.id)
            return
        if selected is None:
            detail.show_claim(None)
            self._article_id = None
            self.query_one(ArticleView).clear()
            return
        self.load_detail(selected.id)  # drawn once, when the cursor rests and the claim is read whole
        if selected.article_id != self._article_id:
            self._article_id = selected.article_id
            self.load_article(selected.article_id)
        else:
            self._highlight(selected)

    def say(self, said: Notice | None) -> None:
        if said is not None:
            self.app.notify(said)  # type: ignore[arg-type]  # the app shows Notices through the display path

    def _failed(self, outcome: Conflict | Failed, doing: str) -> None:
        """One way to tell a call that did not go through."""
        if isinstance(outcome, Conflict) and isinstance(outcome.current, ClaimRow):
            self.say(self.desk.conflict_notice(outcome.current, doing))
            self.desk.update([outcome.current])
            self.show_desk()
        else:
            self.say(notice(f"Not {doing}: ", Data(outcome.message), severity="error"))

    def _nothing_selected(self) -> None:
        self.say(notice("No claim selected: the queue is empty.", severity="warning"))

    @on(ClaimQueue.Clicked)
    def _clicked(self) -> None:
        self.show_desk()

    # ------------------------------------------------------------------ loading

    @work(exclusive=True, group="load", exit_on_error=False)
    async def load(self) -> None:
        """The first page at once (the first screen must not wait), then the rest page by page
        while the checker works; the queue draws only what is on screen."""
        first = await outcome(self.pages.start(_first_page, self.db))
        if not isinstance(first, Done):
            self._failed(first, "loaded")
            return
        rows, total = first.value
        self.desk.load(rows, total, complete=len(rows) < FIRST_PAGE)
        self.show_desk()
        if not rows:
            self.say(notice("No claims yet: ingest articles with I, or `workbench ingest PATH`.", severity="warning"))
            return
        await asyncio.sleep(0.3)  # let the first screen draw and answer its first keys
        more = rows
        while len(more) == (FIRST_PAGE if more is rows else PAGE):
            page = await outcome(self.pages.start(list_queue, self.db, after_id=more[-1].id, limit=PAGE))
            if not isinstance(page, Done):
                self._failed(page, "loaded")
                return
            more = page.value
            self.desk.append(more, complete=len(more) < PAGE)
            self.show_desk()
            await asyncio.sleep(0.02)  # the keys come first between pages

    @work(exclusive=True, group="detail", exit_on_error=False)
    async def load_detail(self, claim_id: int) -> None:
        # A moment first: a key held down (j, page down) moves on before it is read, and a
        # verdict's write, just started, has the database to itself. The queue row shows meanwhile.
        await asyncio.sleep(SETTLE)
        outcome = await call(_whole, self.db, claim_id)
        selected = self.desk.selected
        if not isinstance(outcome, Done):
            self._failed(outcome, "read")
            return
        if selected is None or selected.id != claim_id:
            return
        claim, history, evidence, assignments = outcome.value
        if claim.version < selected.version:
            whole: ClaimRow | QueueRow = selected  # the desk knows a newer one
        elif claim.version == selected.version and claim.status != selected.status:
            whole = dataclasses.replace(claim, status=selected.status)  # a verdict being saved shows already
        else:
            whole = claim
        self.query_one(ClaimDetail).show_claim(whole, history, evidence, assignments)

    @work(exclusive=True, group="article", exit_on_error=False)
    async def load_article(self, article_id: int) -> None:
        await asyncio.sleep(SETTLE)
        outcome = await call(lambda: (get_article(self.db, article_id), list_claims(self.db, article_id=article_id)))
        if not isinstance(outcome, Done):
            self._failed(outcome, "read")
            return
        if article_id != self._article_id:
            return
        article, claims = outcome.value
        self._article_text, self._article_claims = article.text, claims
        title = self.query_one("#article-title", Static)
        parts: list[str] = [Data(article.title) if article.title else f"Article {article.id}"]
        if article.publisher:
            parts += [" — ", Data(article.publisher)]
        title.update(one_line(parts, max(10, title.size.width - 2), self.bidi))
        if self.desk.selected is not None:
            self._highlight(self.desk.selected)

    def _highlight(self, selected: QueueRow) -> None:
        claim = next((c for c in self._article_claims if c.id == selected.id), None)  # read whole with the article
        if claim is None:
            return
        spans = [(c.start, c.end, "article-view--other") for c in self._article_claims if c.id != claim.id]
        spans.append((claim.start, claim.end, "article-view--selected"))
        if claim.mention_start is not None and claim.mention_end is not None:
            spans.append((claim.mention_start, claim.mention_end, "article-view--mention"))
        self.query_one(ArticleView).show(self._article_text, spans, claim.start)

    def _tick(self) -> None:
        """Every few seconds: look, unless the last look is still under way (on a slow link a
        look that is always cut short by the next would never see anything)."""
        if not self._polling:
            self._polling = True
            self.poll()

    @work(group="poll", exit_on_error=False)
    async def poll(self) -> None:
        """Claims changed by others since the last look (an indexed time range: cheap)."""
        try:
            since, now = self._polled_at - timedelta(seconds=1), datetime.now(UTC)
            outcome = await call(list_claims, self.db, changed_since=since)
            if not isinstance(outcome, Done):
                return  # the next look tries again; a passing network error is not worth a notice
            self._polled_at = now
            if outcome.value:
                self.say(self.desk.changed_elsewhere(outcome.value))
                self.show_desk()
        finally:
            self._polling = False

    def action_reload(self) -> None:
        self._article_id = None
        self._shown = None
        self._source_names = None
        self.load()

    # ------------------------------------------------------------------ moving and marking

    def action_cursor(self, delta: int) -> None:
        self.desk.move(delta)
        self.show_desk()

    def action_page(self, delta: int) -> None:
        self.desk.move(delta * self.query_one(ClaimQueue).page_height)
        self.show_desk()

    def action_first(self) -> None:
        self.desk.first()
        self.show_desk()

    def action_last(self) -> None:
        self.desk.last()
        self.show_desk()

    def action_next_unchecked(self) -> None:
        if not self.desk.order:
            self.say(notice("The queue is empty.", severity="warning"))
        elif not self.desk.next_with_status(Status.unchecked.value):
            self.say(notice("Every claim shown has a status."))
        self.show_desk()

    def action_toggle_mark(self) -> None:
        if not self.desk.toggle_mark():
            self.say(notice("No claim to mark: the queue is empty.", severity="warning"))
        self.show_desk()

    def action_mark_all(self) -> None:
        if not self.desk.row_count:
            self.say(notice("The queue is empty.", severity="warning"))
            return
        n = self.desk.mark_all()
        self.show_desk()
        self.say(notice(f"{plural(n, 'claim')} marked: a status key, c or l acts on all of them; esc unmarks."
                        if n else "Unmarked."))

    def action_escape(self) -> None:
        self.say(self.desk.escape())
        self.show_desk()

    def action_cycle_group(self) -> None:
        if not self.desk.row_count:
            self.say(notice("The queue is empty.", severity="warning"))
            return
        group = self.desk.cycle_group()
        self.show_desk()
        self.say(notice(f"Grouped by {group}." if group else "Not grouped."))

    def action_toggle_sort(self) -> None:
        if not self.desk.row_count:
            self.say(notice("The queue is empty.", severity="warning"))
            return
        sort = self.desk.toggle_sort()
        self.show_desk()
        self.say(notice("Most check-worthy first." if sort == "worth" else "In article order."))

    # ------------------------------------------------------------------ verdicts

    def action_mark(self, status: str) -> None:
        verdict = self.desk.give_verdict(Status(status))
        if verdict is None:
            self._nothing_selected()
            return
        write = self.writes.start(set_status_many, self.db, list(verdict.expected), verdict.status, user=self.user)
        time.sleep(0)  # let the write's thread take the interpreter now, not after the screen is drawn
        self.show_desk()
        self.save_verdict(verdict, write)

    @work(group="write", exit_on_error=False)
    async def save_verdict(self, verdict: Any, write: Any) -> None:
        """How a verdict's write (already under way) went, shown on the desk."""
        done = await outcome(write)
        if isinstance(done, Done):
            said = self.desk.verdict_saved(verdict, done.value.saved, done.value.conflicts)
        else:
            said = self.desk.verdict_failed(verdict, done.message)
        self.show_desk()
        self.say(said)

    @work(group="write", exit_on_error=False)
    async def action_undo(self) -> None:
        step = self.desk.pop_undo()
        if step is None:
            self.say(notice("Nothing to undo.", severity="warning"))
            return
        if step.kind == "confirm":
            from workbench.services.attribution import unconfirm_sources

            done: Done[Any] | Conflict | Failed = await outcome(self.writes.start(
                unconfirm_sources, self.db, [(cid, v) for cid, _s, v in step.entries], user=self.user))
        elif step.kind == "assign":
            from workbench.services.assignment import set_assignees

            done = await outcome(self.writes.start(set_assignees, self.db, step.holders(), user=self.user))
        else:
            done = await outcome(self.writes.start(set_statuses, self.db, list(step.entries), user=self.user))
        if isinstance(done, Done):
            said = self.desk.undo_saved(step, done.value.saved, done.value.conflicts)
        else:
            said = self.desk.undo_failed(step, done.message)
        self.show_desk()
        self.say(said)
        if self.desk.selected_id in {cid for cid, _s, _v in step.entries}:
            self.load_detail(self.desk.selected_id)

    @work(group="write", exit_on_error=False)
    async def action_confirm_source(self) -> None:
        """`a`: a checker vouches for the source the analyzer gave (the marked claims, or the
        selected one), version-checked; one ctrl+z withdraws what this key confirmed."""
        from workbench.services.attribution import confirm_sources

        claims = self.desk.targets()
        if not claims:
            self._nothing_selected()
            return
        done = await outcome(self.writes.start(confirm_sources, self.db, [(c.id, c.version) for c in claims],
                                               user=self.user))
        if not isinstance(done, Done):
            self._failed(done, "confirmed")
            return
        r = done.value
        said = self.desk.confirmation_saved(claims, r.changed, r.unchanged, r.conflicts)
        self.show_desk()
        self.say(said)
        if self.desk.selected_id in {c.id for c in claims}:
            self.load_detail(self.desk.selected_id)

    # ------------------------------------------------------------------ assignments

    @work(group="flow", exit_on_error=False)
    async def action_assign(self) -> None:
        """`t`: give the claim (or the marked ones) to a checker, picked from those the database
        knows (with what each holds) or typed; nobody takes them back."""
        from workbench.services.assignment import workload
        from workbench.tui.screens.prompt import CheckerPicker

        claims = self.desk.targets()
        if not claims:
            self._nothing_selected()
            return
        loads = await call(workload, self.db)
        if not isinstance(loads, Done):
            self._failed(loads, "read")
            return
        if len(claims) == 1:
            holder = claims[0].assignee
            now: list[str] = [", held by ", Data(holder)] if holder else [", held by nobody"]
            title: list[str] = [f"Assign claim #{claims[0].id}", *now, ", to…"]
        else:
            title = [f"Assign the {plural(len(claims), 'marked claim')} to…"]
        picked = await self.app.push_screen_wait(CheckerPicker(
            title, loads.value, me=self.user, bidi=self.bidi, nobody=any(c.assignee for c in claims)))
        if picked is not None:
            await self._assign(claims, picked.name)

    @work(group="flow", exit_on_error=False)
    async def action_take(self) -> None:
        """`T`: the claim (or the marked ones) assigned to the checker at the desk, at one key."""
        claims = self.desk.targets()
        if not claims:
            self._nothing_selected()
            return
        await self._assign(claims, self.user)

    async def _assign(self, claims: list[QueueRow], checker: str | None) -> None:
        from workbench.services.assignment import assign_claims

        expected = self.desk.begin_write(claims)
        done = await outcome(self.writes.start(assign_claims, self.db, expected, checker, user=self.user))
        self.desk.end_write(expected)
        if not isinstance(done, Done):
            self._failed(done, "assigned")
            return
        r = done.value
        said = self.desk.assignment_saved(claims, checker, r.changed, r.unchanged, r.conflicts)
        self.show_desk()
        self.say(said)
        if self.desk.selected_id in {c.id for c in claims}:
            self.load_detail(self.desk.selected_id)

    # ------------------------------------------------------------------ asking, then doing

    @work(group="flow", exit_on_error=False)
    async def action_note(self) -> None:
        await self._evidence(link=False)

    @work(group="flow", exit_on_error=False)
    async def action_link(self) -> None:
        await self._evidence(link=True)

    async def _evidence(self, *, link: bool) -> None:
        from workbench.services.evidence import add_evidence_many
        from workbench.tui.screens.prompt import TextPrompt

        claims = self.desk.targets()
        if not claims:
            self._nothing_selected()
            return
        on = f"claim #{claims[0].id}" if len(claims) == 1 else f"the {plural(len(claims), 'marked claim')}"
        what = "Evidence link (https://…)" if link else "Note"
        value = await self.app.push_screen_wait(TextPrompt(f"{what} on {on}", bidi=self.bidi))
        if not value:
            return
        ids = [c.id for c in claims]
        outcome = await call(add_evidence_many, self.db, ids, note="" if link else value,
                             url=value if link else None, user=self.user)
        if not isinstance(outcome, Done):
            self._failed(outcome, "saved")
            return
        self.desk.clear_marks()
        self.show_desk()
        self.say(notice(f"{'Link' if link else 'Note'} saved on {on}."))
        if self.desk.selected_id in ids:
            self.load_detail(self.desk.selected_id)

    @work(group="flow", exit_on_error=False)
    async def action_edit_source(self) -> None:
        from workbench.services.sources import list_sources, reassign_source
        from workbench.tui.screens.prompt import SourcePicker

        claim = self.desk.selected
        if claim is None:
            self._nothing_selected()
            return
        sources = await call(list_sources, self.db)
        if not isinstance(sources, Done):
            self._failed(sources, "read")
            return
        now: str = Data(claim.source_name) if claim.attributed and claim.source_name else "the publisher's own voice"
        value = await self.app.push_screen_wait(SourcePicker(
            [f"Claim #{claim.id} is attributed to: ", now, ". Attribute it to…"], sources.value, bidi=self.bidi,
            allow_new=True))
        if value is None or value == "":
            return

        def write() -> ClaimRow:
            if isinstance(value, int):
                reassign_source(self.db, claim.id, source_id=value, user=self.user, expected_version=claim.version)
            else:
                reassign_source(self.db, claim.id, new_name=value, user=self.user, expected_version=claim.version)
            return get_claim(self.db, claim.id)

        outcome = await call(write)
        if not isinstance(outcome, Done):
            self._failed(outcome, "attributed")
            return
        row = outcome.value
        self.desk.update([row])
        self._source_names = None
        self.show_desk()
        self.say(notice(f"Claim #{row.id} is now attributed to ", Data(row.source_name or "?"), "."))
        if self.desk.selected_id == row.id:
            self.load_detail(row.id)

    @work(group="flow", exit_on_error=False)
    async def action_filter(self) -> None:
        from workbench.tui.screens.prompt import TextPrompt

        spec = await self.app.push_screen_wait(TextPrompt(
            "Filter the queue (empty: every claim)", value=self.desk.filter, placeholder=FILTER_HELP, bidi=self.bidi,
            hint="mine unassigned assignee: status: kind: lang: source: confirmed:no conf<0.8 article: worth>0.5 "
                 "media seen; - negates; quote names with spaces"))
        if spec is not None:
            await self.apply_filter(spec)

    async def apply_filter(self, spec: str) -> None:
        if "source:" in spec and self._source_names is None:
            names = await call(_source_names, self.db)
            self._source_names = names.value if isinstance(names, Done) else None
        try:
            self.desk.set_filter(spec, self._source_names)
        except FilterError as exc:
            self.say(notice(str(exc), severity="error"))
            return
        self.show_desk()
        if spec.strip() and not self.desk.row_count:
            self.say(notice("No claim matches the filter (esc clears it).", severity="warning"))

    @work(group="flow", exit_on_error=False)
    async def action_search(self) -> None:
        from workbench.tui.screens.prompt import TextPrompt

        query = await self.app.push_screen_wait(TextPrompt(
            "Search claims", placeholder="words, in any spelling", bidi=self.bidi,
            hint="Diacritics, hamza forms, ال و ب ل ف ك and one typo in a longer word do not matter."))
        if not query:
            return
        outcome = await call(search_claims, self.db, query)
        if not isinstance(outcome, Done):
            self._failed(outcome, "searched")
            return
        self.desk.set_search(query, outcome.value)
        self.show_desk()
        if not outcome.value:
            self.say(notice("No claims match “", Data(query), "” (esc: all claims).", severity="warning"))

    @work(group="flow", exit_on_error=False)
    async def action_check_image(self) -> None:
        from workbench.services.images import check_image_for_claim
        from workbench.tui.screens.image_compare import ImageCompareScreen
        from workbench.tui.screens.prompt import TextPrompt

        claim = self.desk.selected
        if claim is None:
            self._nothing_selected()
            return
        hint = "the photo this claim rests on" if claim.rests_on_media else "a photo for this claim"
        path = await self.app.push_screen_wait(TextPrompt(
            f"Path of {hint} (it is matched against the bank)", placeholder="~/Downloads/photo.jpg", bidi=self.bidi))
        if not path:
            return

        def check() -> tuple[Any, ClaimRow]:
            result, _ids = check_image_for_claim(self.db, Path(path).expanduser(), claim.id, user=self.user)
            return result, get_claim(self.db, claim.id)  # the comparison shows the claim whole

        outcome = await call(check)
        if not isinstance(outcome, Done):
            self._failed(outcome, "checked")
            return
        result, whole = outcome.value
        await self.app.push_screen_wait(ImageCompareScreen(self.db, whole, result, user=self.user, bidi=self.bidi))
        if self.desk.selected_id == claim.id:
            self.load_detail(claim.id)

    @work(group="flow", exit_on_error=False)
    async def action_open_source(self) -> None:
        from workbench.tui.screens.source import SourceScreen

        claim = self.desk.selected
        if claim is None or claim.source_id is None:
            self.say(notice("No source to open: select a claim with a source.", severity="warning"))
            return
        changed = await self.app.push_screen_wait(SourceScreen(self.db, claim.source_id, user=self.user, bidi=self.bidi))
        if changed:
            self.action_reload()

    @work(group="flow", exit_on_error=False)
    async def action_dashboard(self) -> None:
        from workbench.tui.screens.dashboard import DashboardScreen

        target = await self.app.push_screen_wait(DashboardScreen(self.db, bidi=self.bidi, user=self.user))
        if target is None:
            return
        kind, value = target
        if kind == "article":
            await self.apply_filter(f"article:{value}")
        elif kind == "source":
            await self.apply_filter(f"source:{quoted(value)}")
        elif kind == "checker":
            await self.apply_filter("unassigned" if not value else "mine" if value == self.user else f"assignee:{quoted(value)}")
        else:
            await self.open_claim(int(value))

    async def open_claim(self, claim_id: int) -> None:
        """Select a claim, wherever it is: a search or filter that hides it is left, a claim
        whose page has not come yet is read at once."""
        narrowed = self.desk.search is not None or bool(self.desk.filter)
        if claim_id not in self.desk.rows:
            outcome = await call(get_claim, self.db, claim_id)
            if not isinstance(outcome, Done):
                self._failed(outcome, "opened")
                return
            self.desk.add(outcome.value)
        self.desk.want(claim_id)
        self.show_desk()
        if narrowed and self.desk.search is None and not self.desk.filter:
            self.say(notice(f"Search and filter left to show claim #{claim_id}."))
        self.query_one(ClaimQueue).focus()

    @work(group="flow", exit_on_error=False)
    async def action_export(self) -> None:
        from workbench.services.export import FORMATS, export_to_file
        from workbench.tui.screens.prompt import ChoicePrompt, TextPrompt

        fmt = await self.app.push_screen_wait(ChoicePrompt(
            "Export every verdict as…", [(k, f"{label}  ({k})") for k, (label, _ext) in FORMATS.items()], bidi=self.bidi))
        if not fmt:
            return
        default = Path.cwd() / f"verdicts.{FORMATS[fmt][1]}"
        path = await self.app.push_screen_wait(TextPrompt("Write it to", value=str(default), bidi=self.bidi))
        if not path:
            return
        target = Path(path).expanduser()
        outcome = await call(export_to_file, self.db, fmt, target)
        if not isinstance(outcome, Done):
            self._failed(outcome, "exported")
            return
        n = outcome.value
        self.say(notice(f"{plural(n, 'claim')} written to ", Data(str(target)), "." if n else
                        " (no claim has a verdict yet)."))

    @work(group="flow", exit_on_error=False)
    async def action_import_articles(self) -> None:
        await self._job("ingest", "Folder or file of articles to ingest (.txt .md .html .json .jsonl .zip)")

    @work(group="flow", exit_on_error=False)
    async def action_import_photos(self) -> None:
        await self._job("images", "Folder or file of known photos to register in the bank")

    async def _job(self, kind: str, title: str) -> None:
        from workbench.tui.screens.jobs import JobScreen
        from workbench.tui.screens.prompt import TextPrompt

        value = await self.app.push_screen_wait(TextPrompt(title, placeholder="~/archive/", bidi=self.bidi))
        if not value:
            return
        path = Path(value).expanduser()
        if not path.exists():
            self.say(notice("", Data(str(path)), ": no such file or folder", severity="error"))
            return
        stored = await self.app.push_screen_wait(JobScreen(self.db, kind, path, user=self.user, bidi=self.bidi))
        if stored and kind == "ingest":
            self.action_reload()

    def action_help(self) -> None:
        from workbench.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(bidi=self.bidi))
