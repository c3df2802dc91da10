"""The claim queue: a virtual list that draws only the rows on screen, from the desk.

A DataTable makes a row object per claim and takes seconds to show 100,000 of them; this widget
draws each visible line from the `Desk` (which owns the rows, their order, the marks and the
cursor) with Textual's line API, so the first screen comes at once and more rows can arrive page
by page while the checker works. It keeps nothing of the desk's but a cache of the text drawn for
each row, which a row replaced in the desk (a verdict, a new source) invalidates by itself.
Cells are built from plain strings (article text is never parsed as markup); right-to-left text
is reordered for display once, when a row is first drawn, and right-aligned.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.services.claims import QueueRow
from workbench.storage.models import CONFIDENT, Status
from workbench.text.display import display_line, display_parts, paragraph_is_rtl
from workbench.tui.desk import Desk

STATUS_STYLE = {
    Status.unchecked.value: "dim",
    Status.in_progress.value: "bold cyan",
    Status.verified.value: "bold green",
    Status.disputed.value: "bold yellow",
    Status.false.value: "bold red",
    Status.misleading.value: "bold magenta",
    Status.unverifiable.value: "bold blue",
}
SOURCE_WIDTH = 20
COMPACT_BELOW = 64  # columns: narrower than this, the queue drops the source and shortens statuses
CHECKER_FROM = 100  # columns: from this wide, who holds each claim has a column of its name
CHECKER_WIDTH = 10
# Three lower-case letters each, the start of the status's name, so that none stands out by its
# form (the full names are in the detail panel and the footer).
SHORT = {"unchecked": "unc", "in_progress": "prg", "verified": "ver", "disputed": "dis", "false": "fal",
         "misleading": "mis", "unverifiable": "unv"}
_STYLES = {k: Style.parse(v) for k, v in STATUS_STYLE.items()}
_CONFIRMED = Style(color="green", bold=True)
_GUESS = Style(dim=True)
_UNSURE = Style(color="yellow", bold=True)
_MINE = Style(color="cyan", bold=True)
_THEIRS = Style(dim=True)


def holder_mark(r: QueueRow, me: str) -> tuple[str, Style]:
    """Who holds the claim, in one cell: @ you, + a colleague, nobody a space."""
    if r.assignee is None:
        return " ", _THEIRS
    return ("@", _MINE) if r.assignee == me else ("+", _THEIRS)


def attribution_mark(r: QueueRow) -> tuple[str, Style]:
    """How far to trust the claim's source, at a glance: ✓ a checker confirmed it, · the
    analyzer's confident guess, ? its unsure one (below 0.8, or no figure): look at these first."""
    if r.source_confirmed:
        return "✓", _CONFIRMED
    if r.attribution_confidence is not None and r.attribution_confidence >= CONFIDENT:
        return "·", _GUESS
    return "?", _UNSURE


def status_cell(status: str) -> Text:
    return Text(Status(status).label, style=STATUS_STYLE.get(status, ""))


def worth_style(score: float) -> str:
    return "bold red" if score >= 0.6 else "yellow" if score >= 0.35 else "dim"


def worth_cell(score: float) -> Text:
    return Text(f"{score:.2f}", style=worth_style(score), justify="right")


def _fit(text: str, width: int, bidi: bool) -> str:
    """A preview cut to `width` cells, in display order, right-aligned when right-to-left."""
    shown = display_line(text, width, bidi)
    return shown.rjust(width) if paragraph_is_rtl(text) else shown.ljust(width)


