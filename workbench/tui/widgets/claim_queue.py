"""The claim queue: a virtual list that draws only the rows on screen.

A DataTable makes a row object per claim and takes seconds to show 100,000 of them; this widget
keeps plain `QueueRow`s (a preview of each claim) in a dict and renders a row only when it is visible (Textual's line API),
so the first screen comes at once and more rows can arrive page by page while the checker works.
Cells are built from plain strings (article text is never parsed as markup); right-to-left text is
reordered for display once, when a row is first drawn, and right-aligned.
"""

from __future__ import annotations

from collections.abc import Callable

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


GROUPS = ("article", "source", "kind", "status", "language", "worth")
_STATUS_ORDER = {st.value: i for i, st in enumerate(Status)}


def _group_key(r: QueueRow, by: str) -> object:
    """The group a row falls in, as something quick to hash and to sort (one kind per `by`)."""
    if by == "article":
        return r.article_id
    if by == "source":
        return r.source_name if r.attributed and r.source_name else ""
    if by == "kind":
        return (r.source_kind if r.attributed else None) or ""
    if by == "status":
        return _STATUS_ORDER.get(r.status, 99)
    if by == "language":
        return r.language
    return 0 if r.checkworthiness >= 0.6 else 1 if r.checkworthiness >= 0.35 else 2


def _group_label(r: QueueRow, by: str) -> str:
    if by == "article":
        return r.article_title or f"article #{r.article_id}"
    if by == "source":
        return r.source_name if r.attributed and r.source_name else "no source: the publisher's own voice"
    if by == "kind":
        return (r.source_kind if r.attributed else None) or "no source"
    if by == "status":
        return f"{Status(r.status).label} · {Status(r.status).label_ar}"
    if by == "language":
        return r.language
    band = 0 if r.checkworthiness >= 0.6 else 1 if r.checkworthiness >= 0.35 else 2
    return ("check-worthy ≥ 0.6", "check-worthy 0.35–0.6", "check-worthy < 0.35")[band]


