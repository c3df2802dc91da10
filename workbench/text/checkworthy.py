"""Check-worthiness: a transparent score from features a checker can read.

Each feature adds its weight; the score is capped at 1.0. The features are listed with the claim
so the checker sees *why* it ranks high:

- ``number``: figures and quantities (digits in any script, ألف/مليون/مئات, thousand/million).
- ``casualties``: killed, wounded, dead, massacre, arrested.
- ``date``: a date or a relative time (قبل يومين, yesterday, a month or weekday name, a year).
- ``comparison``: more than, the largest, the first (claims of scale are often wrong).
- ``unnamed_source``: attributed to an unnamed source or a group (weaker provenance).
- ``media``: rests on a photo or video (a recycled image is the commonest fake).
- ``named_source``: attributed to a named source that can be asked or checked.
"""

from __future__ import annotations

import re

from workbench.text.normalize import normalize

WEIGHTS = {
    "number": 0.25,
    "casualties": 0.25,
    "date": 0.1,
    "comparison": 0.1,
    "unnamed_source": 0.15,
    "media": 0.2,
    "named_source": 0.05,
}

_NUMBER = re.compile(
    r"\d|(?<!\w)(?:[وب]?(?:ال)?(?:الف|الاف|مليون|ملايين|مليار|مئات|عشرات|الاف|مئه|ميه|نصف|ثلث|ربع))(?!\w)"
    r"|\b(?:hundreds?|thousands?|millions?|billions?|dozens?|percent|half)\b"
)
_CASUALTIES = re.compile(
    r"(?:قتل|قتيل|قتلي|مقتل|جرحي|جريح|اصابه|اصابات|مصاب|ضحايا|مجزره|مجازر|شهيد|شهداء|اعتقال|معتقل|اعدام|وفاه|وفيات)"
    r"|\b(?:killed|dead|deaths?|died|wounded|injured|casualties|massacres?|arrested|executed|victims?)\b"
)
_DATE = re.compile(
    r"(?:قبل (?:يوم|يومين|ايام|اسبوع|اسبوعين|شهر|شهرين|اشهر|عام|سنه)|امس|اليوم|غدا|الاثنين|الثلاثاء|الاربعاء"
    r"|الخميس|الجمعه|السبت|الاحد|يناير|فبراير|مارس|ابريل|مايو|يونيو|يوليو|اغسطس|سبتمبر|اكتوبر|نوفمبر|ديسمبر"
    r"|كانون|شباط|اذار|نيسان|ايار|حزيران|تموز|اب|ايلول|تشرين|محرم|رمضان|شوال)"
    r"|\b(?:yesterday|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march"
    r"|april|may|june|july|august|september|october|november|december|(?:19|20)\d\d)\b"
)
_COMPARISON = re.compile(
    r"(?:اكثر من|اقل من|اكبر|اصغر|اعلي|ادني|الاول|الاولي|اول مره|غير مسبوق|قياسي)"
    r"|\b(?:more than|less than|fewer than|largest|biggest|highest|lowest|first|record|unprecedented|worst)\b"
)


def score_claim(
    text: str, source_kind: str | None, rests_on_media: bool, norm: str | None = None
) -> tuple[float, list[str]]:
    """The score and the features behind it; `norm` is `normalize(text)` when the caller has it."""
    norm = normalize(text) if norm is None else norm
    features: list[str] = []
    if _NUMBER.search(norm):
        features.append("number")
    if _CASUALTIES.search(norm):
        features.append("casualties")
    if _DATE.search(norm):
        features.append("date")
    if _COMPARISON.search(norm):
        features.append("comparison")
    if source_kind in ("unnamed", "group", "social media"):
        features.append("unnamed_source")
    elif source_kind and source_kind != "publisher":
        features.append("named_source")
    if rests_on_media:
        features.append("media")
    score = min(1.0, sum(WEIGHTS[f] for f in features))
    return round(score, 2), features