class ClaimQueue(ScrollView, can_focus=True, inherit_bindings=False):
    """The desk's rows, under their group headings; its keys are the screen's (see `keys`)."""

    COMPONENT_CLASSES = {"claim-queue--cursor", "claim-queue--stripe", "claim-queue--header", "claim-queue--group",
                         "claim-queue--marked"}
    DEFAULT_CSS = """
    ClaimQueue { background: $surface; scrollbar-gutter: stable; }
    ClaimQueue > .claim-queue--cursor { background: $accent; color: $text; text-style: bold; }
    ClaimQueue > .claim-queue--stripe { background: $boost; }
    ClaimQueue > .claim-queue--header { text-style: bold; background: $panel; }
    ClaimQueue > .claim-queue--group { text-style: bold; color: $text-accent; background: $primary-background; }
    ClaimQueue > .claim-queue--marked { background: $secondary-background; }
    """

    class Clicked(Message):
        """The checker clicked a claim: the desk's cursor is on it."""

    def __init__(self, desk: Desk, *, bidi: bool, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.desk = desk
        self.bidi = bidi
        self._drawn: dict[int, tuple[QueueRow, str, str, str]] = {}  # claim -> (row drawn, source, checker, claim)
        self._widths = (SOURCE_WIDTH, 0, 40)  # source, checker (0: a mark instead), claim
        self._id_width = 6  # the widest claim id and a space
        self.compact = False

    @property
    def page_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 2)

    def sync(self) -> None:
        """Draw the desk as it now is, with the cursor in view."""
        self._resize()
        row = self.desk.cursor
        order = self.desk.order
        height = max(1, self.scrollable_content_region.height - 1)
        top = int(self.scroll_offset.y)
        if row < top:  # and its heading with it, if it comes first in its group
            self.scroll_to(y=row - 1 if row and order[row - 1] < 0 else row, animate=False, immediate=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)
        self.refresh()

    def on_click(self, event: object) -> None:
        y = getattr(event, "y", None)
        if isinstance(y, int) and y >= 1 and self.desk.order:
            self.desk.move_to(int(self.scroll_offset.y) + y - 1)
            self.post_message(self.Clicked())

    # ------------------------------------------------------------------ drawing

    def on_resize(self) -> None:
        self._resize()

    def _resize(self) -> None:
        width = self.scrollable_content_region.width or (self.app.size.width * 3) // 5
        self.compact = width < COMPACT_BELOW
        ids = max(5 if self.compact else 6, len(str(self.desk.max_id)) + 1)
        if self.compact:
            widths = (0, 0, max(10, width - 1 - ids - 4 - 5 - 2 - 2 - 1))
        elif width < CHECKER_FROM:
            rest = max(24, width - 1 - ids - 12 - 5 - 2 - 4)
            source = max(10, min(SOURCE_WIDTH, rest * 3 // 10))
            widths = (source, 0, max(14, rest - source - 1 - 2))  # the holder's mark is taken from the claim
        else:
            rest = max(24, width - 1 - ids - 12 - 5 - 2 - 4 - CHECKER_WIDTH - 1)
            source = max(10, min(SOURCE_WIDTH, rest * 3 // 10))
            widths = (source, CHECKER_WIDTH, max(14, rest - source - 1))
        if widths != self._widths or ids != self._id_width:
            self._widths, self._id_width = widths, ids
            self._drawn.clear()
        self.virtual_size = Size(width, len(self.desk.order) + 1)

    def _cells(self, r: QueueRow) -> tuple[str, str, str]:
        drawn = self._drawn.get(r.id)
        if drawn is not None and drawn[0] is r:
            return drawn[1], drawn[2], drawn[3]
        src = r.source_name or "—"
        if r.source_kind == "publisher":
            src = f"({src})"
        sw, hw, cw = self._widths
        text = r.text.rstrip() + "…" if r.cut else r.text
        cells = (_fit(src, sw, self.bidi) if sw else "", _fit(r.assignee or "", hw, self.bidi) if hw else "",
                 _fit(text, cw, self.bidi))
        self._drawn[r.id] = (r, *cells)
        return cells

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        sw, hw, _cw = self._widths
        desk = self.desk
        if y == 0:
            iw = self._id_width
            if self.compact:
                header = f" {'#':<{iw}}{'St':<4}{'Wth':>4}   @ Claim"
            elif hw:
                header = f" {'#':<{iw}}{'Status':<12}{'Worth':>5}   {'Source':<{sw}} {'Checker':<{hw}} Claim"
            else:
                header = f" {'#':<{iw}}{'Status':<12}{'Worth':>5}   @ {'Source':<{sw}} Claim"
            style = base + self.get_component_rich_style("claim-queue--header")
            return Strip([Segment(header[:width].ljust(width), style)])
        index = int(self.scroll_offset.y) + y - 1
        if index >= len(desk.order):
            return Strip.blank(width, base)
        cid = desk.order[index]
        if cid < 0:
            style = base + self.get_component_rich_style("claim-queue--group")
            label = "▾ " + display_parts(desk.headings.get(cid, ()), max(1, width - 2), self.bidi)
            return Strip([Segment(label[:width].ljust(width), style)])
        r = desk.rows[cid]
        src, holder, claim = self._cells(r)
        marked = cid in desk.marked
        if index == desk.cursor:
            row_style = base + self.get_component_rich_style("claim-queue--cursor")
        elif marked:
            row_style = base + self.get_component_rich_style("claim-queue--marked")
        elif index % 2:
            row_style = base + self.get_component_rich_style("claim-queue--stripe")
        else:
            row_style = base
        worth = row_style + Style.parse(worth_style(r.checkworthiness))
        status_style = row_style + _STYLES.get(r.status, Style())
        mark = Segment("●" if marked else " ", row_style + Style(bold=True, color="yellow"))
        trust, trust_style = attribution_mark(r)
        trusted = Segment(f"{trust} ", row_style + trust_style)
        who, who_style = holder_mark(r, desk.user)
        held = Segment(f"{who} ", row_style + who_style)
        if self.compact:
            segments = [
                mark,
                Segment(f"{r.id:<{self._id_width}}", row_style + Style(dim=True)),
                Segment(f"{SHORT.get(r.status, '?'):<4}", status_style),
                Segment(f"{r.checkworthiness:>4.1f} ", worth),
                trusted,
                held,
                Segment(claim, row_style),
            ]
        else:
            segments = [
                mark,
                Segment(f"{r.id:<{self._id_width}}", row_style + Style(dim=True)),
                Segment(f"{Status(r.status).label:<12}", status_style),
                Segment(f"{r.checkworthiness:>5.2f} ", worth),
                trusted,
                *([] if hw else [held]),
                Segment(src + " ", row_style + (Style(dim=True) if trust == "·" else Style())),
                *([Segment(holder + " ", row_style + who_style)] if hw else []),
                Segment(claim, row_style),
            ]
        return Strip(segments).crop(0, width).extend_cell_length(width, row_style)
