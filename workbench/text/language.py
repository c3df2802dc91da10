"""Which language an article is in, from its letters: cheap, offline, good enough for routing."""

from __future__ import annotations

import re

_PERSIAN = set("پچژگکی")
_URDU = set("ٹڈڑںےۓ")


_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z]")
_ARABIC_RUN = re.compile(_ARABIC.pattern + "+")
_LATIN_RUN = re.compile(_LATIN.pattern + "+")
_PERSIAN_RE = re.compile("[" + "".join(_PERSIAN) + "]")
_URDU_RE = re.compile("[" + "".join(_URDU) + "]")


def detect_language(text: str, sample: int = 1_500) -> str:
    """'ar', 'fa', 'ur', 'en' or 'und' (undetermined)."""
    head = text[:sample]
    # Counted by runs (a word at a time) rather than letter by letter.
    arabic = sum(map(len, _ARABIC_RUN.findall(head)))
    latin = sum(map(len, _LATIN_RUN.findall(head)))
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
