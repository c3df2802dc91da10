"""Who says so: finding attribution cues and the source phrase each one names.

Works on one sentence at a time, in normalised text mapped back to the original offsets.
Arabic is mostly verb-first ("أفاد مركز حلب الإعلامي أن…": cue, source, content marker), with
prepositional cues ("…، بحسب مصادر محلية") and relative ones ("صورة تداولها ناشطون"). English
puts the source before the verb ("The ministry said"), after it ('"…," said the spokesman') or
after "according to".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Final

from workbench.text.normalize import fold_with_deletions

_TOKEN: Final = re.compile(r"\w+|[^\w\s]")
_OPEN_QUOTES: Final = {'"', "'", "(", "["}
_CLOSE_QUOTES: Final = {'"', "'", ")", "]"}


@dataclass(slots=True)
class Mention:
    start: int  # original offsets
    end: int
    text: str
    kind: str  # guessed from the head noun; the registry may say better
    quoted: bool = False
    clean: bool = True  # the phrase ended at a clear boundary (a content marker, punctuation...)
    feminine: bool = False  # grammatical gender of the head, for agreement with later verbs
    plural: bool = False
    named: bool = False  # holds a proper name (not only a title or a common noun)
    # For a relative pronoun ("…Mr. Sanders, who said…"): the phrase it stands for.
    antecedent: Mention | None = None


@dataclass(slots=True)
class Cue:
    start: int  # original offsets of the cue words, prefix included
    end: int
    word: str
    lemma: str
    type: str  # "verb", "prep", "passive", "same", "background", "relative"
    mention: Mention | None
    full: bool  # a content marker (أن/إن, that, a colon, a quotation) follows
    continuation: bool = False  # no subject of its own: carries the previous source on
    deferred: bool = False  # follows "حسبما"/"كما": it attributes the clause it closes
    marker: str = ""  # what introduces the reported words: "an", "colon", "quote", "prep", "object"
    content: int | None = None  # original offset where the reported words begin
    agree: str = ""  # for a subjectless verb: "f" feminine, "p" plural, "m" masculine
    via: Mention | None = None  # the outlet or document that relays the speaker, when named
    order: str = ""  # "vso", "svo", "prep", "pronoun" (an honorific or pronoun subject)
    pattern: str = ""  # English: the structure read ("subject-that", "inverted-quote", …), for confidence


class _Tok:
    """A token: its offsets in the normalised sentence and its text."""

    __slots__ = ("e", "s", "t")

    def __init__(self, s: int, e: int, t: str) -> None:
        self.s = s
        self.e = e
        self.t = t

    def _replace(self, t: str) -> _Tok:
        return _Tok(self.s, self.e, t)

    def __repr__(self) -> str:
        return f"_Tok(s={self.s}, e={self.e}, t={self.t!r})"


class ArticleText:
    """An article's text and its normalised form, folded once (one pass over the whole text),
    with the map from normalised offsets back to the original."""

    __slots__ = ("_at", "_dels", "norm", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm, self._dels = fold_with_deletions(text)
        # where in the normalised text each deletion happened (non-decreasing)
        self._at = [d - i for i, d in enumerate(self._dels)]

    def norm_offset(self, pos: int) -> int:
        """The normalised offset of the original offset `pos` (the next kept character)."""
        return pos - bisect_left(self._dels, pos) if self._dels else pos

    def orig_offset(self, k: int) -> int:
        """The original offset of the normalised character k."""
        return k + bisect_right(self._at, k) if self._at else k


class SentenceView:
    """A sentence, its normalised form and its tokens, with offset mapping to the original."""

    def __init__(self, text: str, start: int, end: int, article: ArticleText | None = None) -> None:
        self.text = text
        self.base = start
        self.end = end
        if article is None or article.text is not text:
            article = ArticleText(text[start:end])
            self._shift = start  # the article here is the sentence alone
        else:
            self._shift = 0
        self._article = article
        self._a = article.norm_offset(start - self._shift)  # where the sentence starts, normalised
        self.norm = article.norm[self._a : article.norm_offset(end - self._shift)]
        self._tokens: list[_Tok] | None = None
        self._starts: list[int] = []
        # Tokens are made from here on: the words well before the first cue are never looked at.
        self.floor = 0
        self.ceiling = len(self.norm)  # ...and up to here (well after the last cue)
        self.cue_words = 0  # cue words the lexicon found in the sentence (read or not)
        self.unread = 0  # strong cue words (قال، أكد، بحسب…) that gave no frame
        self.words: list[str] | None = None  # the words of the whole sentence, once they are listed

    @property
    def tokens(self) -> list[_Tok]:
        """Tokens of the normalised sentence, made on first use (most sentences have no cue)."""
        if self._tokens is None:
            tokens: list[_Tok] = []
            starts: list[int] = []
            for m in _TOKEN.finditer(self.norm, self.floor, self.ceiling):
                s, e = m.span()  # (one call for both ends, and one pass for the starts too)
                tokens.append(_Tok(s, e, m.group()))
                starts.append(s)
            self._tokens, self._starts = tokens, starts
        return self._tokens

    def orig(self, ns: int, ne: int) -> tuple[int, int]:
        """Map a normalised span to original offsets, keeping trailing diacritics."""
        article, shift = self._article, self._a
        s = self._shift + article.orig_offset(shift + ns)
        e = self._shift + article.orig_offset(shift + ne - 1) + 1
        while e < self.end and _is_mark(self.text[e]):
            e += 1
        return s, e

    def norm_offset(self, pos: int) -> int:
        """The offset in this sentence's normalised text of the original offset `pos`."""
        return self._article.norm_offset(pos - self._shift) - self._a

    def norm_of(self, s: int, e: int) -> str:
        """The normalised text of the original span [s, e) of this sentence."""
        return self.norm[self.norm_offset(s) : self.norm_offset(e)]

    def token_index(self, norm_offset: int) -> int:
        """The index of the token that starts at, or first after, a normalised offset."""
        return bisect_left(self._starts, norm_offset) if self.tokens else 0


def _word_floor(norm: str, pos: int) -> int:
    """A word boundary at or before `pos` (0 when pos is near the start)."""
    if pos <= 0:
        return 0
    while pos > 0 and not norm[pos - 1].isspace():
        pos -= 1
    return pos


def _is_mark(ch: str) -> bool:
    o = ord(ch)
    return 0x064B <= o <= 0x065F or o in (0x0670, 0x0640) or 0x0610 <= o <= 0x061A
