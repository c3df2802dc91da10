"""The claim queue: one row per claim, cells built as Text (never parsed as markup)."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from workbench.services.claims import ClaimRow
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


def status_cell(status: str) -> Text:
    return Text(Status(status).label, style=STATUS_STYLE.get(status, ""))


SOURCE_WIDTH = 20


def worth_cell(score: float) -> Text:
    style = "bold red" if score >= 0.6 else "yellow" if score >= 0.35 else "dim"
    return Text(f"{score:.2f}", style=style, justify="right")


def _cell(text: str, width: int, bidi: bool) -> Text:
    """A preview cell; right-to-left text is right-aligned, as its readers expect."""
    rtl = paragraph_is_rtl(text)
    return Text(display_line(text, width, bidi), justify="right" if rtl else "left", no_wrap=True)


class ClaimQueue(DataTable[Text]):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_top", "First", show=False),
        Binding("G", "scroll_bottom", "Last", show=False),
    ]

    def __init__(self, *, bidi: bool, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.bidi = bidi
        self.rows_by_id: dict[int, ClaimRow] = {}
        self.order: list[int] = []
        self._built_width = 60
        self._source_width = SOURCE_WIDTH

    def on_mount(self) -> None:
        self.add_column("#", key="id", width=6)
        self.add_column("Status", key="status", width=12)
        self.add_column("Worth", key="worth", width=5)
        self._source_width, self._built_width = self._widths()
        self.add_column("Source", key="source", width=self._source_width)
        self.add_column("Claim", key="claim", width=self._built_width)

    def _claim_width(self) -> int:
        return self._widths()[1]

    def _widths(self) -> tuple[int, int]:
        """Source and claim column widths for the table's width: an Arabic preview must be cut
        to its column, or its beginning (drawn at the right) would be cropped."""
        width = self.size.width or (self.app.size.width * 3) // 5
        rest = max(24, width - 6 - 12 - 5 - 5 * 2 - 2)
        source = max(10, min(SOURCE_WIDTH, rest * 3 // 10))
        return source, max(14, rest - source)

    def on_resize(self) -> None:
        if self.order and self._widths() != (self._source_width, self._built_width):
            self.load([self.rows_by_id[i] for i in self.order], keep_cursor=True)

    def load(self, rows: list[ClaimRow], keep_cursor: bool = False) -> None:
        cursor = self.cursor_row
        self.clear()
        self._source_width, self._built_width = self._widths()
        for key, width in (("source", self._source_width), ("claim", self._built_width)):
            column = self.columns.get(ColumnKey(key))
            if column is not None:
                column.width = width
        self.rows_by_id = {r.id: r for r in rows}
        self.order = [r.id for r in rows]
        for r in rows:
            self.add_row(*self._cells(r), key=str(r.id))
        if keep_cursor and rows:
            self.move_cursor(row=min(cursor, len(rows) - 1))

    def _cells(self, r: ClaimRow) -> list[Text]:
        src = r.source_name or "—"
        if r.source_kind == "publisher":
            src = f"({src})"
        return [
            Text(str(r.id), style="dim"),
            status_cell(r.status),
            worth_cell(r.checkworthiness),
            _cell(src, self._source_width, self.bidi),
            _cell(r.text, self._built_width, self.bidi),
        ]

    def update_claim(self, r: ClaimRow) -> None:
        if r.id not in self.rows_by_id:
            return
        self.rows_by_id[r.id] = r
        self.update_cell(str(r.id), "status", status_cell(r.status))

    def sort_by(self, key: str) -> None:
        """Re-order the rows: "position" (article order) or "worth" (most check-worthy first)."""
        selected = self.selected
        rows = [self.rows_by_id[i] for i in self.order]
        if key == "worth":
            rows.sort(key=lambda r: (-r.checkworthiness, r.id))
        else:
            rows.sort(key=lambda r: r.id)
        self.load(rows)
        if selected is not None:
            self.move_cursor(row=self.order.index(selected.id))

    @property
    def selected(self) -> ClaimRow | None:
        if not self.order or self.cursor_row < 0 or self.cursor_row >= len(self.order):
            return None
        return self.rows_by_id.get(self.order[self.cursor_row])

    def select_first(self, status: str = Status.unchecked.value) -> None:
        for i, cid in enumerate(self.order):
            if self.rows_by_id[cid].status == status:
                self.move_cursor(row=i)
                return
        if self.order:
            self.move_cursor(row=0)
