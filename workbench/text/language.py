"""Which language an article is in, from its letters: cheap, offline, good enough for routing."""

from __future__ import annotations

import re

_PERSIAN = set("پچژگکی")
_URDU = set("ٹڈڑںےۓ")


_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z]")
_ARABIC_RUN = re.compile(_ARABIC.pattern + "+")
_PERSIAN_RE = re.compile("[" + "".join(_PERSIAN) + "]")
_URDU_RE = re.compile("[" + "".join(_URDU) + "]")


_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
_ARABIC_LEADS = (b"\xd8", b"\xd9", b"\xda", b"\xdb")  # UTF-8 of U+0600-U+06FF: these, then one more byte


def _counts(head: str) -> tuple[int, int]:
    """Arabic and Latin letters in `head`, counted on its UTF-8 bytes (a byte count runs in C;
    a letter-by-letter search does not). The rarer Arabic blocks, whose bytes these counts
    cannot tell from others, are counted by runs when they may be present."""
    raw = head.encode("utf-8", "surrogatepass")
    latin = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
    if b"\xdd" in raw or b"\xef" in raw:
        return sum(map(len, _ARABIC_RUN.findall(head))), latin
    return sum(raw.count(b) for b in _ARABIC_LEADS), latin


def detect_language(text: str, sample: int = 1_500) -> str:
    """'ar', 'fa', 'ur', 'en' or 'und' (undetermined)."""
    head = text[:sample]
    arabic, latin = _counts(head)
    if arabic == 0 and latin == 0:
        return "und"
    if arabic >= latin:
        if _URDU_RE.subn("", head)[1] > arabic * 0.01:
            return "ur"
        if _PERSIAN_RE.subn("", head)[1] > arabic * 0.02:
            return "fa"
        return "ar"
    return "en"


_ARABIC_ANY = re.compile(r"[\u0600-\u06FF]")


def is_arabic_script(text: str) -> bool:
    return _ARABIC_ANY.search(text) is not None
