"""One source: its kind, reliability, history and every claim attributed to it, across articles.

From here a checker rates the source (for the whole team: asked first, kept in the source's
history, undoable), accepts a candidate into the registry, renames it, or merges it into
another source."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from workbench.services.claims import ClaimRow, count_claims, list_claims
from workbench.services.sources import (
    SourceChangeRow,
    SourceRow,
    get_source,
    list_sources,
    merge_sources,
    source_history,
    update_source,
)
from workbench.storage.db import Database
from workbench.text.display import Data, display_parts, paragraph_is_rtl
from workbench.text.wording import plural
from workbench.tui.calls import Done, Failed, call
from workbench.tui.desk import notice
from workbench.tui.keys import bindings
from workbench.tui.screens.prompt import ConfirmPrompt, SourcePicker, TextPrompt
from workbench.tui.shown import Part, Shown
from workbench.tui.widgets.claim_queue import status_cell
from workbench.tui.widgets.detail import RELIABILITY_STYLE

_WHAT = {"reliability": "rated", "name": "renamed", "kind": "kind", "accepted": "accepted into the registry",
         "merged": "merged"}


def _load(db: Database, source_id: int) -> tuple[SourceRow, list[ClaimRow], list[SourceChangeRow], int]:
    return (get_source(db, source_id), list_claims(db, source_id=source_id), source_history(db, source_id),
            count_claims(db, own_voice_of=source_id))


def history_parts(history: list[SourceChangeRow]) -> list[Part]:
    parts: list[Part] = []
    for i, h in enumerate(reversed(history[-6:])):
        if i:
            parts.append("\n")
        parts += [(f"{h.at:%Y-%m-%d %H:%M}  ", "dim"), (Data(h.user), "dim"), f"  {_WHAT.get(h.what, h.what)}"]
        if h.what == "merged":
            parts += [": ", Data(h.old or ""), " into this source"]
        elif h.what != "accepted":
            parts += [": ", Data(h.old or "—"), " → ", (Data(h.new or "—"), "bold")]
    return parts


class SourceScreen(Screen[bool]):
    """Returns True when the source was changed (so the queue reloads)."""

    BINDINGS = bindings("source")
    DEFAULT_CSS = """
    SourceScreen #source-head { padding: 0 2; background: $panel; height: auto; max-height: 45%; }
    SourceScreen DataTable { height: 1fr; }
    """

    def __init__(self, db: Database, source_id: int, *, user: str, bidi: bool) -> None:
        super().__init__()
        self.db = db
        self.source_id = source_id
        self.user = user
        self.bidi = bidi
        self.source: SourceRow | None = None
        self.claims: list[ClaimRow] = []
        self.history: list[SourceChangeRow] = []
        self.own_voice = 0  # claims it makes as the publisher, attributed to nobody
        self.changed = False
        self._ratings: list[tuple[str, str]] = []  # this visit's ratings: (before, after), to undo

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="source-head"):
            yield Static(Text("Loading the source…", style="dim"), id="source-facts")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="source-claims")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.load()

    def on_resize(self) -> None:
        self._fill_table()

    @work(exclusive=True, group="source", exit_on_error=False)
    async def load(self) -> None:
        outcome = await call(_load, self.db, self.source_id)
        if not isinstance(outcome, Done):
            self.app.notify(notice("Could not read the source: ", Data(outcome.message), severity="error"))  # type: ignore[arg-type]
            return
        self.source, self.claims, self.history, self.own_voice = outcome.value
        self._show_head()
        self._fill_table()

    def _show_head(self) -> None:
        s = self.source
        if s is None:
            return
        head: list[Part] = [(Data(s.canonical), "bold"), (f"   {s.kind}", "cyan"), "   reliability: ",
                            (s.reliability, RELIABILITY_STYLE.get(s.reliability, ""))]
        if s.is_candidate:
            head.append(("   new source, not yet in the registry (a: accept)", "italic yellow"))
        head.append((f"\n{plural(len(self.claims), 'claim')} attributed to it", "dim"))
        if self.own_voice:  # a publisher: its own words are not listed as citing it
            head.append((f" · {self.own_voice:,} more in its own voice, as the publisher (not listed)", "dim"))
        if s.aliases:
            head.append(("   also written: ", "dim"))
            for i, alias in enumerate(s.aliases[:8]):
                head += [(" · ", "dim") if i else "", (Data(alias), "dim")]
        blocks: list[Shown | Text] = [Shown(*head, bidi=self.bidi), Text(
            "rate: 1 credible · 2 mixed · 3 not credible · 4 unknown   ctrl+z undo   a accept · R rename · M merge",
            style="dim italic")]
        if self.history:
            blocks += [Text("History", style="bold"), Shown(*history_parts(self.history), bidi=self.bidi)]
        self.query_one("#source-facts", Static).update(Group(*blocks))

    def _fill_table(self) -> None:
        """The claims, with the claim's column as wide as the screen allows (an Arabic claim
        starts at its right edge, which must be on the screen)."""
        table = self.query_one(DataTable)
        width = max(40, self.size.width or self.app.size.width)
        article_w = min(28, max(12, width // 5))
        claim_w = max(20, width - 6 - 12 - article_w - 10)
        table.clear(columns=True)
        table.add_column("#", width=6)
        table.add_column("Status", width=12)
        table.add_column("Article", width=article_w)
        table.add_column("Claim", width=claim_w)
        for c in self.claims:
            rtl = paragraph_is_rtl(c.text)
            table.add_row(
                Text(str(c.id), style="dim"),
                status_cell(c.status),
                Text(display_parts([Data(c.article_title) if c.article_title else f"#{c.article_id}"], article_w, self.bidi)),
                Text(display_parts([Data(c.text)], claim_w, self.bidi), justify="right" if rtl else "left", no_wrap=True),
                key=str(c.id),
            )

    def _done(self, said: str) -> None:
        self.changed = True
        self.app.notify(said)
        self.load()

    # ------------------------------------------------------------------ changes

    @work(group="source-write", exit_on_error=False)
    async def action_rate(self, reliability: str) -> None:
        s = self.source
        if s is None:
            return
        if s.reliability == reliability:
            self.app.notify(notice("Already rated ", reliability, ".", severity="warning"))  # type: ignore[arg-type]
            return
        sure = await self.app.push_screen_wait(ConfirmPrompt(
            ["Rate ", Data(s.canonical), f" {reliability} (now {s.reliability})? Every checker sees it beside the "
             f"{plural(s.claims, 'claim')} citing it; it is kept in the source's history, and ctrl+z undoes it."],
            bidi=self.bidi))
        if not sure:
            return
        outcome = await call(update_source, self.db, self.source_id, reliability=reliability, user=self.user,
                             expected_reliability=s.reliability)
        if not isinstance(outcome, Done):
            self._refused(outcome, "rated")
            return
        self._ratings.append((s.reliability, reliability))
        self._done(f"Rated {reliability} (ctrl+z undoes it).")

    @work(group="source-write", exit_on_error=False)
    async def action_undo(self) -> None:
        if not self._ratings:
            self.app.notify(notice("No rating of yours to undo here.", severity="warning"))  # type: ignore[arg-type]
            return
        before, after = self._ratings.pop()
        outcome = await call(update_source, self.db, self.source_id, reliability=before, user=self.user,
                             expected_reliability=after)
        if not isinstance(outcome, Done):
            self._refused(outcome, "undone")
            return
        self._done(f"Undone: rated {before} again.")

    def _refused(self, outcome: object, doing: str) -> None:
        message = outcome.message if isinstance(outcome, Failed) else getattr(outcome, "message", "")
        self.app.notify(notice(f"Not {doing}: ", Data(message), severity="error"))  # type: ignore[arg-type]
        self.load()

    @work(group="source-write", exit_on_error=False)
    async def action_accept(self) -> None:
        if self.source is not None and not self.source.is_candidate:
            self.app.notify(notice("This source is in the registry already.", severity="warning"))  # type: ignore[arg-type]
            return
        outcome = await call(update_source, self.db, self.source_id, accept=True, user=self.user)
        if not isinstance(outcome, Done):
            self._refused(outcome, "accepted")
            return
        self._done("Accepted into the registry.")

    @work(group="source-write", exit_on_error=False)
    async def action_rename(self) -> None:
        current = self.source.canonical if self.source else ""
        name = await self.app.push_screen_wait(TextPrompt(
            "Canonical name for this source (the old one stays an alias)", value=current, bidi=self.bidi))
        if not name or name == current:
            return
        outcome = await call(update_source, self.db, self.source_id, canonical=name, user=self.user)
        if not isinstance(outcome, Done):
            self._refused(outcome, "renamed")
            return
        self.app.notify(notice("Renamed to ", Data(name), "."))  # type: ignore[arg-type]
        self.changed = True
        self.load()

    @work(group="source-write", exit_on_error=False)
    async def action_merge(self) -> None:
        sources = await call(list_sources, self.db)
        if not isinstance(sources, Done):
            self._refused(sources, "read")
            return
        name = self.source.canonical if self.source else f"source #{self.source_id}"
        target = await self.app.push_screen_wait(SourcePicker(
            ["Merge ", Data(name), " into…"], sources.value, bidi=self.bidi, exclude=self.source_id))
        if not isinstance(target, int) or not target:
            return
        outcome = await call(merge_sources, self.db, self.source_id, target, user=self.user)
        if not isinstance(outcome, Done):
            self._refused(outcome, "merged")
            return
        self.source_id = outcome.value.id
        self._ratings.clear()
        self.app.notify(notice("Merged into ", Data(outcome.value.canonical), "."))  # type: ignore[arg-type]
        self.changed = True
        self.load()

    def action_close(self) -> None:
        self.dismiss(self.changed)
