"""A naive regex analyzer: the baseline the analyzer's speed is compared with.

Sentences by one regular expression; each sentence folded for matching (the same
`normalize` the analyzer uses) and searched with one regular expression for "reporting verb,
up to four words, أن/إن" or "according to X". It is what a first attempt at the job looks
like, and what "a plain regex sentence split" costs once its sentences become claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.text.normalize import normalize

_SENTENCE = re.compile(r"[^.!?؟\n]+[.!?؟]*")
_VERBS = "قال|قالت|اكد|اكدت|اوضح|اوضحت|اشار|اشارت|افاد|افادت|ذكر|ذكرت|كشف|كشفت|اضاف|اضافت|صرح|صرحت|اعلن|اعلنت"
_CUE = re.compile(
    rf"(?:^|\s)[وف]?(?:{_VERBS})\s+((?:\S+\s+){{0,3}}?\S+)\s+(?:ان|انه|انها|بان)\s"
    r"|(?:بحسب|حسب|وفقا ل|نقلا عن)\s*((?:\S+\s+){0,2}\S+)"
)


@dataclass(slots=True)
class NaiveClaim:
    text: str
    start: int
    end: int
    attributed: bool
    mention: str | None


def naive_analyze(text: str) -> list[NaiveClaim]:
    claims: list[NaiveClaim] = []
    for m in _SENTENCE.finditer(text):
        sentence = m.group()
        stripped = sentence.strip()
        if len(stripped.split()) < 2:
            continue
        start = m.start() + sentence.index(stripped[0])
        hit = _CUE.search(normalize(stripped))
        mention = (hit.group(1) or hit.group(2)) if hit else None
        claims.append(NaiveClaim(stripped, start, start + len(stripped), hit is not None, mention))
    return claims
