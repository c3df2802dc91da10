"""Turning bytes from files into text, whatever encoding they came in.

Arabic text often arrives as Windows-1256 or ISO-8859-6, sometimes UTF-16 with a BOM.
UTF-8 is tried first (it is strict, so a success is trustworthy); then charset-normalizer
guesses among the legacy encodings. Files that are binary or decode to nothing useful are refused
with a message naming what is wrong.
"""

from __future__ import annotations

import codecs

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


def decode_bytes(data: bytes, name: str = "input") -> tuple[str, str]:
    """Decode `data`; return (text, encoding). Raises InputError with a one-line reason."""
    if not data:
        raise InputError(f"{name}: empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: invalid {enc} after its byte-order mark ({exc.reason})") from exc
    head = data[:4096]
    if head.count(b"\x00") > len(head) // 10:
        # Many NUL bytes without a BOM: UTF-16 without BOM is possible, binary data more likely.
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text, enc
        raise InputError(f"{name}: binary data, not text")
    if b"\x00" in data:
        # A stray NUL in text: databases refuse it (PostgreSQL), so it is kept visible as ␀,
        # one character for one, so that offsets are unchanged.
        data = data.replace(b"\x00", "\u2400".encode())
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
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
            return text, enc
    raise InputError(f"{name}: not decodable as text (tried utf-8, {', '.join(candidates)})")


def _looks_like_text(text: str) -> bool:
    if not text.strip():
        return False
    sample = text[:20_000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad / max(1, len(sample)) < 0.02
