"""Which words of the search index a query word means.

Arabic writes its article and its one-letter conjunctions and prepositions onto the word: "المرصد",
"والمرصد", "للمرصد" and "بالمرصد" are all the observatory. A checker who types "مرصد" or
"المرصد" means every one of them, and a word typed with one letter off ("مليشيات" for
"الميليشيات") should still be found when it is long enough that one letter cannot make it
another word. Words here are folded already (`normalize.fold`): no diacritics, one alef.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

CONJUNCTIONS = ("", "و", "ف")
PREPOSITIONS = ("", "ب", "ل", "ك")
# Every way the clitics stack before a word: و + ب + ال ("وبالمرصد"), ف + لل ("فللمرصد")...
PREFIXES = tuple(sorted({c + p + a for c in CONJUNCTIONS for p in PREPOSITIONS for a in ("", "ال")}
                        | {c + "لل" for c in CONJUNCTIONS}, key=len, reverse=True))
TYPO_FROM = 5  # letters: a word this long may have one typo and still be itself
_ARABIC = re.compile(r"[\u0600-\u06ff]")


def is_arabic(word: str) -> bool:
    return bool(_ARABIC.match(word))


def strips(word: str) -> set[str]:
    """The word and the words it may be under its prefixes. An article (ال, لل) is taken off
    when 3 letters are left, a one-letter clitic when 4 are: "بلده" stays whole, so that it does
    not become "لده" and find "ولده" ("his son")."""
    out = {word}
    if not is_arabic(word):
        return out
    for prefix in PREFIXES:
        if prefix and word.startswith(prefix):
            rest = word[len(prefix):]
            if len(rest) >= (3 if prefix.endswith(("ال", "لل")) else 4):
                out.add(rest)
    return out


def spellings(word: str) -> set[str]:
    """Every index word that is this word with other prefixes: the exact ones to look up."""
    return {prefix + s for s in strips(word) for prefix in ("", *PREFIXES)} if is_arabic(word) else {word}


_CORE = re.compile(r"^(?:[وف]?(?:[بكل]?ال|لل|[بكل])?)")


def core(word: str) -> str:
    """A word without the prefixes it most likely has (what one typo is counted against)."""
    if not is_arabic(word):
        return word
    m = _CORE.match(word)
    rest = word[m.end():] if m else word
    return rest if len(rest) >= 3 else word


def near(word: str, vocabulary: Iterable[str], limit: int = 100) -> list[str]:
    """Index words one typo away from `word` (ignoring prefixes), for words of TYPO_FROM letters
    or more; the closest first."""
    c = core(word)
    if len(c) < TYPO_FROM:
        return []
    terms = list(vocabulary)
    cores = [core(t) for t in terms]
    hits = process.extract(c, cores, scorer=Levenshtein.distance, score_cutoff=1, limit=limit)
    return [terms[i] for _c, _d, i in sorted(hits, key=lambda h: h[1])]
