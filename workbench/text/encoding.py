"""Turning bytes from files into text, whatever encoding they came in.

Arabic text often arrives as Windows-1256 or ISO-8859-6, sometimes UTF-16 with or without a BOM.
A byte-order mark is believed; UTF-16 without one is recognised by its shape (one byte of every
pair takes a handful of values: 0x00 for Latin, 0x06 for Arabic). Then UTF-8 is tried (it is
strict, so a success is trustworthy). Text that is UTF-8 but for a few stray bytes stays UTF-8,
each bad sequence shown as U+FFFD (and counted, so the caller can say so): guessing a legacy
encoding for it would turn the whole article into mojibake. Only then does charset-normalizer
guess among the legacy encodings. Files that are binary or decode to nothing useful are refused
with a message naming what is wrong.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from typing import NamedTuple

from charset_normalizer import from_bytes

from workbench.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Encodings we prefer when charset-normalizer hesitates between close candidates.
_ARABIC_LEGACY = ("cp1256", "iso8859_6")


class Decoded(NamedTuple):
    text: str
    encoding: str
    replaced: int = 0  # invalid byte sequences shown as U+FFFD


_SURROGATES = re.compile("[\ud800-\udfff]")


def utf8_text(text: str) -> str:
    """`text` as text that can be encoded as UTF-8 (stored, hashed, printed). Python keeps bytes
    that are not UTF-8 in file names and command-line arguments as lone surrogates; they become
    U+FFFD (and any other lone surrogate too)."""
    if text.isascii() or not _SURROGATES.search(text):
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate outside the escape range
        return _SURROGATES.sub("\ufffd", text)


def decode_bytes(data: bytes, name: str = "input") -> tuple[str, str]:
    """Decode `data`; return (text, encoding). Raises InputError with a one-line reason."""
    text, encoding, _ = decode_text(data, name)
    return text, encoding


def describe_replaced(decoded: Decoded) -> str | None:
    """A warning for text decoded with bad bytes made visible, or None."""
    if not decoded.replaced:
        return None
    n = decoded.replaced
    return (f"{n:,} invalid UTF-8 byte sequence{'s' if n > 1 else ''} in otherwise UTF-8 text, "
            "shown as \ufffd (stored that way)")


def decode_text(data: bytes, name: str = "input") -> Decoded:
    """Decode `data`; raises InputError with a one-line reason."""
    if not data:
        raise InputError(f"{name}: empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: invalid {enc} after its byte-order mark ({exc.reason})") from exc
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    head = data[:4096]
    if head.count(b"\x00") > len(head) // 10:
        # Many NUL bytes without a BOM: UTF-16 without BOM is possible, binary data more likely.
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return Decoded(text, enc)
        raise InputError(f"{name}: binary data, not text")
    if b"\x00" in data:
        # A stray NUL in text: databases refuse it (PostgreSQL), so it is kept visible as ␀,
        # one character for one, so that offsets are unchanged.
        data = data.replace(b"\x00", "\u2400".encode())
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    best = from_bytes(data[:200_000], cp_isolation=None).best()
    candidates: list[str] = []
    if best is not None and best.encoding:
        candidates.append(best.encoding)
    candidates.extend(_ARABIC_LEGACY)
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            return Decoded(text, enc)
    raise InputError(f"{name}: not decodable as text (tried utf-8, {', '.join(candidates)})")


def _looks_like_text(text: str) -> bool:
    if not text.strip():
        return False
    sample = text[:20_000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad / max(1, len(sample)) < 0.02


def _top_share(sample: bytes, n: int = 3) -> float:
    counts = Counter(sample)
    return sum(c for _, c in counts.most_common(n)) / max(1, len(sample))


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text without a byte-order mark: the high byte of each code unit takes a handful of
    values (0x00 for Latin and digits, 0x06 for Arabic, 0x20 for punctuation) while the low byte
    varies. No UTF-8 or single-byte text looks like that: spaces and one-byte letters shift it out
    of step."""
    if len(data) < 16 or len(data) % 2:
        return None
    head = data[:40_000]
    even, odd = head[0::2], head[1::2]
    for enc, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if _top_share(high) >= 0.9 and _top_share(low) < 0.6:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                return None
            if "\x00" not in text and _looks_like_text(text):
                return Decoded(text, enc)
    return None


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 but for a few bad bytes (a stray byte of another encoding, a cut-off character): the
    valid multi-byte characters outnumber the invalid sequences two to one. Legacy-encoded Arabic
    is the other way round, by far: its letters are rarely followed by a UTF-8 continuation byte
    (over 540 SaudiNewsNet articles in Windows-1256 or ISO-8859-6, at most 0.03 valid sequences
    for each invalid one)."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if bad <= 0:
        return None
    wide = sum(1 for ch in text if ord(ch) > 0x7F) - text.count("\ufffd")
    if wide >= 2 * bad and _looks_like_text(text):
        return Decoded(text, "utf-8", bad)
    return None
