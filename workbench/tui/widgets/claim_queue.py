"""The claim queue: a virtual list that draws only the rows on screen.

A DataTable makes a row object per claim and takes seconds to show 100,000 of them; this widget
keeps plain `QueueRow`s (a preview of each claim) in a dict and renders a row only when it is visible (Textual's line API),
so the first screen comes at once and more rows can arrive page by page while the checker works.
Cells are built from plain strings (article text is never parsed as markup); right-to-left text is
reordered for display once, when a row is first drawn, and right-aligned.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.services.claims import ClaimRow, QueueRow
from workbench.storage.models import Status
from workbench.text.display import display_line, paragraph_is_rtl

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
_SHORT = {"unchecked": "new", "in_progress": "wip", "verified": "ok", "disputed": "dsp", "false": "F",
          "misleading": "mis", "unverifiable": "unv"}
_STYLES = {k: Style.parse(v) for k, v in STATUS_STYLE.items()}


def status_cell(status: str) -> Text:
    return Text(Status(status).label, style=STATUS_STYLE.get(status, ""))


def _worth_style(score: float) -> str:
    return "bold red" if score >= 0.6 else "yellow" if score >= 0.35 else "dim"


def worth_cell(score: float) -> Text:
    return Text(f"{score:.2f}", style=_worth_style(score), justify="right")


def _fit(text: str, width: int, bidi: bool) -> str:
    """A preview cut to `width` cells, in display order, right-aligned when right-to-left."""
    shown = display_line(text, width, bidi)
    return shown.rjust(width) if paragraph_is_rtl(text) else shown.ljust(width)


class ClaimQueue(ScrollView, can_focus=True):
    """Rows of claims; the highlighted one is `selected`. Posts `RowHighlighted` when it moves."""

    BINDINGS = [
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
    ]
    COMPONENT_CLASSES = {"claim-queue--cursor", "claim-queue--stripe", "claim-queue--header"}
    DEFAULT_CSS = """
    ClaimQueue { background: $surface; scrollbar-gutter: stable; }
    ClaimQueue > .claim-queue--cursor { background: $accent; color: $text; text-style: bold; }
    ClaimQueue > .claim-queue--stripe { background: $boost; }
    ClaimQueue > .claim-queue--header { text-style: bold; background: $panel; }
    """

    class RowHighlighted(Message):
        def __init__(self, queue: ClaimQueue, row: int) -> None:
            super().__init__()
            self.queue = queue
            self.row = row

    def __init__(self, *, bidi: bool, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.bidi = bidi
        self.rows_by_id: dict[int, QueueRow] = {}
        self.order: list[int] = []
        self.cursor_row = 0
        self._shown: dict[int, tuple[str, str]] = {}  # claim id -> (source, claim) as drawn
        self._widths = (SOURCE_WIDTH, 40)
        self.compact = False

    # ------------------------------------------------------------------ data

    def load(self, rows: list[QueueRow], keep_cursor: bool = False) -> None:
        cursor = self.cursor_row
        self.rows_by_id = {r.id: r for r in rows}
        self.order = [r.id for r in rows]
        self._shown.clear()
        self._resize()
        self.cursor_row = min(cursor, len(rows) - 1) if keep_cursor and rows else 0
        self.refresh()

    def append(self, rows: list[QueueRow]) -> None:
        """More rows at the end (the next page of a long queue)."""
        for r in rows:
            if r.id not in self.rows_by_id:
                self.order.append(r.id)
            self.rows_by_id[r.id] = r
        self._resize()
        self.refresh()

    def update_claim(self, r: ClaimRow | QueueRow) -> None:
        if r.id not in self.rows_by_id:
            return
        self.rows_by_id[r.id] = r if isinstance(r, QueueRow) else QueueRow.of(r)
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.order)

    @property
    def selected(self) -> QueueRow | None:
        if not self.order or not 0 <= self.cursor_row < len(self.order):
            return None
        return self.rows_by_id.get(self.order[self.cursor_row])

    def sort_by(self, key: str) -> None:
        """Re-order the rows: "position" (article order) or "worth" (most check-worthy first)."""
        selected = self.selected
        rows = [self.rows_by_id[i] for i in self.order]
        rows.sort(key=(lambda r: (-r.checkworthiness, r.id)) if key == "worth" else (lambda r: r.id))
        self.order = [r.id for r in rows]
        if selected is not None:
            self.move_cursor(row=self.order.index(selected.id))
        self.refresh()

    def select_first(self, status: str = Status.unchecked.value) -> None:
        for i, cid in enumerate(self.order):
            if self.rows_by_id[cid].status == status:
                self.move_cursor(row=i)
                return
        if self.order:
            self.move_cursor(row=0)

    # ------------------------------------------------------------------ cursor

    def move_cursor(self, *, row: int) -> None:
        if not self.order:
            return
        row = max(0, min(row, len(self.order) - 1))
        self.cursor_row = row
        height = max(1, self.scrollable_content_region.height - 1)
        top = int(self.scroll_offset.y)
        if row < top:
            self.scroll_to(y=row, animate=False)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False)
        self.refresh()
        self.post_message(self.RowHighlighted(self, row))  # also after a reload: the detail follows

    def action_cursor(self, delta: int) -> None:
        if self.order:
            self.move_cursor(row=self.cursor_row + delta)

    def action_page(self, delta: int) -> None:
        if self.order:
            self.move_cursor(row=self.cursor_row + delta * max(1, self.scrollable_content_region.height - 2))

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=len(self.order) - 1)

    def on_click(self, event: object) -> None:
        y = getattr(event, "y", None)
        if isinstance(y, int) and y >= 1:
            self.move_cursor(row=int(self.scroll_offset.y) + y - 1)

    # ------------------------------------------------------------------ drawing

    def on_resize(self) -> None:
        self._resize()

    def _resize(self) -> None:
        width = self.scrollable_content_region.width or (self.app.size.width * 3) // 5
        self.compact = width < COMPACT_BELOW
        if self.compact:
            widths = (0, max(10, width - 5 - 4 - 5 - 1))
        else:
            rest = max(24, width - 6 - 12 - 5 - 4)
            source = max(10, min(SOURCE_WIDTH, rest * 3 // 10))
            widths = (source, max(14, rest - source - 1))
        if widths != self._widths:
            self._widths = widths
            self._shown.clear()
        self.virtual_size = Size(width, len(self.order) + 1)

    def _cells(self, r: QueueRow) -> tuple[str, str]:
        shown = self._shown.get(r.id)
        if shown is None:
            src = r.source_name or "—"
            if r.source_kind == "publisher":
                src = f"({src})"
            sw, cw = self._widths
            text = r.text.rstrip() + "…" if r.cut else r.text
            shown = (_fit(src, sw, self.bidi) if sw else "", _fit(text, cw, self.bidi))
            self._shown[r.id] = shown
        return shown

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        sw = self._widths[0]
        if y == 0:
            header = (f"{'#':<5}{'St':<4}{'Wth':>4} Claim" if self.compact
                      else f"{'#':<6}{'Status':<12}{'Worth':>5} {'Source':<{sw}} Claim")
            style = base + self.get_component_rich_style("claim-queue--header")
            return Strip([Segment(header[:width].ljust(width), style)])
        index = int(self.scroll_offset.y) + y - 1
        if index >= len(self.order):
            return Strip.blank(width, base)
        r = self.rows_by_id[self.order[index]]
        src, claim = self._cells(r)
        if index == self.cursor_row and self.order:
            row_style = base + self.get_component_rich_style("claim-queue--cursor")
        elif index % 2:
            row_style = base + self.get_component_rich_style("claim-queue--stripe")
        else:
            row_style = base
        worth_style = row_style + Style.parse(_worth_style(r.checkworthiness))
        status_style = row_style + _STYLES.get(r.status, Style())
        if self.compact:
            segments = [
                Segment(f"{r.id:<5}"[:5], row_style + Style(dim=True)),
                Segment(f"{_SHORT.get(r.status, '?'):<4}", status_style),
                Segment(f"{r.checkworthiness:>4.1f} ", worth_style),
                Segment(claim, row_style),
            ]
        else:
            segments = [
                Segment(f"{r.id:<6}", row_style + Style(dim=True)),
                Segment(f"{Status(r.status).label:<12}", status_style),
                Segment(f"{r.checkworthiness:>5.2f} ", worth_style),
                Segment(src + " ", row_style),
                Segment(claim, row_style),
            ]
        return Strip(segments).crop(0, width).extend_cell_length(width, row_style)
