"""Perceptual fingerprints that survive what social media does to a photo.

For a known image we keep:
- ``ph``: pHash (64 bits) of the whole picture;
- ``ph_trim``: pHash after cutting frames away — uniform borders and margins, caption bars, the
  status bar and buttons of a screenshot, found as full-width straight edges and flat bands;
- ``ph_center``: pHash of the central 80 % of the trimmed picture, which a crop of up to 12 %
  on any side still contains;
- ``pdq`` (256 bits, with its quality score) and ``dh`` (dHash) as second opinions;
- ``thumb``: a 64×64 grey thumbnail of the trimmed picture, for the final check;
- ``features``: up to 128 ORB keypoints of the trimmed picture (see `workbench.images.features`),
  for finding it inside another picture or under a strong geometric change.

A picture of nearly one flat colour carries nothing to recognise: two blank images share a hash
without sharing anything else. `detail` measures what is left once a flat colour and an even
gradient are taken away, and below `FLAT_DETAIL` an image is never a match, as query or as known.

A query is hashed the same way, plus its mirror image, centre crops at several sizes and windows
held against each side and corner (a photo cut on one side, or at a corner). Stage one
compares 64-bit hashes with a vectorised popcount over the whole bank; stage two checks the few
candidates by normalised correlation of thumbnails over a small search of scales and offsets,
which is what makes crops, rotations of a few degrees and caption bars safe to call.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import cv2
import numpy as np
from PIL import Image, ImageOps

from workbench.images.features import known_features
from workbench.images.features import pack as pack_features

THUMB = 64
CENTER = 0.80
QUERY_CENTERS = (0.80, 0.72, 0.88)
# A crop from one side moves every centred window of the query off the known photo's centre (the
# central CENTER of each side, `ph_center`); a window held against the cut side lands back on it.
# With a cut of c (10-25 %) of the width on the left, the known centre spans (0.1 - c)/(1 - c) ≤ 0
# to (0.9 - c)/(1 - c) = 0.87-0.89 of the query's width: a window over the 88 % of the query next
# to the cut, and the central 80 % across. A corner cut (two adjacent sides) the same on both axes.
ANCHORED = 0.88
_M = (1 - CENTER) / 2
_A = ANCHORED
ANCHORED_WINDOWS = (
    (0.0, _M, _A, 1 - _M), (1 - _A, _M, 1.0, 1 - _M), (_M, 0.0, 1 - _M, _A), (_M, 1 - _A, 1 - _M, 1.0),  # a side
    (0.0, 0.0, _A, _A), (1 - _A, 0.0, 1.0, _A), (0.0, 1 - _A, _A, 1.0), (1 - _A, 1 - _A, 1.0, 1.0),  # a corner
)
_GRAY_WORK = 256
_TRIM_WORK = 160

try:
    import pdqhash

    PDQ = True
except Exception:  # pragma: no cover - optional
    PDQ = False


FLAT_DETAIL = 4.0  # grey levels (of 255); the least detailed photograph we test is above 11
FLAT_REASON = "nearly one flat colour: too little detail to identify"


def detail(thumb: np.ndarray) -> float:
    """Standard deviation of a thumbnail once its best-fitting plane (a flat colour or an even
    gradient) is taken away: how much there is to recognise. (On a full grid the x and y ramps
    are orthogonal, so the least-squares plane comes from three means.)"""
    t = thumb.astype(np.float64)
    h, w = t.shape
    t = t - t.mean()
    x = np.arange(w) - (w - 1) / 2
    y = np.arange(h) - (h - 1) / 2
    bx = float((t.mean(axis=0) @ x) / max(float(x @ x), 1e-9))
    by = float((t.mean(axis=1) @ y) / max(float(y @ y), 1e-9))
    residual = t - bx * x[None, :] - by * y[:, None]
    return float(residual.std())


def is_flat(thumb: np.ndarray) -> bool:
    return detail(thumb) < FLAT_DETAIL


def _bits_to_int(bits: np.ndarray) -> int:
    return int.from_bytes(np.packbits(bits.astype(bool).ravel()).tobytes(), "big")


_HASH_WORK = 128  # every hash looks at 32×32 pixels or fewer: shrink once, with a box filter
_N = 32
# The DCT-II matrix: pHash is the sign of the 8×8 lowest frequencies against their median, and the
# median test does not care about the scale, so this gives imagehash.phash's bits, in microseconds.
_DCT = np.cos(np.pi * (2 * np.arange(_N)[None, :] + 1) * np.arange(_N)[:, None] / (2 * _N))


def _gray(img: Image.Image) -> Image.Image:
    """The picture in 8-bit grey: itself when it already is (`convert` would copy it)."""
    return img if img.mode == "L" else img.convert("L")


def _small(img: Image.Image) -> Image.Image:
    img = _gray(img)
    if max(img.size) <= _HASH_WORK:
        return img
    out = img.copy()
    out.thumbnail((_HASH_WORK, _HASH_WORK), Image.Resampling.BOX)
    return out


def phash(img: Image.Image) -> int:
    pixels = np.asarray(_small(img).resize((_N, _N), Image.Resampling.LANCZOS), dtype=np.float64)
    low = (_DCT @ pixels @ _DCT.T)[:8, :8]
    return _bits_to_int(low > np.median(low))


def dhash(img: Image.Image) -> int:
    pixels = np.asarray(_small(img).resize((9, 8), Image.Resampling.LANCZOS), dtype=np.int16)
    return _bits_to_int(pixels[:, 1:] > pixels[:, :-1])


def to_signed(v: int) -> int:
    """A 64-bit hash as a signed integer (what SQL BIGINT columns hold)."""
    return v - (1 << 64) if v >= (1 << 63) else v


def to_unsigned(v: int) -> int:
    return v + (1 << 64) if v < 0 else v


# ------------------------------------------------------------------ trimming


def _bands(edge_rows: list[int], length: int) -> list[tuple[int, int]]:
    cuts = sorted({0, length, *edge_rows})
    return [(a, b) for a, b in pairwise(cuts) if b - a > 0]


def _axis_trim(gray: np.ndarray) -> tuple[int, int]:
    """Rows [a, b) holding the photo: drop bars found as full-width edges, then flat margins."""
    h = gray.shape[0]
    g = gray.astype(np.int16)
    diff = np.abs(g[1:] - g[:-1])
    strong = (diff > 18).mean(axis=1)
    edges = [int(i) + 1 for i in np.nonzero(strong > 0.72)[0] if h * 0.03 < i + 1 < h * 0.97]
    # Keep only edges in the outer 40 % on each side: bars live at the edges of a frame.
    edges = [e for e in edges if e < h * 0.4 or e > h * 0.6]
    best = (0, h)
    if edges:
        texture = g.std(axis=1)
        scored = []
        for a, b in _bands(edges, h):
            if b - a < h * 0.25:
                continue
            scored.append(((b - a) * float(np.median(texture[a:b]) > 6), a, b))
        if scored:
            _, a, b = max(scored)
            best = (a, b)
    a, b = best
    # Flat margins: rows of a single colour (a border, a margin, an empty bar).
    flat = g[a:b].std(axis=1) <= 4.0
    while a < b - 8 and flat[0]:
        flat = flat[1:]
        a += 1
    while b > a + 8 and flat[-1]:
        flat = flat[:-1]
        b -= 1
    return a, b


def trim_frame(img: Image.Image) -> tuple[Image.Image, bool]:
    """The photo without its frame, caption bars or screenshot chrome; and whether anything went."""
    box = trim_box(img)
    return (img, False) if box is None else (img.crop(box), True)


def trim_box(img: Image.Image) -> tuple[int, int, int, int] | None:
    """Where the photo lies inside its frame (left, top, right, bottom), or None: no frame."""
    w, h = img.size
    small = _gray(img)
    if max(small.size) > _TRIM_WORK:
        small = small.copy()
        small.thumbnail((_TRIM_WORK, _TRIM_WORK), Image.Resampling.BOX)
    g = np.asarray(small)
    sy = h / g.shape[0]
    sx = w / g.shape[1]
    top, bottom = _axis_trim(g)
    left, right = _axis_trim(g[top:bottom].T)
    box = (int(left * sx), int(top * sy), int(right * sx), int(bottom * sy))
    if box == (0, 0, w, h) or (box[2] - box[0]) < w * 0.3 or (box[3] - box[1]) < h * 0.3:
        return None
    if (box[2] - box[0]) * (box[3] - box[1]) > 0.985 * w * h:
        return None
    return box


def window(img: Image.Image, box: tuple[float, float, float, float]) -> Image.Image:
    """The part of `img` between fractions (left, top, right, bottom) of its sides."""
    w, h = img.size
    x0, y0, x1, y1 = box
    return img.crop((round(w * x0), round(h * y0), max(round(w * x1), round(w * x0) + 1),
                     max(round(h * y1), round(h * y0) + 1)))


def center_crop(img: Image.Image, frac: float) -> Image.Image:
    w, h = img.size
    cw, ch = max(8, int(w * frac)), max(8, int(h * frac))
    left, top = (w - cw) // 2, (h - ch) // 2
    return img.crop((left, top, left + cw, top + ch))


def thumbnail(img: Image.Image) -> np.ndarray:
    return np.asarray(_gray(img).resize((THUMB, THUMB), Image.Resampling.BILINEAR), dtype=np.uint8)


# ------------------------------------------------------------------ fingerprints


@dataclass(slots=True)
class Fingerprint:
    ph: int
    ph_trim: int
    ph_center: int
    dh: int
    pdq: bytes | None
    pdq_quality: int
    thumb: bytes
    trimmed: bool
    features: bytes = b""


def fingerprint(img: Image.Image) -> Fingerprint:
    """What the bank keeps of a known image (`img`: the greyscale working copy)."""
    img = _gray(img)  # what load_image hands on already is
    small = _small(img)
    box = trim_box(small)  # found on the small copy, as the hashes always were
    did = box is not None
    trimmed = small.crop(box) if box is not None else small
    if box is not None and small.size != img.size:  # the same frame on the working copy
        kx, ky = img.width / small.width, img.height / small.height
        full_trimmed = img.crop((round(box[0] * kx), round(box[1] * ky), round(box[2] * kx), round(box[3] * ky)))
    else:
        full_trimmed = img.crop(box) if box is not None else img
    feats = known_features(np.asarray(full_trimmed))
    img = small
    ph_full = phash(img)
    ph_trim = phash(trimmed) if did else ph_full
    pdq, quality = _pdq(trimmed)
    return Fingerprint(
        ph=ph_full,
        ph_trim=ph_trim,
        ph_center=phash(center_crop(trimmed, CENTER)),
        dh=dhash(trimmed),
        pdq=pdq,
        pdq_quality=quality,
        thumb=thumbnail(trimmed).tobytes(),
        trimmed=did,
        features=pack_features(feats),
    )


def _pdq(img: Image.Image) -> tuple[bytes | None, int]:
    if not PDQ:
        return None, 0
    if max(img.size) > 128:
        img = img.copy()
        img.thumbnail((128, 128), Image.Resampling.BOX)
    if img.mode == "L":  # the grey as three channels, as convert("RGB") would make it (a view: no copy)
        grey = np.asarray(img)
        arr = np.broadcast_to(grey[:, :, None], (*grey.shape, 3))
    else:
        arr = np.asarray(img.convert("RGB"))
    bits, quality = pdqhash.compute(arr)
    return np.packbits(bits.astype(np.uint8)).tobytes(), int(quality)


@dataclass(slots=True)
class QueryHashes:
    primary: list[int]  # compared with the bank's ph and ph_trim
    center: list[int]  # compared with the bank's ph_center: centred windows, then ANCHORED_WINDOWS
    thumbs: list[np.ndarray]  # the trimmed query and its mirror, for the final check
    trimmed: bool


def query_hashes(img: Image.Image) -> QueryHashes:
    img = _small(img)
    trimmed, did = trim_frame(img)
    mirror = ImageOps.mirror(trimmed)
    primary = [phash(img), phash(trimmed), phash(mirror)] if did else [phash(img), phash(mirror)]
    center = [phash(center_crop(trimmed, frac)) for frac in QUERY_CENTERS]
    center.append(phash(center_crop(mirror, CENTER)))
    center.extend(phash(window(trimmed, box)) for box in ANCHORED_WINDOWS)
    return QueryHashes(primary, center, [thumbnail(trimmed), thumbnail(mirror)], did)


# ------------------------------------------------------------------ the final check


def _z(a: np.ndarray) -> np.ndarray:
    a = a.astype(np.float32)
    a -= a.mean()
    n = float(np.linalg.norm(a))
    return a / n if n > 1e-6 else a


_FRACS = (1.0, 0.96, 0.92, 0.88, 0.84, 0.80, 0.76)
_SIDE = 32


def _region_plan() -> tuple[list[tuple[tuple[int, int], list[tuple[int, int]]]], int]:
    plan = []
    for fx in _FRACS:
        for fy in _FRACS:
            w, h = int(THUMB * fx), int(THUMB * fy)
            big_w, big_h = round(THUMB * _SIDE / w), round(THUMB * _SIDE / h)
            xs = sorted({0, (big_w - _SIDE) // 2, big_w - _SIDE})
            ys = sorted({0, (big_h - _SIDE) // 2, big_h - _SIDE})
            plan.append(((big_w, big_h), [(y, x) for y in ys for x in xs]))
    return plan, sum(len(offsets) for _, offsets in plan)


_REGION_PLAN, _N_REGIONS = _region_plan()


def _region_operators() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Resizing by area is linear and separable: a resized thumbnail is B @ X @ A, B and A being
    the resize of an identity matrix. Every region of the plan is then one block of
    ROWS @ X @ COLS, ROWS stacking the 32 rows of B each region starts at (for every height) and
    COLS the 32 columns of A; the block of region k is (row block YI[k], column block XI[k])."""
    eye = np.eye(THUMB, dtype=np.float32)
    rows: dict[tuple[int, int], np.ndarray] = {}
    cols: dict[tuple[int, int], np.ndarray] = {}
    yi, xi = [], []
    for (big_w, big_h), offsets in _REGION_PLAN:
        a = cv2.resize(eye, (big_w, THUMB), interpolation=cv2.INTER_AREA)
        b = cv2.resize(eye, (THUMB, big_h), interpolation=cv2.INTER_AREA)
        for y, x in offsets:
            rows.setdefault((big_h, y), b[y:y + _SIDE])
            cols.setdefault((big_w, x), a[:, x:x + _SIDE])
            yi.append(list(rows).index((big_h, y)))
            xi.append(list(cols).index((big_w, x)))
    return (np.ascontiguousarray(np.concatenate(list(rows.values()))),
            np.ascontiguousarray(np.concatenate(list(cols.values()), axis=1)), np.array(yi), np.array(xi))


