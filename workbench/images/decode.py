"""Opening photos safely and cheaply.

- Decompression bombs are refused by Pillow's pixel limit (a clear error, never an out-of-memory).
- The memory a decode may take is bounded by pixels × the bytes Pillow keeps for each (a 16-bit
  PNG of 10,950² pixels is 0.26 MB on disk and 240 MB decoded): over MAX_DECODE_BYTES it is
  refused; over BIG_DECODE_BYTES it is shrunk right after decoding, before any conversion makes
  copies of it, and worker processes take turns for such decodes (`share_decode_lock`), so two
  of them never hold two at once.
- JPEGs are decoded at reduced scale with `draft` (1/2, 1/4, 1/8 in the decoder itself): hashing
  needs at most a few hundred pixels a side, so a 12-MP camera photo costs a fraction of a full
  decode.
- Every mode comes out as an 8-bit greyscale working copy (every hash we keep is about luminance):
  16-bit and 32-bit greyscale are rescaled, CMYK converted, palettes expanded, transparency
  composited on white, animations reduced to their first frame; the EXIF orientation is applied.
- JPEG pixels are decoded with simplejpeg (libjpeg-turbo) straight to greyscale at 1/8 scale when
  it is installed: the entropy decoding that remains is most of the cost.
- HEIC/HEIF/AVIF are read with pillow-heif when it is installed.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from workbench.errors import InputError
from workbench.files import read_regular

MAX_PIXELS = 120_000_000  # well above any camera; far below what would exhaust memory
MAX_FILE_BYTES = 256 * 1024 * 1024  # a photo file; the largest camera TIFFs stay below
MAX_DECODE_BYTES = 512 * 1024 * 1024  # a 120-megapixel RGBA picture fits; nothing bigger is decoded
BIG_DECODE_BYTES = 64 * 1024 * 1024  # above this, shrunk at once, one such decode at a time
WORK_SIZE = 256  # the longest side we ever need for hashing and thumbnails
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

try:  # HEIC from phones
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIF = True
except Exception:  # pragma: no cover - optional
    HEIF = False

try:
    import simplejpeg

    SIMPLEJPEG = True
except Exception:  # pragma: no cover - optional
    SIMPLEJPEG = False

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".heic", ".heif", ".avif"}


@dataclass(slots=True)
class ImageFacts:
    """What a file says about itself."""

    sha256: str
    size_bytes: int
    width: int
    height: int
    format: str
    exif_date: str | None = None
    camera: str | None = None
    gps: tuple[float, float] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _exif_facts(img: Image.Image) -> tuple[str | None, str | None, tuple[float, float] | None]:
    try:
        exif = img.getexif()
    except Exception:
        return None, None, None
    if not exif:
        return None, None, None
    tags = {ExifTags.TAGS.get(k, k): v for k, v in exif.items()}
    try:
        sub = exif.get_ifd(ExifTags.IFD.Exif)
        tags.update({ExifTags.TAGS.get(k, k): v for k, v in sub.items()})
    except Exception:
        pass
    date = tags.get("DateTimeOriginal") or tags.get("DateTime")
    date_s = None
    if isinstance(date, str):
        try:
            date_s = datetime.strptime(date.strip("\x00 "), "%Y:%m:%d %H:%M:%S").isoformat()
        except ValueError:
            date_s = date.strip("\x00 ")[:32] or None
    make, model = str(tags.get("Make", "")).strip("\x00 "), str(tags.get("Model", "")).strip("\x00 ")
    camera = " ".join(p for p in (make, model) if p and p not in model.split()[:1]) or model or make or None
    gps = None
    try:
        g = exif.get_ifd(ExifTags.IFD.GPSInfo)
        if g and 2 in g and 4 in g:
            lat = _dms(g[2]) * (-1 if g.get(1) in ("S", b"S") else 1)
            lon = _dms(g[4]) * (-1 if g.get(3) in ("W", b"W") else 1)
            gps = (round(lat, 6), round(lon, 6))
    except Exception:
        gps = None
    return date_s, camera, gps


def _dms(v: Any) -> float:
    d, m, s = (float(x) for x in v)
    return d + m / 60 + s / 3600


def _describe_error(name: str, data_len: int, exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, Image.DecompressionBombError | Image.DecompressionBombWarning):
        return f"{name}: refused: too many pixels for a photo ({text.split('(')[0].strip()})"
    if "truncated" in text.lower():
        return f"{name}: truncated image ({data_len:,} bytes read; the file ends early)"
    if isinstance(exc, UnidentifiedImageError):
        suffix = Path(name).suffix.lower()
        if suffix in (".heic", ".heif", ".avif") and not HEIF:
            return f"{name}: HEIC/AVIF needs pillow-heif (pip install pillow-heif)"
        return f"{name}: not an image Pillow can read"
    return f"{name}: unreadable image ({text.splitlines()[0] if text else type(exc).__name__})"


# Pillow keeps every mode in 32 bits a pixel but these (RGB too: as RGBX).
_BYTES_PER_PIXEL = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16B": 2, "I;16L": 2, "I;16N": 2}


def decode_size(mode: str, size: tuple[int, int]) -> int:
    """The bytes Pillow needs to hold a decoded picture of `mode` and `size`."""
    return size[0] * size[1] * _BYTES_PER_PIXEL.get(mode, 4)


_BIG_LOCK: Any = None  # a multiprocessing lock shared by the workers hashing a batch


def share_decode_lock(lock: Any) -> None:
    """In each worker process of a batch: the lock that lets one big decode run at a time."""
    global _BIG_LOCK
    _BIG_LOCK = lock


def _shrink_early(img: Image.Image, side: int) -> Image.Image:
    """A big decoded picture brought down to about `side` pixels a side at once, without a
    full-size copy: `reduce` (a box average) where Pillow does it in place; RGBA and LA by nearest
    pixel (Pillow would first make a premultiplied full-size copy); 16-bit and palette by resize."""
    w, h = img.size
    factor = max(w, h) // side
    if factor < 2:
        return img
    size = (max(1, -(-w // factor)), max(1, -(-h // factor)))
    if img.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        return img.resize(size, Image.Resampling.NEAREST)
    try:
        return img.reduce(factor)
    except ValueError:  # modes reduce does not take (16-bit, palette, 1-bit)
        return img.resize(size, Image.Resampling.BOX)


def load_image(path: str | Path, data: bytes | None = None, work_size: int = WORK_SIZE) -> tuple[Image.Image, ImageFacts]:
    """An 8-bit greyscale working copy (longest side ≤ work_size) and the file's facts.

    Raises InputError with one line naming the problem."""
    name = str(path)
    if data is None:
        data = read_regular(path, MAX_FILE_BYTES, name)  # never a pipe or a device; size checked first
    if not data:
        raise InputError(f"{name}: empty file")
    import io

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data))
            width, height = opened.size
            if width * height > MAX_PIXELS:
                raise Image.DecompressionBombError(f"{width}x{height} pixels")
            fmt = opened.format or "?"
            k = min(1.0, work_size / max(width, height))
            want = (max(1, int(width * k)), max(1, int(height * k)))
            img: Image.Image | None = None
            if fmt == "JPEG":
                facts_ = _facts_of(opened)  # from the JPEG's header: nothing decoded
                if SIMPLEJPEG:
                    img = _simplejpeg_gray(data, want)
            if img is None:
                if fmt == "JPEG" and k < 1.0:
                    # Decode at 1/2, 1/4 or 1/8 scale: just enough pixels for the longest side.
                    opened.draft("L", want)
                if getattr(opened, "is_animated", False):
                    opened.seek(0)
                decoded, found = _decode_bounded(opened, name, 4 * work_size)
                if fmt != "JPEG":
                    facts_ = found
                img = _to_gray(decoded)
            date, camera, gps, orientation = facts_
            if orientation not in (None, 1):
                img = ImageOps.exif_transpose(img) or img
    except InputError:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning,
            UnidentifiedImageError, EOFError) as exc:
        raise InputError(_describe_error(name, len(data), exc)) from exc
    if max(img.size) > work_size:
        img.thumbnail((work_size, work_size), Image.Resampling.BOX, reducing_gap=2.0)
    facts = ImageFacts(hashlib.sha256(data).hexdigest(), len(data), width, height, fmt, date, camera, gps)
    return img, facts


_Facts = tuple[str | None, str | None, tuple[float, float] | None, Any]  # date, camera, GPS, orientation


def _facts_of(img: Image.Image) -> _Facts:
    """What the file's EXIF says. For most formats Pillow decodes the whole picture to find it
    (a PNG's eXIf chunk may follow its pixels): so only once the picture is decoded, within
    the memory budget (JPEG excepted: its EXIF is in the header)."""
    date, camera, gps = _exif_facts(img)
    try:
        orientation = img.getexif().get(0x0112)
    except Exception:
        orientation = None
    return date, camera, gps, orientation


def _decode_bounded(opened: Image.Image, name: str, side: int) -> tuple[Image.Image, _Facts]:
    """Decode within the memory budget (see the module's docstring); the picture and its facts. A
    big picture comes back shrunk to about `side` pixels a side (four times the working size)."""
    need = decode_size(opened.mode, opened.size)
    if need > MAX_DECODE_BYTES:
        w, h = opened.size
        raise InputError(f"{name}: refused: {w:,}×{h:,} pixels in {opened.mode} take {need / 2**20:,.0f} MB to decode "
                         f"(the limit is {MAX_DECODE_BYTES / 2**20:,.0f} MB)")
    if need <= BIG_DECODE_BYTES:
        opened.load()
        return opened, _facts_of(opened)
    lock = _BIG_LOCK
    if lock is not None:
        lock.acquire()
    try:
        opened.load()
        found = _facts_of(opened)
        small = _shrink_early(opened, side)
        if small is not opened:
            opened.close()  # the full-size pixels go now, before the next big decode may start
        return small, found
    finally:
        if lock is not None:
            lock.release()


def _simplejpeg_gray(data: bytes, want: tuple[int, int]) -> Image.Image | None:
    try:
        arr = simplejpeg.decode_jpeg(data, colorspace="GRAY", fastdct=True, fastupsample=True,
                                     min_width=want[0], min_height=want[1])
    except (ValueError, OSError, RuntimeError):
        return None  # let Pillow decode it, or say precisely what is wrong
    return Image.fromarray(arr[:, :, 0], "L")


def _to_gray(img: Image.Image) -> Image.Image:
    if img.mode == "L":  # already grey (a draft-decoded JPEG, a grey PNG): L→RGB→L gives it back unchanged
        return img
    return _to_rgb(img).convert("L")


def _to_rgb(img: Image.Image) -> Image.Image:
    mode = img.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        import numpy as np

        arr = np.asarray(img, dtype=np.float64)
        lo, hi = float(arr.min()), float(arr.max())
        scaled = ((arr - lo) / (hi - lo) * 255.0) if hi > lo else arr * 0
        return Image.fromarray(scaled.astype("uint8"), "L").convert("RGB")
    if mode == "P":
        img = img.convert("RGBA") if "transparency" in img.info else img.convert("RGB")
        mode = img.mode
    if mode in ("RGBA", "LA", "PA") or (mode == "RGB" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    if mode != "RGB":
        return img.convert("RGB")
    return img
