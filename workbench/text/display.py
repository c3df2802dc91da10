"""Making article text safe and readable in a terminal, without changing what is stored.

Two jobs, both pure functions of the text (the UI only draws what comes out):

1. **Nothing from an article reaches the terminal as a command.** Control characters (ESC, the
   C1 range, DEL, NUL...) become visible symbols, and bidi controls (the "Trojan Source" overrides
   and isolates) become visible tags such as ``<RLO>``, so a checker sees them instead of being
   fooled by them. Rich markup is never parsed: callers build `rich.text.Text` from plain strings.
2. **Arabic reads right.** Most terminals draw characters left to right in the order they get
   them. With bidi on, each *display line* (wrapped first, in logical order) is reordered with the
   Unicode bidi algorithm (python-bidi) and its letters joined (arabic-reshaper, ligatures off so
   that one character stays one cell). Terminals that do bidi themselves (VTE-based ones, Konsole,
   mintty, WezTerm) need it off, or the text is reversed twice.

Every output character remembers the offset of the original character it shows, so highlights
given as offsets into the stored text land on the right cells.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

import arabic_reshaper
from bidi import algorithm as _bidi

BIDI_CONTROLS = {
    "\u202a": "<LRE>", "\u202b": "<RLE>", "\u202c": "<PDF>", "\u202d": "<LRO>", "\u202e": "<RLO>",
    "\u2066": "<LRI>", "\u2067": "<RLI>", "\u2068": "<FSI>", "\u2069": "<PDI>",
    "\u200e": "<LRM>", "\u200f": "<RLM>", "\u061c": "<ALM>",
}
_INVISIBLES = {"\u200b": "<ZWSP>", "\ufeff": "<BOM>", "\u2028": "<LS>", "\u2029": "<PS>", "\u00ad": "<SHY>"}


def _hidden_format(o: int) -> bool:
    """Format characters that draw nothing and carry no meaning for Arabic or English text:
    word joiners and invisible operators, the deprecated shaping controls, interlinear
    annotation marks, the Mongolian vowel separator, and the "tag" characters (which can spell a
    hidden message after any visible text). Shown as <U+XXXX> like the C1 controls."""
    return (0x2060 <= o <= 0x2064 or 0x206A <= o <= 0x206F or 0xFFF9 <= o <= 0xFFFB or o == 0x180E
            or 0xE0000 <= o <= 0xE007F)
_RESHAPER = arabic_reshaper.ArabicReshaper(
    configuration={"delete_harakat": False, "support_ligatures": False, "delete_tatweel": False}
)


class BidiMode(str, Enum):
    auto = "auto"
    on = "on"
    off = "off"


def terminal_reorders_bidi(environ: Mapping[str, str] | None = None) -> bool:
    """Does this terminal apply the bidi algorithm itself? (Then we must not.)"""
    env = os.environ if environ is None else environ
    if env.get("VTE_VERSION") or env.get("KONSOLE_VERSION") or env.get("KONSOLE_DBUS_SESSION"):
        return True
    if env.get("TERM_PROGRAM", "").lower() in ("wezterm", "mintty"):
        return True
    return env.get("TERM", "").startswith("mintty")


def resolve_bidi(mode: BidiMode | str | None = None, environ: Mapping[str, str] | None = None) -> bool:
    """Should we reorder? `--bidi`, else WORKBENCH_BIDI, else auto-detection."""
    env = os.environ if environ is None else environ
    value = (mode.value if isinstance(mode, BidiMode) else mode) or env.get("WORKBENCH_BIDI") or "auto"
    value = value.strip().lower()
    if value in ("on", "1", "true", "yes"):
        return True
    if value in ("off", "0", "false", "no"):
        return False
    return not terminal_reorders_bidi(env)


def visible_char(ch: str) -> str:
    """What to show for one character: itself, or a visible stand-in for a control."""
    if ch in BIDI_CONTROLS:
        return BIDI_CONTROLS[ch]
    if ch in _INVISIBLES:
        return _INVISIBLES[ch]
    o = ord(ch)
    if o < 0x20 and ch not in "\n\t":
        return chr(0x2400 + o)  # ␀ … ␟ ; ESC shows as ␛
    if o == 0x7F:
        return "␡"
    if 0x80 <= o < 0xA0 or 0xD800 <= o <= 0xDFFF or _hidden_format(o):
        # C1 controls (0x9B is CSI to some terminals), a lone surrogate (from a JSON "\\ud800"
        # escape: it cannot even be written to a UTF-8 terminal), an invisible format character.
        return f"<U+{o:04X}>"
    if ch == "\t":
        return "    "
    return ch


def make_visible(text: str) -> str:
    """`text` with every control character shown, never obeyed."""
    if text.isprintable():
        return text
    return "".join(visible_char(ch) for ch in text)


_LINE_BREAKS = {"\n": "\u240a", "\r": "\u240d", "\t": "\u2409"}  # ␊ ␍ ␉


def safe_line(text: str) -> str:
    """`text` fit to print as (part of) one terminal line: every control character shown (line
    breaks and tabs too, so a file name holding a newline cannot forge a second line), bidi
    controls named. The one function every CLI output and error line goes through."""
    if text.isprintable():
        return text
    return "".join(_LINE_BREAKS.get(ch) or visible_char(ch) for ch in text)


# Characters JSON lets through raw (it escapes only U+0000-U+001F, the quote and the backslash)
# that a terminal would obey or hide: DEL and the C1 controls, bidi controls, invisible format
# characters, line and paragraph separators, lone surrogates (which cannot even be encoded).
_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
    "\ud800-\udfff\U000e0000-\U000e007f]"
)


def _json_escape(m: re.Match[str]) -> str:
    o = ord(m.group())
    if o > 0xFFFF:  # a surrogate pair, as JSON spells characters beyond the BMP
        o -= 0x10000
        return f"\\u{0xD800 + (o >> 10):04x}\\u{0xDC00 + (o & 0x3FF):04x}"
    return f"\\u{o:04x}"


def safe_json(obj: object, *, indent: int | None = None) -> str:
    """`obj` as JSON with Arabic readable (not \\u-escaped) but every character a terminal would
    obey or hide escaped: the same data for any JSON reader, nothing raw on a screen."""
    return _JSON_UNSAFE.sub(_json_escape, json.dumps(obj, ensure_ascii=False, indent=indent))


@dataclass(slots=True)
class Cell:
    """One displayed character and the offset of the stored character it stands for."""

    ch: str
    src: int


def visible_cells(text: str, offset: int = 0) -> list[Cell]:
    out: list[Cell] = []
    for i, ch in enumerate(text):
        shown = visible_char(ch)
        if len(shown) == 1:
            out.append(Cell(shown, offset + i))
        else:
            out.extend(Cell(c, offset + i) for c in shown)
    return out


def _cell_width(ch: str) -> int:
    if unicodedata.combining(ch) or ch in "\u200d\u200c":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _breaks(ch: str) -> bool:
    """A space a line may break at (a no-break space keeps a label with its figure)."""
    return ch.isspace() and ch != "\u00a0"


def wrap_cells(cells: Sequence[Cell], width: int) -> list[list[Cell]]:
    """Greedy word wrap in logical order; words longer than a line are cut."""
    width = max(4, width)
    lines: list[list[Cell]] = []
    line: list[Cell] = []
    used = 0
    i = 0
    n = len(cells)
    while i < n:
        j = i
        while j < n and not _breaks(cells[j].ch):
            j += 1
        word = cells[i:j]
        wlen = sum(_cell_width(c.ch) for c in word)
        if used and used + wlen > width:
            lines.append(line)
            line, used = [], 0
        while wlen > width:  # a 20,000-character "word"
            take, w = 0, 0
            while take < len(word) and w + _cell_width(word[take].ch) <= width:
                w += _cell_width(word[take].ch)
                take += 1
            lines.append(list(word[:take]))
            word = word[take:]
            wlen -= w
        line.extend(word)
        used += wlen
        k = j
        while k < n and _breaks(cells[k].ch):
            k += 1
        if k > j:
            # Spaces inside a line are kept as they are (the gaps our own words leave between a
            # name and what follows it, "Unchecked 12   Verified 3"); at a break they go.
            if used + (k - j) <= width:
                line.extend(cells[j:k])
                used += k - j
            else:
                lines.append(line)
                line, used = [], 0
        i = k
    if line or not lines:
        lines.append(line)
    return lines


def paragraph_is_rtl(text: str) -> bool:
    """The direction of a paragraph, from its first strong character (rule P2)."""
    for ch in text:
        t = unicodedata.bidirectional(ch)
        if t in ("R", "AL"):
            return True
        if t == "L":
            return False
    return False


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL", "AN") for ch in text)


def _isolate_of(src: int, isolates: Sequence[tuple[int, int]], starts: list[int]) -> int | None:
    k = bisect_right(starts, src) - 1
    return k if k >= 0 and src < isolates[k][1] else None


def reorder_cells(cells: Sequence[Cell], rtl: bool, isolates: Sequence[tuple[int, int]] | None = None,
                  directions: Sequence[bool] | None = None) -> list[Cell]:
    """One display line from logical to visual order, letters joined; combining marks stay after
    their base letter. `isolates` (sorted, non-overlapping ranges of source offsets) are pieces
    reordered on their own and then placed as one neutral object, as the Unicode isolates do: a
    source name cannot pull the digits or brackets our own words put after it into its run.
    `directions` says whether each isolate is right-to-left, as a whole (a first-strong isolate):
    the part of a wrapped Arabic note that opens with an English word, or of a link whose path is
    Arabic, keeps the direction of the whole piece; without it, each part on the line decides."""
    if not cells:
        return []
    text = "".join(c.ch for c in cells)
    if not _has_rtl(text):
        return list(cells)
    # Isolates first: each becomes one item, already in display order.
    items: list[Cell | list[Cell]] = []
    if isolates:
        starts = [s for s, _e in isolates]
        run: list[Cell] = []
        run_k: int | None = None
        for cell in cells:
            k = _isolate_of(cell.src, isolates, starts)
            if run and k != run_k:
                items.append(_isolated(run, run_k, directions))
                run = []
            if k is None:
                items.append(cell)
            else:
                run.append(cell)
            run_k = k
        if run:
            items.append(_isolated(run, run_k, directions))
    else:
        items = list(cells)
    plain = "".join(c.ch if isinstance(c, Cell) else "\ufffc" for c in items)
    shaped = _RESHAPER.reshape(plain)
    if len(shaped) != len(plain):  # never expected with ligatures off; stay safe
        shaped = plain
    # Cluster marks with their base, and the cells of a visible tag ("<RLO>") together, so that
    # reordering cannot separate them; a tag, like an isolate, takes part in the algorithm as
    # one neutral object.
    clusters: list[tuple[str, list[Cell]]] = []
    prev_src = -1
    for ch, item in zip(shaped, items, strict=True):
        if not isinstance(item, Cell):
            clusters.append(("\ufffc", item))
            prev_src = -1
            continue
        cell = item
        if clusters and (unicodedata.combining(ch) or cell.src == prev_src):
            base, group = clusters[-1]
            group.append(Cell(ch, cell.src))
            if cell.src == prev_src and not unicodedata.combining(ch):
                clusters[-1] = ("\ufffc", group)
        else:
            clusters.append((ch, [Cell(ch, cell.src)]))
        prev_src = cell.src
    storage = _bidi.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    _bidi.get_embedding_levels("".join(b for b, _ in clusters), storage)
    for i, ch in enumerate(storage["chars"]):
        ch["i"] = i
    _bidi.explicit_embed_and_overrides(storage)
    _bidi.resolve_weak_types(storage)
    _bidi.resolve_neutral_types(storage, False)
    _bidi.resolve_implicit_levels(storage, False)
    _bidi.reorder_resolved_levels(storage, False)
    _bidi.apply_mirroring(storage, False)
    out: list[Cell] = []
    for ch in storage["chars"]:
        base, group = clusters[ch["i"]]
        if base == "\ufffc":
            out.extend(group)
            continue
        out.append(Cell(ch["ch"], group[0].src))
        out.extend(group[1:])
    return out


def _isolated(run: list[Cell], k: int | None, directions: Sequence[bool] | None) -> list[Cell]:
    """The cells of one isolate on a line, in display order, in the direction of the whole piece."""
    rtl = directions[k] if directions is not None and k is not None else paragraph_is_rtl("".join(c.ch for c in run))
    return reorder_cells(run, rtl)


def isolate_directions(text: str, isolates: Sequence[tuple[int, int]]) -> list[bool]:
    """Whether each isolated piece of `text` reads right to left, from its own first strong letter."""
    return [paragraph_is_rtl(text[s:e]) for s, e in isolates]


def display_lines(text: str, width: int, bidi: bool, offset: int = 0,
                  isolates: Sequence[tuple[int, int]] | None = None) -> list[tuple[list[Cell], bool]]:
    """Lines ready to draw: each a list of cells in display order, and whether it is right-to-left
    (to be right-aligned). Paragraphs are the text's own lines. `isolates` (offsets into `text`)
    are pieces shown on their own: see `reorder_cells`; a paragraph takes its direction from the
    words around them (from the pieces only when there are no others)."""
    out: list[tuple[list[Cell], bool]] = []
    pos = 0
    spans = [(s + offset, e + offset) for s, e in isolates] if isolates else None
    directions = isolate_directions(text, isolates) if isolates else None
    for para in text.split("\n"):
        rtl = _direction(para, pos, isolates) if isolates else paragraph_is_rtl(para)
        cells = visible_cells(para, offset + pos)
        for line in wrap_cells(cells, width):
            while line and line[-1].ch.isspace():
                line = line[:-1]
            out.append((reorder_cells(line, rtl, spans, directions) if bidi else line, rtl))
        pos += len(para) + 1
    return out


def _direction(para: str, pos: int, isolates: Sequence[tuple[int, int]]) -> bool:
    """Rule P2 with isolates skipped; when only isolated pieces hold strong letters, theirs."""
    own = "".join(ch for i, ch in enumerate(para, pos) if not any(s <= i < e for s, e in isolates))
    for ch in own:
        t = unicodedata.bidirectional(ch)
        if t in ("R", "AL", "L"):
            return t != "L"
    return paragraph_is_rtl(para)


def display_line(text: str, width: int, bidi: bool) -> str:
    """A one-line preview of `text` (for lists): visible, cut to `width`, in display order."""
    flat = make_visible(" ".join(text.split()))
    if len(flat) > width:
        flat = flat[: max(1, width - 1)] + "…"
    if not bidi:
        return flat
    cells = reorder_cells(visible_cells(flat), paragraph_is_rtl(flat))
    return "".join(c.ch for c in cells)


# ------------------------------------------------------------------ lines composed of parts


class Data(str):
    """Text from an article, a user or the database inside a line our own words compose. It is
    shown isolated (see `reorder_cells`), on one line, with its controls made visible; plain `str`
    parts are our own words. ``display_parts(["Claim #12 is attributed to ", Data(name), "."])``"""


def compose(parts: Iterable[str]) -> tuple[str, list[tuple[int, int]]]:
    """The parts joined, with the offsets of the `Data` among them. Data is put on one line."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for part in parts:
        piece = " ".join(part.split()) if isinstance(part, Data) else part
        if isinstance(part, Data) and piece:
            spans.append((pos, pos + len(piece)))
        out.append(piece)
        pos += len(piece)
    return "".join(out), spans


