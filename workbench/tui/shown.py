"""Text on screen, through the one display path (`workbench.text.display`).

`Shown` is a Rich renderable: it is wrapped at the width it is given when drawn, in logical order,
and each line is then reordered for display, so wrapped Arabic keeps its lines in reading order
(a string reordered first and wrapped by Rich afterwards shows its second half first). Pieces of
`Data` are isolated and made visible; nothing is read as markup. Detail rows, the dashboard,
prompt titles and the source view are built from it; notices and one-line cells use the same
functions (`notice_text`, `display_parts`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from workbench.text.display import (
    Cell,
    Data,
    compose,
    display_block,
    display_lines,
    display_parts,
    visible_cells,
)

Part = str | tuple[str, str | Style]


class Shown:
    """Parts of text, each our own words (`str`) or data (`Data`), optionally with a style:
    ``Shown("claim #12: ", ("False", "bold red"), "  in ", Data(title), bidi=True)``."""

    def __init__(self, *parts: Part, bidi: bool, style: str | Style = "") -> None:
        self.bidi = bidi
        self.base = Style.parse(style) if isinstance(style, str) else style
        texts: list[str] = []
        styles: list[Style | None] = []
        for part in parts:
            text, st = (part, None) if isinstance(part, str) else part
            texts.append(text)
            styles.append(Style.parse(st) if isinstance(st, str) else st)
        self.text, self.isolates = compose(texts)
        self._by_width: dict[int, list[tuple[list[Cell], bool]]] = {}
        self._measure: tuple[int, int] | None = None
        # The style of each offset of the composed text.
        self._styles: list[Style | None] = []
        for text, st in zip(texts, styles, strict=True):
            n = len(" ".join(text.split())) if isinstance(text, Data) else len(text)
            self._styles.extend([st] * n)

    @property
    def plain(self) -> str:
        """The text as composed, in logical order (for tests and copying)."""
        return self.text

    def _lines(self, width: int) -> list[tuple[list[Cell], bool]]:
        """The display lines at this width (a table measures and draws a cell more than once)."""
        lines = self._by_width.get(width)
        if lines is None:
            lines = self._by_width[width] = display_lines(self.text, width, self.bidi, isolates=self.isolates)
        return lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        width = max(1, options.max_width)
        lines = self._lines(width)
        for cells, rtl in lines:
            used = len(cells)
            if rtl and self.bidi and used < width:
                yield Segment(" " * (width - used), self.base)
            run: list[str] = []
            run_style: Style | None = None
            for cell in cells:
                st = self._styles[cell.src] if 0 <= cell.src < len(self._styles) else None
                if st is not run_style and run:
                    yield Segment("".join(run), self.base + run_style if run_style else self.base)
                    run = []
                run_style = st
                run.append(cell.ch)
            if run:
                yield Segment("".join(run), self.base + run_style if run_style else self.base)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        if self._measure is None:
            widest = 0
            longest_word = 0
            for para in self.text.split("\n"):
                cells = len(visible_cells(para))
                widest = max(widest, cells)
                longest_word = max([longest_word, *(len(visible_cells(w)) for w in para.split())])
            self._measure = (min(longest_word, 12, widest), widest)
        return Measurement(*self._measure).clamp(max_width=options.max_width)


def one_line(parts: Iterable[str], width: int, bidi: bool, style: str = "") -> Text:
    """A title: parts on one line cut to `width`, right-aligned when the line reads right to left."""
    parts = list(parts)
    text, spans = compose(parts)
    rtl = display_lines(text, max(1, len(text) + 1), False, isolates=spans)[0][1] if text else False
    return Text(display_parts(parts, width, bidi), style=style, justify="right" if rtl and bidi else "left",
                no_wrap=True, overflow="crop")


def notice_text(parts: Iterable[str], width: int, bidi: bool) -> str:
    """A notice, wrapped to the width of a toast and put in display order line by line."""
    return "\n".join(display_block(list(parts), max(10, width), bidi))
