"""Where the desk stands (D): claims by status, who holds how many still to check, and what to
check next, which articles and which sources: Enter on a claim opens it in the queue, on a
checker, an article or a source shows their claims."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workbench.services.claims import Dashboard, dashboard
from workbench.storage.db import Database
from workbench.storage.models import Status
from workbench.text.display import Data, display_parts, make_visible, paragraph_is_rtl
from workbench.text.wording import plural
from workbench.tui.calls import Done, call
from workbench.tui.keys import bindings
from workbench.tui.shown import Part, Shown
from workbench.tui.widgets.claim_queue import STATUS_STYLE, worth_style

Target = tuple[str, str]  # ("claim", id) | ("article", id) | ("source", name) | ("checker", name; "" for nobody)


def _cell(text: str, width: int, bidi: bool) -> str:
    """Data in a column of `width` cells, right-aligned when right-to-left."""
    shown = display_parts([Data(text)], width, bidi)
    return shown.rjust(width) if paragraph_is_rtl(text) and bidi else shown.ljust(width)


class DashboardScreen(ModalScreen[Target | None]):
    BINDINGS = bindings("dashboard")
    DEFAULT_CSS = """
    DashboardScreen { align: center middle; }
    DashboardScreen > VerticalScroll { width: 120; max-width: 98%; height: auto; max-height: 94%;
        border: thick $accent; background: $surface; padding: 0 1; }
    DashboardScreen .dash-title { text-style: bold; padding-top: 1; }
    DashboardScreen OptionList, DashboardScreen OptionList:focus { height: auto; max-height: 12; border: none; padding: 0; }
    DashboardScreen OptionList:focus { background: $boost; }
    """

    def __init__(self, db: Database, *, bidi: bool, user: str | None = None) -> None:
        super().__init__()
        self.db = db
        self.bidi = bidi
        self.user = user
        self.data: Dashboard | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text("Counting…", style="dim"), id="dash-status")
            yield Static("Who holds how many claims still to check — Enter shows their claims", classes="dash-title")
            yield OptionList(id="dash-checkers")
            yield Static("Most check-worthy, still unchecked — Enter opens the claim", classes="dash-title")
            yield OptionList(id="dash-worth")
            yield Static("Articles with most claims (done: with a verdict) — Enter shows their claims", classes="dash-title")
            yield OptionList(id="dash-articles")
            yield Static("Most cited sources — Enter shows their claims", classes="dash-title")
            yield OptionList(id="dash-sources")

    def on_mount(self) -> None:
        self.query_one("#dash-worth", OptionList).focus()
        self.load()

    @work(exclusive=True, exit_on_error=False)
    async def load(self) -> None:
        outcome = await call(dashboard, self.db)
        if not isinstance(outcome, Done):
            self.query_one("#dash-status", Static).update(Shown(("Could not count: ", "red"), Data(outcome.message),
                                                                bidi=self.bidi))
            return
        self.data = outcome.value
        self._fill()

    def on_resize(self) -> None:
        self._fill()

    def _fill(self) -> None:
        d = self.data
        if d is None:
            return
        # Counts flow onto as many lines as the width needs: no column is cut to "Unche…".
        counts: list[Part] = [(f"{plural(d.total, 'claim')}:", "bold")]
        for st in Status:
            label = st.label.replace(" ", "\u00a0")  # "In progress 0" is never cut in two
            counts += ["   ", (label, STATUS_STYLE.get(st.value, "")), f"\u00a0{d.by_status.get(st.value, 0):,}"]
        self.query_one("#dash-status", Static).update(Shown(*counts, bidi=self.bidi))
        worth = self.query_one("#dash-worth", OptionList)
        width = max(40, (worth.scrollable_content_region.width or self.app.size.width - 8) - 2)
        worth.clear_options()
        src_w = min(24, width // 5)
        text_w = max(10, width - 8 - 6 - src_w - 2)
        for r in d.worth_checking:
            line = Text(f"#{r.id:<6} ", style="dim", no_wrap=True, overflow="ellipsis")
            line.append(f"{r.checkworthiness:.2f}  ", style=worth_style(r.checkworthiness))
            line.append(_cell(r.source_name or "—", src_w, self.bidi) + "  ")
            line.append(_cell(r.text, text_w, self.bidi))
            worth.add_option(Option(line, id=f"claim:{r.id}"))
        self._fill_checkers(width)
        articles = self.query_one("#dash-articles", OptionList)
        articles.clear_options()
        title_w = max(10, width - 8 - 24)
        for aid, title, n, done in d.by_article:
            line = Text(f"#{aid:<6} ", style="dim", no_wrap=True, overflow="ellipsis")
            line.append(_cell(title, title_w, self.bidi))
            line.append(f"  {plural(n, 'claim'):>11} · {done:,} done", style="dim")
            articles.add_option(Option(line, id=f"article:{aid}"))
        sources = self.query_one("#dash-sources", OptionList)
        sources.clear_options()
        name_w = max(10, width - 14 - 24)
        for name, kind, n, done in d.by_source:
            line = Text(_cell(name, name_w, self.bidi), no_wrap=True, overflow="ellipsis")
            line.append(f"  {make_visible(kind):<12}", style="cyan")
            line.append(f"{plural(n, 'claim'):>11} · {done:,} done", style="dim")
            sources.add_option(Option(line, id=f"source:{name}"))
        for options in (worth, articles, sources, self.query_one("#dash-checkers", OptionList)):
            if options.option_count and options.highlighted is None:
                options.highlighted = 0

    def _fill_checkers(self, width: int) -> None:
        """A line per checker who holds claims (most still to check first), and one for the claims
        nobody holds."""
        assert self.data is not None
        w = self.data.workload
        checkers = self.query_one("#dash-checkers", OptionList)
        checkers.clear_options()
        name_w = max(8, min(30, width - 54))
        for load in [*w.holding(), w.unassigned]:
            mine = load.checker is not None and load.checker == self.user
            name = _cell(load.checker or "nobody", name_w, self.bidi)
            line = Text(name, style="italic" if load.checker is None else "bold" if mine else "", no_wrap=True,
                        overflow="ellipsis")
            line.append(f"  {load.unchecked:>6,} unchecked", style=STATUS_STYLE["unchecked"] if not load.unchecked else "bold")
            line.append(f" · {load.in_progress:,} in progress", style=STATUS_STYLE["in_progress"] if load.in_progress else "dim")
            line.append(f" · {load.done:,} with a verdict", style="dim")
            checkers.add_option(Option(line, id=f"checker:{load.checker or ''}"))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        kind, _, value = (event.option.id or "").partition(":")
        self.dismiss((kind, value))

    def action_open(self) -> None:
        focused = self.focused
        if isinstance(focused, OptionList) and focused.highlighted is not None:
            option = focused.get_option_at_index(focused.highlighted)
            kind, _, value = (option.id or "").partition(":")
            self.dismiss((kind, value))