_ROWS, _COLS, _YI, _XI = _region_operators()


def _regions(img: Image.Image) -> np.ndarray:
    """Every sub-region of a thumbnail that a crop of up to 24 % of a side (in any direction)
    could have left, each resized to 32×32 and normalised: shape (n, 32*32). All of them come
    out of two matrix products (`_region_operators`; the same numbers as 49 resizes and 361
    cuts, in a third less time)."""
    pixels = np.asarray(img, dtype=np.float32)
    blocks = ((_ROWS @ pixels) @ _COLS).reshape(_ROWS.shape[0] // _SIDE, _SIDE, _COLS.shape[1] // _SIDE, _SIDE)
    regions = blocks[_YI, :, _XI, :].reshape(_N_REGIONS, _SIDE * _SIDE)
    regions -= regions.mean(axis=1, keepdims=True)
    norms = np.sqrt(np.einsum("ij,ij->i", regions, regions))[:, None]
    regions /= np.where(norms > 1e-6, norms, 1.0)
    return regions


def _rotations(img: Image.Image) -> np.ndarray:
    """The central part of the thumbnail, straightened by a few degrees either way."""
    out = []
    for deg in (-5, -4, -3, -2, 2, 3, 4, 5):
        rot = img.rotate(deg, resample=Image.Resampling.BILINEAR)
        out.append(_z(np.asarray(center_crop(rot, 0.8).resize((_SIDE, _SIDE), Image.Resampling.BILINEAR))).ravel())
    return np.stack(out)


def _flat(img: Image.Image, frac: float = 1.0) -> np.ndarray:
    im = center_crop(img, frac) if frac < 1.0 else img
    return _z(np.asarray(im.resize((_SIDE, _SIDE), Image.Resampling.BILINEAR))).ravel()


class Prepared:
    """A thumbnail ready for comparison; the expensive views are made once, on first use."""

    __slots__ = ("_regions", "_rotations", "center", "flat", "img")

    def __init__(self, thumb: np.ndarray) -> None:
        self.img = Image.fromarray(thumb)
        self.flat = _flat(self.img)
        self.center = _flat(self.img, 0.8)
        self._regions: np.ndarray | None = None
        self._rotations: np.ndarray | None = None

    @property
    def regions(self) -> np.ndarray:
        if self._regions is None:
            self._regions = _regions(self.img)
        return self._regions

    @property
    def rotations(self) -> np.ndarray:
        if self._rotations is None:
            self._rotations = _rotations(self.img)
        return self._rotations


def best_correlation(query: np.ndarray | Prepared, known: np.ndarray | Prepared) -> float:
    """Highest normalised correlation between the query and the known thumbnail: the query as a
    crop of the known picture (any side, up to 24 %), the known picture as a crop of the query
    (a frame the trim missed), and the query turned by a few degrees."""
    q = query if isinstance(query, Prepared) else Prepared(query)
    k = known if isinstance(known, Prepared) else Prepared(known)
    best = float(q.flat @ k.flat)
    if best >= 0.97:
        return best
    best = max(best, float((k.regions @ q.flat).max()))
    if best >= 0.95:
        return best
    best = max(best, float((q.regions @ k.flat).max()))
    if best < 0.9:
        best = max(best, float((q.rotations @ k.center).max()))
    return best


class PreparedSet:
    """Several query thumbnails (every view of a composite, each with its mirror image) compared
    with one known thumbnail at a time in a few matrix products, with the same result as
    `best_correlation` for each."""

    def __init__(self, thumbs: list[Prepared]) -> None:
        self.items = thumbs
        self.flat = np.stack([t.flat for t in thumbs]) if thumbs else np.zeros((0, _SIDE * _SIDE), np.float32)
        self._regions: np.ndarray | None = None
        self._rotations: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.items)

    @property
    def regions(self) -> np.ndarray:  # (n, regions, 32*32)
        if self._regions is None:
            self._regions = np.stack([t.regions for t in self.items])
        return self._regions

    @property
    def rotations(self) -> np.ndarray:  # (n, 8, 32*32)
        if self._rotations is None:
            self._rotations = np.stack([t.rotations for t in self.items])
        return self._rotations

    def correlations(self, knowns: list[Prepared]) -> np.ndarray:
        """`best_correlation(self.items[t], knowns[j])` at [t, j], for every pair: the query's
        regions are read once for all the known thumbnails, not once for each."""
        if not knowns or not self.items:
            return np.zeros((len(self.items), len(knowns)))
        flats = np.stack([k.flat for k in knowns])
        best = (self.flat @ flats.T).astype(np.float64)
        more = best < 0.97
        if more.any():
            found = np.full(best.shape, -1.0)
            for j in np.flatnonzero(more.any(axis=0)):
                found[:, j] = (knowns[j].regions @ self.flat.T).max(axis=0)
            best = np.where(more, np.maximum(best, found), best)
        more &= best < 0.95
        if more.any():
            best = np.where(more, np.maximum(best, (self.regions @ flats.T).max(axis=1)), best)
        more &= best < 0.9
        if more.any():
            centers = np.stack([k.center for k in knowns])
            best = np.where(more, np.maximum(best, (self.rotations @ centers.T).max(axis=1)), best)
        return best