def display_parts(parts: Iterable[str], width: int, bidi: bool) -> str:
    """One line made of our words and pieces of `Data`: visible, cut to `width` cells (the cut
    marked with "…"), in display order, each piece of data isolated."""
    text, spans = compose(parts)
    text = text.replace("\n", " ")
    directions = isolate_directions(text, spans)
    cells = visible_cells(text)
    if len(cells) > width:
        cells = cells[: max(0, width - 1)]
        end = cells[-1].src + 1 if cells else 0
        cells.append(Cell("…", end))
        # The mark belongs to the piece it cuts, so it shows at that piece's end (left, in Arabic).
        kept = [i for i, (s, _e) in enumerate(spans) if s < end]
        spans = [(s, e + 1) if s < end <= e else (s, e) for s, e in (spans[i] for i in kept)]
        directions = [directions[i] for i in kept]
    if not bidi:
        return "".join(c.ch for c in cells)
    rtl = _direction(text, 0, spans) if spans else paragraph_is_rtl(text)
    return "".join(c.ch for c in reorder_cells(cells, rtl, spans, directions))


def display_block(parts: Iterable[str], width: int, bidi: bool) -> list[str]:
    """Parts wrapped to `width`, each line in display order; right-to-left lines right-aligned
    when we reorder (a terminal that does bidi itself aligns them its own way)."""
    text, spans = compose(parts)
    lines = []
    for cells, rtl in display_lines(text, width, bidi, isolates=spans):
        line = "".join(c.ch for c in cells)
        lines.append(line.rjust(width) if rtl and bidi else line)
    return lines