class ClaimQueue(ScrollView, can_focus=True):
    """Rows of claims, optionally under group headings; the highlighted claim is `selected`, and
    claims can be marked to act on several at once. Posts `RowHighlighted` when the cursor moves.

    `order` holds what is drawn, line by line: claim ids, and (grouped) negative numbers for the
    headings, which the cursor steps over."""

    BINDINGS = [
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
    ]
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

    class RowHighlighted(Message):
        def __init__(self, queue: ClaimQueue, row: int) -> None:
            super().__init__()
            self.queue = queue
            self.row = row

    class Regrouped(Message):
        """The marks or the grouping changed (what the pane's title tells)."""

    def __init__(self, *, bidi: bool, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.bidi = bidi
        self.rows_by_id: dict[int, QueueRow] = {}  # every claim loaded, shown or filtered out
        self.keep: Callable[[QueueRow], bool] | None = None  # the filter: which of them are shown
        self.order: list[int] = []  # lines: claim ids, and negative numbers for group headings
        self.headings: dict[int, str] = {}
        self.marked: set[int] = set()
        self.group: str | None = None
        self._sort = "position"
        self.cursor_row = 0
        self._shown: dict[int, tuple[str, str]] = {}  # claim id -> (source, claim) as drawn
        self._widths = (SOURCE_WIDTH, 40)
        self.compact = False

    # ------------------------------------------------------------------ data

    def load(self, rows: list[QueueRow], keep_cursor: bool = False) -> None:
        cursor = self.cursor_row
        self.rows_by_id = {r.id: r for r in rows}
        self.marked &= self.rows_by_id.keys()
        self._shown.clear()
        self._arrange()
        self.cursor_row = min(cursor, len(self.order) - 1) if keep_cursor and self.order else 0
        self._settle(1)
        self.refresh()

    def append(self, rows: list[QueueRow]) -> None:
        """More rows (the next page of a long queue): at the end, or in their groups."""
        fresh = [r for r in rows if r.id not in self.rows_by_id]
        for r in rows:
            self.rows_by_id[r.id] = r
        if self.group or self._sort != "position":
            self._rearrange()
        else:
            keep = self.keep
            self.order.extend(r.id for r in fresh if keep is None or keep(r))
            self._resize()
        self.refresh()

    def update_claim(self, r: ClaimRow | QueueRow) -> None:
        if r.id not in self.rows_by_id:
            return
        self.rows_by_id[r.id] = r if isinstance(r, QueueRow) else QueueRow.of(r)
        self.refresh()

    @property
    def row_count(self) -> int:
        """Claims in the queue (headings not counted)."""
        return len(self.order) - len(self.headings)

    def claim_ids(self) -> list[int]:
        """The claims in the order drawn."""
        return [i for i in self.order if i > 0]

    @property
    def selected(self) -> QueueRow | None:
        if not self.order or not 0 <= self.cursor_row < len(self.order):
            return None
        return self.rows_by_id.get(self.order[self.cursor_row])

    def marked_rows(self) -> list[QueueRow]:
        """The marked claims in the order drawn."""
        return [self.rows_by_id[i] for i in self.order if i in self.marked]

    def toggle_mark(self) -> None:
        claim = self.selected
        if claim is not None:
            self.marked.symmetric_difference_update({claim.id})
            self.post_message(self.Regrouped())
            self.refresh()

    def mark_all(self) -> None:
        """Mark every claim shown; if they all are, unmark them."""
        shown = set(self.claim_ids())
        self.marked = set() if shown <= self.marked else self.marked | shown
        self.post_message(self.Regrouped())
        self.refresh()

    def clear_marks(self) -> None:
        self.marked.clear()
        self.post_message(self.Regrouped())
        self.refresh()

    def sort_by(self, key: str) -> None:
        """Re-order the rows: "position" (article order) or "worth" (most check-worthy first)."""
        self._sort = key
        self._rearrange()

    def filter_by(self, keep: Callable[[QueueRow], bool] | None) -> None:
        """Show only the claims `keep` accepts (None: all). Marks on hidden claims are dropped."""
        self.keep = keep
        if keep is not None:
            self.marked = {i for i in self.marked if keep(self.rows_by_id[i])}
        self.post_message(self.Regrouped())
        self._rearrange()

    def group_by(self, by: str | None) -> None:
        """Put the rows under headings: one of GROUPS, or None for a plain list."""
        self.group = by
        self.post_message(self.Regrouped())
        self._rearrange()

    def _rearrange(self) -> None:
        selected = self.selected
        self._arrange()
        if selected is not None and selected.id in self.order:  # still shown: stay on it
            self.move_cursor(row=self.order.index(selected.id))
        else:
            self.cursor_row = 0
            self._settle(1)
        self.refresh()

    def _arrange(self) -> None:
        """Lay the rows out: sorted, and under a heading per group when grouped. Linear after
        the sort, with nothing built per row but list entries (100,000 rows in a few tens of ms)."""
        rows = self.rows_by_id
        keep = self.keep
        shown = rows if keep is None else [i for i, r in rows.items() if keep(r)]
        ids = sorted(shown, key=lambda i: (-rows[i].checkworthiness, i)) if self._sort == "worth" else sorted(shown)
        self.headings = {}
        if not self.group:
            self.order = ids
            self._resize()
            return
        by = self.group
        buckets: dict[object, list[int]] = {}
        labels: dict[object, str] = {}
        for i in ids:
            r = rows[i]
            key = _group_key(r, by)
            members = buckets.get(key)
            if members is None:
                buckets[key] = members = []
                labels[key] = _group_label(r, by)
            members.append(i)
        order: list[int] = []
        unchecked = Status.unchecked.value
        for n, key in enumerate(sorted(buckets, key=lambda k: (k == "", k)), start=1):  # "none" last
            members = buckets[key]
            open_ = sum(1 for m in members if rows[m].status == unchecked)
            self.headings[-n] = (f"{labels[key]} — {len(members):,} claim{'s' if len(members) != 1 else ''}, "
                                 f"{open_:,} unchecked")
            order.append(-n)
            order.extend(members)
        self.order = order
        self._resize()

    def select_first(self, status: str = Status.unchecked.value) -> None:
        for i, cid in enumerate(self.order):
            if cid > 0 and self.rows_by_id[cid].status == status:
                self.move_cursor(row=i)
                return
        if self.order:
            self.move_cursor(row=0)

    def next_with_status(self, status: str) -> bool:
        """Move to the next claim (wrapping) with this status; False if there is none."""
        n = len(self.order)
        for step in range(1, n + 1):
            i = (self.cursor_row + step) % n
            cid = self.order[i]
            if cid > 0 and self.rows_by_id[cid].status == status:
                self.move_cursor(row=i)
                return True
        return False

    # ------------------------------------------------------------------ cursor

    def _settle(self, direction: int) -> None:
        """Off a heading: to the next claim that way, or the other way at the end."""
        n = len(self.order)
        if not n:
            return
        row = max(0, min(self.cursor_row, n - 1))
        for d in (direction, -direction):
            r = row
            while 0 <= r < n and self.order[r] < 0:
                r += d
            if 0 <= r < n:
                self.cursor_row = r
                return
        self.cursor_row = row

    def move_cursor(self, *, row: int, direction: int = 1) -> None:
        if not self.order:
            return
        self.cursor_row = max(0, min(row, len(self.order) - 1))
        self._settle(direction)
        row = self.cursor_row
        height = max(1, self.scrollable_content_region.height - 1)
        top = int(self.scroll_offset.y)
        if row < top:  # and its heading with it, if it comes first in its group
            self.scroll_to(y=row - 1 if row and self.order[row - 1] < 0 else row, animate=False)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False)
        self.refresh()
        self.post_message(self.RowHighlighted(self, row))  # also after a reload: the detail follows

    def action_cursor(self, delta: int) -> None:
        if self.order:
            self.move_cursor(row=self.cursor_row + delta, direction=1 if delta > 0 else -1)

    def action_page(self, delta: int) -> None:
        if self.order:
            self.move_cursor(row=self.cursor_row + delta * max(1, self.scrollable_content_region.height - 2),
                             direction=1 if delta > 0 else -1)

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=len(self.order) - 1, direction=-1)

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
            widths = (0, max(10, width - 1 - 5 - 4 - 5 - 1))
        else:
            rest = max(24, width - 1 - 6 - 12 - 5 - 4)
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
            header = (f" {'#':<5}{'St':<4}{'Wth':>4} Claim" if self.compact
                      else f" {'#':<6}{'Status':<12}{'Worth':>5} {'Source':<{sw}} Claim")
            style = base + self.get_component_rich_style("claim-queue--header")
            return Strip([Segment(header[:width].ljust(width), style)])
        index = int(self.scroll_offset.y) + y - 1
        if index >= len(self.order):
            return Strip.blank(width, base)
        cid = self.order[index]
        if cid < 0:
            style = base + self.get_component_rich_style("claim-queue--group")
            label = "▾ " + display_line(self.headings.get(cid, ""), max(1, width - 2), self.bidi)
            return Strip([Segment(label[:width].ljust(width), style)])
        r = self.rows_by_id[cid]
        src, claim = self._cells(r)
        marked = cid in self.marked
        if index == self.cursor_row and self.order:
            row_style = base + self.get_component_rich_style("claim-queue--cursor")
        elif marked:
            row_style = base + self.get_component_rich_style("claim-queue--marked")
        elif index % 2:
            row_style = base + self.get_component_rich_style("claim-queue--stripe")
        else:
            row_style = base
        worth_style = row_style + Style.parse(_worth_style(r.checkworthiness))
        status_style = row_style + _STYLES.get(r.status, Style())
        mark = Segment("●" if marked else " ", row_style + Style(bold=True, color="yellow"))
        if self.compact:
            segments = [
                mark,
                Segment(f"{r.id:<5}"[:5], row_style + Style(dim=True)),
                Segment(f"{_SHORT.get(r.status, '?'):<4}", status_style),
                Segment(f"{r.checkworthiness:>4.1f} ", worth_style),
                Segment(claim, row_style),
            ]
        else:
            segments = [
                mark,
                Segment(f"{r.id:<6}"[:6], row_style + Style(dim=True)),
                Segment(f"{Status(r.status).label:<12}", status_style),
                Segment(f"{r.checkworthiness:>5.2f} ", worth_style),
                Segment(src + " ", row_style),
                Segment(claim, row_style),
            ]
        return Strip(segments).crop(0, width).extend_cell_length(width, row_style)
