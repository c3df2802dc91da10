"""Normalisation for *matching only*.

Stored and shown text is never normalised. Matching (source names, search, claims seen before)
needs Arabic spelling variants to meet: diacritics and tatweel removed, alef/hamza forms, yaa and
teh marbuta folded, Arabic-Indic digits to ASCII, quote styles unified, case folded.
`normalize_with_map` also returns, for each character of the normalised string, the offset of the
character it came from, so a match in normalised text can be mapped back to the original.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

# Characters deleted outright: Arabic diacritics (harakat, shadda, sukun, superscript alef...),
# tatweel, and invisible format characters that break matches (ZWJ, ZWNJ, bidi marks, BOM).
_DELETE = set(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff", "\u061c"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)

_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ي": "ي", "ئ": "ي",
    "ؤ": "و",
    "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ک": "ك", "ڪ": "ك",
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‹": "'", "›": "'", "`": "'", "´": "'",
    "،": ",", "؛": ";", "؟": "?",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " ",
}
for _i, _d in enumerate("٠١٢٣٤٥٦٧٨٩"):
    _FOLD[_d] = str(_i)
for _i, _d in enumerate("۰۱۲۳۴۵۶۷۸۹"):
    _FOLD[_d] = str(_i)

_TABLE: dict[int, str | None] = {ord(k): v for k, v in _FOLD.items()}
_TABLE.update({ord(c): None for c in _DELETE})

_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Fold `text` for matching. Idempotent: normalize(normalize(t)) == normalize(t)."""
    # Names and words are folded again and again (every mention of a speaker): short texts are
    # remembered.
    return _normalize_short(text) if len(text) <= 48 else _normalize(text)


def _normalize(text: str) -> str:
    folded = text.translate(_TABLE).casefold()
    folded = unicodedata.normalize("NFKC", folded).translate(_TABLE).casefold()
    return _SPACES.sub(" ", folded).strip()


_normalize_short = lru_cache(maxsize=65536)(_normalize)


_DELETE_RUN = re.compile("[" + "".join(re.escape(c) for c in sorted(_DELETE)) + "]+")


def fold(text: str) -> str:
    """A quicker `normalize` for bulk comparison: the same character folding and whitespace
    collapsing, without Unicode compatibility decomposition (NFKC)."""
    return " ".join(text.translate(_TABLE).lower().split())


_LUT: Any = None  # the folding table as an array over every code point (made on first use)
_NP: Any = None  # numpy, imported on first use (the app starts without it)
_DROP = 0xFFFFFFFF


def _lut() -> Any:
    global _LUT, _NP
    if _LUT is None:
        import numpy

        lut = numpy.arange(0x110000, dtype=numpy.uint32)
        for k, v in _TABLE.items():
            lut[k] = _DROP if v is None else ord(v)
        _LUT, _NP = lut, numpy
    return _LUT


def _fold_array(text: str) -> tuple[str, list[int]]:
    """`str.translate` with a dict looks every character up one by one (~120 ns each): a whole
    article is folded through an array lookup instead, ten times quicker. Returns the folded
    text and the offsets of the characters deleted. (A lone surrogate passes through as it is.)"""
    lut = _lut()
    codes = _NP.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=_NP.uint32)
    mapped = lut[codes]
    drop = mapped == _DROP
    if not drop.any():
        return mapped.tobytes().decode("utf-32-le", "surrogatepass"), []
    return mapped[~drop].tobytes().decode("utf-32-le", "surrogatepass"), _NP.flatnonzero(drop).tolist()


def fold_with_deletions(text: str) -> tuple[str, list[int]]:
    """Fold `text` character by character for matching (whitespace is not collapsed); return
    the folded string and the sorted offsets of the original characters it deleted
    (diacritics, tatweel, invisible marks: usually a handful), from which any offset maps
    either way by bisection (`workbench.text.attribution.ArticleText`)."""
    folded: str
    dels: list[int]
    if len(text) >= 512:
        folded, dels = _fold_array(text)
    else:
        folded = text.translate(_TABLE)
        dels = [] if len(folded) == len(text) else [
            i for m in _DELETE_RUN.finditer(text) for i in range(m.start(), m.end())]
    lowered = folded.lower()
    if len(lowered) != len(folded):  # a rare character whose lower case is longer ("İ")
        lowered = "".join(ch.lower()[:1] or " " for ch in folded)
    return lowered, dels


def normalize_with_map(text: str) -> tuple[str, Sequence[int]]:
    """`fold_with_deletions` with, per folded character, the offset of the original character it
    came from (the identity when nothing was deleted)."""
    folded, dels = fold_with_deletions(text)
    if not dels:
        return folded, range(len(text))
    deleted = set(dels)
    return folded, [i for i in range(len(text)) if i not in deleted]


def strip_article(word: str) -> str:
    """Drop the Arabic definite article from a normalised word (ال, وال, بال, لل...)."""
    for prefix in ("وال", "بال", "فال", "كال", "ال"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix):]
    if word.startswith("لل") and len(word) > 4:
        return word[2:]
    return word


@lru_cache(maxsize=65536)
def match_key(text: str) -> str:
    """A key for fuzzy source matching: normalised, punctuation and quotes dropped, and the
    definite article removed from each word."""
    norm = normalize(text)
    norm = re.sub(r"[\"'()\[\]{}<>.,;:!?\-–—_/\\|*]+", " ", norm)
    return " ".join(strip_article(w) for w in norm.split())
