"""A one-line input that shows what is typed the way the rest of the app shows text.

Textual's `Input` draws its value in the order it is stored: Arabic comes out reversed and its
letters unjoined on a terminal that does not reorder, and a pasted control character would reach
the terminal. This one keeps editing exactly as `Input` does (the value, the cursor and the
selection stay in logical order) and only draws differently: controls made visible, and with bidi
on, the line reordered and joined (`workbench.text.display`). The cursor is drawn on the
character it stands before; at the end of a right-to-left value, that is on the left.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Input

from workbench.text.display import Cell, paragraph_is_rtl, reorder_cells, visible_cells


class BidiInput(Input):
    def __init__(self, *args: object, bidi: bool, **kwargs: object) -> None:
        self.bidi = bidi  # before Input sets its value, which measures it
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def _visual(self) -> list[Cell]:
        """The value's cells in display order, with a blank cell for a cursor at the end."""
        value = self.value
        cells = visible_cells(value)
        rtl = paragraph_is_rtl(value)
        if self.bidi:
            cells = reorder_cells(cells, rtl)
        end = Cell(" ", len(value))
        return [end, *cells] if rtl and self.bidi else [*cells, end]

    def _column_of(self, position: int) -> int:
        for col, cell in enumerate(self._visual()):
            if cell.src == position:
                return col
        return 0

    @property
    def _cursor_offset(self) -> int:
        return self._column_of(self.cursor_position)

    @property
    def content_width(self) -> int:
        if self.placeholder and not self.value:
            return super().content_width
        return len(self._visual())

    def _cell_offset_to_index(self, offset: int) -> int:
        cells = self._visual()
        col = offset + int(self.scroll_offset.x)
        if not cells:
            return 0
        return max(0, min(len(self.value), cells[max(0, min(col, len(cells) - 1))].src))

    def render_line(self, y: int) -> Strip:
        if y != 0 or not self.value:
            return super().render_line(y)
        width = self.scrollable_content_region.width
        base = self.rich_style
        selection = cursor = None
        if self.has_focus:
            if not self.selection.is_empty:
                start, end = sorted(self.selection)
                selection = (start, end, self.get_component_rich_style("input--selection"))
            if self._cursor_visible:
                cursor = self.get_component_rich_style("input--cursor")
        segments = []
        for cell in self._visual():
            style = base
            if selection is not None and selection[0] <= cell.src < selection[1]:
                style = style + selection[2]
            if cursor is not None and cell.src == self.cursor_position:
                style = style + cursor
            segments.append(Segment(cell.ch, style))
        scroll_x = int(self.scroll_offset.x)
        return Strip(segments).simplify().crop(scroll_x, scroll_x + width + 1).extend_cell_length(width + 1, base)
