"""Composites: a collage of photos, or two photos set side by side ("then and now").

The hashes of a composite describe none of its photos, so a known photo that is one tile of a
2×2 collage is missed by them however well it was kept. A composite is cut into its panels where a
straight seam crosses the whole picture: a gutter (a band of one colour between tiles) or a line
where two photos abut (a jump in brightness along nearly the whole line, far stronger than the
columns beside it). Each panel is then matched as a picture of its own. Cutting a plain photo by
mistake (a horizon can look like a seam) costs a little time, never a false match: every panel
goes through the same checks, and the whole picture is always matched too.
"""

from __future__ import annotations

import numpy as np

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels, end exclusive

MIN_PANEL = 0.2  # a panel spans at least this share of the picture it is cut from
_GUTTER_STD = 2.0  # a gutter line is one colour (a dim, low-contrast photo has columns near 3)
_JUMP_RATIO = 3.0  # a seam's brightness jump against its neighbours'
_JUMP_MIN = 10.0  # ... and in grey levels
_JUMP_ROWS = 0.6  # ... along at least this share of the line


def _seams(g: np.ndarray) -> list[tuple[int, int]]:
    """Vertical seams of a grey picture, as column ranges [a, b) to cut away (empty for a jump)."""
    h, w = g.shape
    if w < 40 or h < 24:
        return []
    lo, hi = int(w * MIN_PANEL), int(w * (1 - MIN_PANEL))
    found: list[tuple[float, int, int]] = []
    # Gutters: runs of columns of one colour.
    col_std = g.std(axis=0)
    flat = col_std <= min(_GUTTER_STD, 0.3 * float(np.median(col_std)))
    x = lo
    while x < hi:
        if flat[x]:
            a = x
            while x < w and flat[x]:
                x += 1
            found.append((1e9, a, x))
        x += 1
    # Abutting photos: a jump between two columns far above what the neighbouring columns show.
    diff = np.abs(g[:, 1:] - g[:, :-1])  # diff[:, i] is between column i and i+1
    strength = diff.mean(axis=0)
    share = (diff > 8).mean(axis=0)
    # The columns' typical jump: the median of the 7 before and the 7 after (the seam itself and
    # its immediate neighbours left out, since a resized seam spreads over two columns).
    padded = np.pad(strength, 8, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, 17)[: strength.size]
    base = np.median(np.concatenate([windows[:, :7], windows[:, 10:]], axis=1), axis=1)
    ok = (strength >= _JUMP_MIN) & (strength >= _JUMP_RATIO * np.maximum(base, 2.0)) & (share >= _JUMP_ROWS)
    for i in np.flatnonzero(ok):
        if max(lo - 1, 3) <= i < min(hi, w - 4):
            found.append((float(strength[i]), int(i) + 1, int(i) + 1))
    # Strongest first, none within a panel's width of another.
    chosen: list[tuple[int, int]] = []
    for _, a, b in sorted(found, reverse=True):
        if all(b <= ca - w * MIN_PANEL or a >= cb + w * MIN_PANEL for ca, cb in chosen):
            chosen.append((a, b))
    return sorted(chosen)


def _split(g: np.ndarray, box: Box, axis: int, depth: int) -> list[Box]:
    x0, y0, x1, y1 = box
    part = g[y0:y1, x0:x1]
    cuts = _seams(part if axis == 0 else part.T)
    if not cuts:
        pieces = [box]
    else:
        pieces = []
        start = 0
        length = (x1 - x0) if axis == 0 else (y1 - y0)
        for a, b in [*cuts, (length, length)]:
            if a - start >= 8:
                pieces.append((x0 + start, y0, x0 + a, y1) if axis == 0 else (x0, y0 + start, x1, y0 + a))
            start = b
    if depth <= 1:
        return pieces
    out: list[Box] = []
    for p in pieces:
        out.extend(_split(g, p, 1 - axis, depth - 1))
    return out


def split_panels(gray: np.ndarray) -> list[Box]:
    """The panels of a composite (left to right, top to bottom), or [] for a single picture."""
    g = gray.astype(np.float32)
    h, w = g.shape
    best: list[Box] = []
    for first in (0, 1):  # columns then rows, and rows then columns: a grid either way
        boxes = _split(g, (0, 0, w, h), first, 2)
        boxes = [b for b in boxes if (b[2] - b[0]) >= 16 and (b[3] - b[1]) >= 16]
        if len(boxes) > len(best):
            best = boxes
    if len(best) < 2:
        return []
    band = max(1, h // 8)  # a row of tiles whose tops differ by a few pixels is one row
    return sorted(best, key=lambda b: (b[1] // band, b[0]))
