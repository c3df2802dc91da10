"""The article, wrapped, reordered for display when bidi is on, with claims highlighted.

A line-API widget: only visible lines are rendered. Highlights are offsets into the stored text;
each displayed cell knows the offset it shows, so highlights survive wrapping and reordering.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.text.display import Cell, display_lines


class ArticleView(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {
        "article-view--selected",
        "article-view--other",
        "article-view--mention",
        "article-view--publisher",
    }
    DEFAULT_CSS = """
    ArticleView { background: $surface; scrollbar-gutter: stable; }
    ArticleView > .article-view--selected { background: $accent 40%; text-style: bold; }
    ArticleView > .article-view--other { text-style: underline; color: $text-muted; }
    ArticleView > .article-view--mention { background: $warning 45%; text-style: bold underline; }
    ArticleView > .article-view--publisher { color: $text-muted; text-style: italic; }
    """

    def __init__(self, *, bidi: bool, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.bidi = bidi
        self._text = ""
        self._styles: dict[int, str] = {}
        self._lines: list[tuple[list[Cell], bool]] = []
        self._focus_offset: int | None = None
        self._width = 0

    def show(self, text: str, spans: list[tuple[int, int, str]], focus_offset: int | None) -> None:
        """Show `text` with `spans` (start, end, component class); scroll to `focus_offset`. The
        same article with another claim selected keeps its lines: only the highlights move."""
        same = text == self._text and self._lines
        self._text = text
        styles: dict[int, str] = {}
        for s, e, name in spans:
            for i in range(max(0, s), min(len(text), e)):
                styles[i] = name
        self._styles = styles
        self._focus_offset = focus_offset
        if same:
            self._scroll_to_focus()
            self.refresh()
        else:
            self._layout(force=True)

    def clear(self) -> None:
        self.show("", [], None)

    def on_resize(self) -> None:
        self._layout()

    def _layout(self, force: bool = False) -> None:
        width = max(10, self.scrollable_content_region.width - 1)
        if not force and width == self._width:
            return
        self._width = width
        self._lines = display_lines(self._text, width, self.bidi) if self._text else []
        self.virtual_size = Size(width, len(self._lines))
        self._scroll_to_focus()
        self.refresh()

    def _scroll_to_focus(self) -> None:
        if self._focus_offset is None:
            return
        for y, (cells, _rtl) in enumerate(self._lines):
            if any(c.src == self._focus_offset for c in cells):
                self.scroll_to(y=max(0, y - 3), animate=False)
                break

    def line_text(self, y: int) -> str:
        """The display text of line y (for tests and copy)."""
        return "".join(c.ch for c in self._lines[y][0])

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        cells, rtl = self._lines[index]
        segments: list[Segment] = []
        used = sum(1 for _ in cells)
        if rtl and self.bidi and used < self._width:
            segments.append(Segment(" " * (self._width - used), base))
        run: list[str] = []
        run_style: str | None = None
        for cell in cells:
            name = self._styles.get(cell.src)
            if name != run_style and run:
                segments.append(Segment("".join(run), self._style(run_style, base)))
                run = []
            run_style = name
            run.append(cell.ch)
        if run:
            segments.append(Segment("".join(run), self._style(run_style, base)))
        return Strip(segments).crop(scroll_x, scroll_x + width).extend_cell_length(width, base).simplify()

    def _style(self, name: str | None, base: Style) -> Style:
        if name is None:
            return base
        return base + self.get_component_rich_style(name)
