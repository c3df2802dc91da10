"""How an Arabic sentence opens: with a verb whose subject could speak ("افتتحت وزارة الصحة…",
"من جانبه رفض السفير…")? The paper's own voice in such a sentence may hide a source the
analyzer did not read, and its confidence says so (`workbench.text.analyzer`, the "actor"
signal). So may words in quotation marks in a clause given to the paper ("وقدم نولز اندرسن بوصفه
"يتمتع بخبرة…""; the "quoted" signal): someone's words are there, and no speaker was read. And a
source read before its words whose clause holds more reporting words after it ("busy"): a second
speaker may hide there.

Read from the sentence's first normalised words alone, with the lexicon passed in: the analyzer
gives its own (`workbench.text.arabic`), and `benchmarks/arrival_rows.py` loads this file beside
the analyzer of an earlier day and gives that day's, so the calibration evidence and the running
analyzer read the signal the same way. This module imports nothing of the package for that reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Final

# Words that may come before the opening verb: particles, "من جانبه", "بدوره" (normalised).
OPENING_SKIP: Final = frozenset("ثم وقد فقد قد كما وكما لكن ولكن من ومن جانبه جانبها جهته جهتها بدوره بدورها".split())


def opening_actor(words: Sequence[str], verb_like: Callable[[str], bool], may_speak: Callable[[str], bool]) -> bool:
    """After at most three opening particles, a word that may be a verb (`verb_like`), then
    within the next three words one that could make its subject a source (`may_speak`)."""
    i = 0
    while i < min(len(words), 3) and words[i] in OPENING_SKIP:
        i += 1
    return i < len(words) and verb_like(words[i]) and any(may_speak(w) for w in words[i + 1 : i + 4])


_QUOTATION_MARKS: Final = frozenset('"«»“”')


def quoted_words(clause: str) -> bool:
    """Does the clause hold a quotation mark (straight, guillemets or curly)?"""
    return not _QUOTATION_MARKS.isdisjoint(clause)


_WORD: Final = re.compile(r"\w+")


def busy_after(folded: str, is_cue: Callable[[str], bool]) -> bool:
    """Does the rest of a clause after its source (folded for matching) hold two or more
    reporting words (`is_cue`)?
    On random batches as they arrived, a source with nothing between it and its words was right
    97.6% of the time when the rest of its clause held at most one reporting word, and 95.3% when
    it held two or more (1,236/1,267 against 265/278): a second speaker may hide in the clause."""
    found = 0
    for word in _WORD.findall(folded):
        if is_cue(word):
            found += 1
            if found >= 2:
                return True
    return False
