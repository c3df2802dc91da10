"""Claims seen before: the same claim reported again, by another outlet or in other words.

Finding candidates must be cheap at archive scale, so each claim gets a few *blocking keys*: hashes
of pairs of its longest distinctive words (after spelling normalisation; numbers count as words).
Two reports of one agency story share such pairs however the sentence around them is reworded.
Candidates that share a key are then compared with rapidfuzz on their normalised texts.
"""

from __future__ import annotations

import re
import zlib
from itertools import combinations

from rapidfuzz import fuzz

from workbench.text.normalize import normalize

_WORD = re.compile(r"\w+")
_STOP = frozenset(normalize(w) for w in (
    "التي الذي الذين اللذين هذه هذا ذلك تلك هناك هنالك عندما حيث بينما خلال بعد قبل منذ حتى كانت "
    "يكون تكون وكان وكانت وقال وقالت واضاف واضافت واشار واشارت الاثنين الثلاثاء الاربعاء الخميس "
    "الجمعة السبت الاحد المملكة العربية السعودية اليوم الماضي الماضية الحالي الحالية المقبل "
    "المقبلة الجاري العام الاسبوع الشهر حكومة which there their about after before would could "
    "should these those while where other people against between during under again"
).split())
MIN_WORDS = 6
MATCH_SCORE = 85.0


def claim_keys(norm: str) -> list[int]:
    """Up to six 64-bit keys (signed, for SQL BIGINT) for a normalised claim; none for a short one."""
    words = _WORD.findall(norm)
    if len(words) < MIN_WORDS:
        return []
    distinct = {w for w in words if (len(w) >= 5 or (w.isdigit() and len(w) >= 2)) and w not in _STOP}
    top = sorted(distinct, key=lambda w: (-len(w), w))[:4]
    crc = {w: zlib.crc32(w.encode()) for w in top}
    keys = []
    for a, b in combinations(sorted(top), 2):
        v = (crc[a] << 32) | crc[b]  # stable across processes and runs, unlike hash()
        keys.append(v - (1 << 64) if v >= (1 << 63) else v)
    return list(dict.fromkeys(keys))  # distinct even if two of the words share a CRC


def similarity(a_norm: str, b_norm: str) -> float:
    """0–100: how far two normalised claims say the same thing in the same words."""
    la, lb = len(a_norm), len(b_norm)
    if not la or not lb or min(la, lb) / max(la, lb) < 0.6:
        return 0.0
    return float(fuzz.token_set_ratio(a_norm, b_norm) * 0.5 + fuzz.token_sort_ratio(a_norm, b_norm) * 0.5)


def is_same_claim(a_norm: str, b_norm: str) -> tuple[bool, float]:
    score = similarity(a_norm, b_norm)
    return score >= MATCH_SCORE, round(score, 1)
