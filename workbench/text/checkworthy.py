"""Check-worthiness: a transparent score from features a checker can read.

Each feature adds its weight; the score is capped at 1.0. The features are listed with the claim
so the checker sees *why* it ranks high:

- ``number``: figures and quantities (digits in any script, ألف/مليون/مئات, thousand/million).
- ``casualties``: killed, wounded, dead, massacre, arrested, executed.
- ``date``: a date or a relative time (قبل يومين, أمس, yesterday, a month or weekday name, a year).
- ``comparison``: more than, the largest, the first, a record (claims of scale are often wrong).
- ``unnamed_source``: attributed to an unnamed source, a group, or social media.
- ``media``: rests on a photo or video (a recycled image is the commonest fake).
- ``named_source``: attributed to a named source that can be asked or checked.

Matching is on normalised words (with their Arabic prefixes و ف ب ل ال), so it is fast and exact;
the lists below are the whole of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from workbench.text.normalize import normalize

WEIGHTS: Final = {
    "number": 0.25,
    "casualties": 0.25,
    "date": 0.1,
    "comparison": 0.1,
    "unnamed_source": 0.15,
    "media": 0.2,
    "named_source": 0.05,
}

_PREFIXES: Final = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب")


def arabic_word_forms(words: str) -> frozenset[str]:
    """Each word (normalised) with the prefixes and the article it may carry in running text."""
    out: set[str] = set()
    for w in normalize(words).split():
        bare = w[2:] if w.startswith("ال") else w
        for p in _PREFIXES:
            out.add(p + w)
            out.add(p + bare)
            out.add(p + "ال" + bare)
        out.add("لل" + bare)
        out.add("ولل" + bare)
    return frozenset(out)


NUMBER_WORDS: Final = arabic_word_forms(
    "ألف آلاف ألفا ألفين مليون ملايين مليونا مليار مليارات مئات عشرات مئة مائة نصف ثلث ربع ضعف أضعاف"
) | frozenset("hundred hundreds thousand thousands million millions billion billions dozens percent half".split())
CASUALTY_WORDS: Final = arabic_word_forms(
    "قتل قتلت قتلوا قتيل قتيلا قتلى مقتل جرحى جريح جرحوا إصابة إصابات مصاب مصابين ضحايا ضحية مجزرة مجازر "
    "شهيد شهداء اعتقال اعتقل معتقل معتقلين إعدام أعدم وفاة وفيات توفي لقي حتفهم حتفه"
) | frozenset("killed kill dead death deaths died wounded injured casualties massacre massacres arrested "
              "executed victims victim".split())
DATE_WORDS: Final = arabic_word_forms(
    "أمس اليوم غدا الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد يناير فبراير مارس أبريل مايو يونيو "
    "يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين محرم "
    "رمضان شوال"
) | frozenset("yesterday today monday tuesday wednesday thursday friday saturday sunday january february "
              "march april may june july august september october november december".split())
_DATE_PHRASES_LIST: Final = tuple(normalize(p) for p in (
    "قبل يوم", "قبل يومين", "قبل أيام", "قبل أسبوع", "قبل أسبوعين", "قبل شهر", "قبل شهرين", "قبل أشهر",
    "قبل عام", "قبل سنة", "last week", "last month", "last year",
))


class _Phrases:
    """A search for any of several literal phrases. A regular expression of alternatives tries
    each at every position; the phrases' first words are looked for first (a plain substring
    test), and only a text holding one of them is searched."""

    def __init__(self, phrases: Iterable[str]) -> None:
        phrases = tuple(phrases)
        self._heads = tuple(sorted({p.split(" ", 1)[0] for p in phrases}))
        self._re = re.compile("|".join(re.escape(p) for p in phrases))

    def search(self, text: str) -> re.Match[str] | None:
        if not any(h in text for h in self._heads):
            return None
        return self._re.search(text)


_DATE_PHRASES: Final = _Phrases(_DATE_PHRASES_LIST)
_YEAR: Final = re.compile(r"\b(?:19|20)\d\d\b")
COMPARISON_WORDS: Final = arabic_word_forms("أكبر أصغر أعلى أدنى أكثر أقل الأول الأولى قياسي قياسية غير_مسبوق") | frozenset(
    "largest biggest highest lowest first record unprecedented worst most".split()
)
_COMPARISON_PHRASES: Final = _Phrases(normalize(p) for p in (
    "أكثر من", "أقل من", "غير مسبوق", "أول مرة", "more than", "less than", "fewer than"))
MEDIA_WORDS: Final = arabic_word_forms("صورة صور صورتين فيديو مقطع شريط لقطات لقطة") | frozenset(
    "photo photos photograph photographs picture pictures image images video videos footage clip".split()
)
_MEDIA_PHRASES: Final = _Phrases(normalize(p) for p in ("تسجيل مصور", "تسجيل فيديو", "مشاهد مصورة"))
_WORDS: Final = re.compile(r"\w+")
_DIGIT: Final = re.compile(r"\d")


def rests_on_media(norm: str, words: set[str] | None = None) -> bool:
    """Does the (normalised) claim rest on a photo or a video?"""
    words = set(_WORDS.findall(norm)) if words is None else words
    return not words.isdisjoint(MEDIA_WORDS) or _MEDIA_PHRASES.search(norm) is not None


def score_claim(
    text: str, source_kind: str | None, media: bool, norm: str | None = None, words: set[str] | None = None
) -> tuple[float, list[str]]:
    """The score and the features behind it; `norm` is `normalize(text)` when the caller has it."""
    norm = normalize(text) if norm is None else norm
    words = set(_WORDS.findall(norm)) if words is None else words
    features: list[str] = []
    digits = _DIGIT.search(norm) is not None
    if digits or not words.isdisjoint(NUMBER_WORDS):
        features.append("number")
    if not words.isdisjoint(CASUALTY_WORDS):
        features.append("casualties")
    if not words.isdisjoint(DATE_WORDS) or _DATE_PHRASES.search(norm) or (digits and _YEAR.search(norm)):
        features.append("date")
    if not words.isdisjoint(COMPARISON_WORDS) or _COMPARISON_PHRASES.search(norm):
        features.append("comparison")
    if source_kind in ("unnamed", "group", "social media"):
        features.append("unnamed_source")
    elif source_kind and source_kind != "publisher":
        features.append("named_source")
    if media:
        features.append("media")
    score = min(1.0, sum((WEIGHTS[f] for f in features), 0.0))
    return round(score, 2), features
