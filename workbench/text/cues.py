"""The lexicon of attribution: reporting verbs, prepositional cues, source head nouns.

Everything here is written as a reader would spell it and normalised once at import
(`workbench.text.normalize`), so "أكّد", "اكد" and "أكد" all meet. Verb forms are listed with
their common inflections (past, present, plural, feminine, the adverbial participle), and each
may carry the conjunction prefix و or ف. Cue words with other senses (نشر "deploy", ذكر "memory",
رأى "saw") are *weak*: they count only inside an attribution structure (a source after them, or
أن/إن, a colon or a quotation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.text.normalize import normalize


@dataclass(frozen=True, slots=True)
class VerbCue:
    lemma: str
    forms: tuple[str, ...]
    weak: bool = False  # counts only in an attribution structure
    continuation: bool = False  # without a subject it carries the previous source on
    publishing: bool = False  # a publishing verb (نشر، بث، تداول...)


def _v(lemma: str, forms: str, **kw: bool) -> VerbCue:
    return VerbCue(lemma, tuple(forms.split()), **kw)


ARABIC_VERBS: tuple[VerbCue, ...] = (
    _v("قال", "قال قالت قالوا قلن يقول تقول يقولون تقولان قائلا قائلاً قائلة"),
    _v("أفاد", "أفاد أفادت أفادوا يفيد تفيد يفيدون أفيد"),
    _v("أكد", "أكد أكدت أكدوا يؤكد تؤكد يؤكدون مؤكدا مؤكداً مؤكدة", continuation=True),
    _v("أشار", "أشار أشارت أشاروا يشير تشير يشيرون مشيرا مشيراً مشيرة", continuation=True),
    _v("كشف", "كشف كشفت كشفوا يكشف تكشف يكشفون كاشفا كاشفاً", weak=True),
    _v("ذكر", "ذكر ذكرت ذكروا يذكر تذكر يذكرون ذاكرا", weak=True),
    _v("أوضح", "أوضح أوضحت أوضحوا يوضح توضح يوضحون موضحا موضحاً موضحة", continuation=True),
    _v("أعلن", "أعلن أعلنت أعلنوا يعلن تعلن يعلنون معلنا معلناً أعلن", weak=True),
    _v("نقل", "نقل نقلت نقلوا ينقل تنقل", weak=True),
    _v("صرح", "صرح صرحت صرحوا يصرح تصرح مصرحا", ),
    _v("زعم", "زعم زعمت زعموا يزعم تزعم يزعمون زاعما زاعماً"),
    _v("نفى", "نفى نفت نفوا ينفي تنفي ينفون نافيا نافياً"),
    _v("أضاف", "أضاف أضافت أضافوا يضيف تضيف مضيفا مضيفاً مضيفة", continuation=True),
    _v("تابع", "تابع تابعت", continuation=True, weak=True),
    _v("لفت", "لفت لفتت لافتا لافتاً", continuation=True, weak=True),
    _v("اعتبر", "اعتبر اعتبرت اعتبروا يعتبر تعتبر معتبرا معتبراً", weak=True),
    _v("رأى", "رأى رأت رأوا يرى ترى", weak=True),
    _v("شدد", "شدد شددت شددوا يشدد تشدد مشددا مشدداً", continuation=True),
    _v("أعرب", "أعرب أعربت يعرب تعرب معربا", weak=True),
    _v("حذر", "حذر حذرت حذروا يحذر تحذر محذرا", weak=True),
    _v("أبلغ", "أبلغ أبلغت أبلغوا", weak=True),
    _v("أردف", "أردف أردفت", continuation=True),
    _v("أوردت", "أورد أوردت يورد تورد", publishing=True),
    _v("روى", "روى روت يروي", weak=True),
    _v("اتهم", "اتهم اتهمت اتهموا يتهم تتهم", weak=True),
    _v("ادعى", "ادعى ادعت ادعوا يدعي مدعيا"),
    _v("اعترف", "اعترف اعترفت اعترفوا", weak=True),
    _v("أقر", "أقر أقرت", weak=True),
    _v("نوه", "نوه نوهت", continuation=True),
    _v("دعا", "دعا دعت دعوا يدعو تدعو داعيا داعياً", weak=True),
    _v("طالب", "طالب طالبت طالبوا يطالب تطالب مطالبا مطالباً", weak=True),
    _v("وصف", "وصف وصفت وصفوا يصف تصف واصفا واصفاً", weak=True),
    _v("لاحظ", "لاحظ لاحظت لاحظوا", weak=True),
    _v("توقع", "توقع توقعت توقعوا يتوقع تتوقع متوقعا", weak=True),
    _v("رجح", "رجح رجحت رجحوا يرجح ترجح", weak=True),
    _v("بالقول", "بالقول", continuation=True),
    _v("استغرب", "استغرب استغربت استغربوا مستغربا", weak=True),
    _v("انتقد", "انتقد انتقدت انتقدوا ينتقد منتقدا", weak=True),
    _v("رحب", "رحب رحبت رحبوا يرحب مرحبا", weak=True),
    _v("قيل", "قيل"),
    _v("نشر", "نشر نشرت نشروا ينشر تنشر", weak=True, publishing=True),
    _v("بث", "بث بثت يبث تبث", weak=True, publishing=True),
    _v("وثق", "وثق وثقت وثقوا يوثق توثق", weak=True, publishing=True),
    _v("تداول", "تداول تداولت تداولوا يتداول تتداول يتداولون تداولها تداوله تداولتها", publishing=True),
    _v("بالإشارة", "بالإشارة", continuation=True, weak=True),
)

# Prepositional cues: the source follows them; the content is the clause they stand in.
ARABIC_PREPOSITIONS: tuple[str, ...] = (
    "بحسب", "حسب", "حسبما", "حسب ما", "وحسب ما", "على ما", "وفق ما", "وفقا لما", "وفقاً لما", "وفق", "وفقا ل", "وفقاً ل", "وفقا لـ", "وفقاً لـ", "طبقا ل", "طبقاً ل",
    "نقلا عن", "نقلاً عن", "على لسان", "استنادا إلى", "استناداً إلى", "استنادا الى", "بحسب ما",
    "وبحسب", "وحسب", "ووفق", "ووفقا ل", "ووفقاً ل", "ونقلا عن", "ونقلاً عن", "بناء على ما", "كما ذكرت",
)

# Head nouns that make a phrase a plausible source, with the kind they give.
SOURCE_HEADS: dict[str, str] = {}
for _kind, _words in {
    "unnamed": "مصادر مصدر مسؤول مسؤولون مسؤولين مسؤولة دبلوماسي دبلوماسيون ضابط قيادي عضو جهات "
    "تقارير تقرير خبراء خبير محلل محللون مراقبون مراقب باحث باحثون الباحثين محققون محققين قيادات",
    "group": "ناشطون ناشطو ناشطين ناشط ناشطة سكان شهود شاهد أهالي معارضون مواطنون متظاهرون عناصر "
    "مقاتلون أطباء متداولو متداولون مغردون مدونون قبائل عشائر",
    "organization": "شركة شركات مركز مرصد منظمة لجنة هيئة وزارة مجلس جمعية اتحاد حزب جيش قوات شرطة الأمم مكتب "
    "مديرية رابطة الدفاع تنسيقية تنسيقيات شبكة جبهة حركة فصيل بعثة الحكومة حكومة المفوضية مفوضية "
    "النيابة الرئاسة الديوان إدارة غرفة البنك صندوق",
    "outlet": "إعلام الإعلام صحف قنوات شبكات صحيفة قناة موقع تلفزيون التلفزيون إذاعة مجلة وسائل التلفزة",
    "news agency": "وكالة وكالات",
    "person": "ابن والد والدة شقيق شقيقة زوج زوجة عم خال",
    "official": "قنصل القنصل محامي محام مفتي قاضي حاكم وزير الوزير رئيس متحدث المتحدث الناطق ناطق محافظ سفير قائد مدير نائب أمين الملك أمير "
    "ولي العميد اللواء العقيد الجنرال الشيخ المستشار مستشار الأمين",
    "social media": "تغريدة حساب صفحة مواقع منشور",
}.items():
    for _w in _words.split():
        SOURCE_HEADS[normalize(_w)] = _kind

# Tokens that end a source phrase (normalised forms).
NP_STOPS = frozenset(
    normalize(w)
    for w in ["نقلا", "نقلاً", "قبيل", "عقب", "إثر", "اثر", "السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "حيث", "أن", "أنه", "أنها", "أنهم", "أنهما", "إن", "إنه", "إنها", "إنهم", "بأن", "بأنه", "بأنها", "إلى", "الى", "خلال", "اليوم", "أمس", "يوم", "عبر", "هذه", "هذا", "ذلك", "تلك", "التي", "الذي", "الذين", "من", "عن", "حول", "بشأن", "لدى", "مع", "بعد", "قبل", "منذ", "حتى", "كما", "لكن", "غير", "بينما", "حين", "عندما", "أثناء", "ضد", "قد", "لقد", "لم", "لن", "كان", "كانت", "وكان", "وكانت"]
)
NP_STOP_AFTER_FI = frozenset(
    normalize(w)
    for w in ["تصريح", "تصريحات", "بيان", "حديث", "مقابلة", "اتصال", "مؤتمر", "لقاء", "كلمة", "رسالة", "تغريدة", "منشور", "وقت", "الوقت", "اليوم", "الأسبوع", "الشهر", "العام", "ساعة", "وقت"]
)
# Addressees: "قال المصدر لوكالة الأنباء" — where it was said, not who says it.
ADDRESSEE_PREFIX = re.compile(
    normalize("^(?:لوكالة|لوكالات|لصحيفة|لقناة|لموقع|للصحفيين|للصحافيين|لشبكة|للتلفزيون|لإذاعة|للإعلام|لمراسل|للجزيرة|للعربية)")
)
# Content markers: what follows a source when a claim comes next.
CONTENT_MARKERS = frozenset(
    normalize(w) for w in ["أن", "أنه", "أنها", "أنهم", "أنهما", "إن", "إنه", "إنها", "إنهم", "إنهما", "بأن", "بأنه", "بأنها"]
)
PASSIVE_UNNAMED = frozenset(normalize(w) for w in ("أفيد", "قيل"))
SAME_SOURCE = re.compile(normalize(r"(?:المصدر|المصادر|المسؤول) (?:نفسه|ذاته|نفسها|ذاتها)"))

_VERB_BY_FORM: dict[str, VerbCue] = {}
for _cue in ARABIC_VERBS:
    for _f in _cue.forms:
        _VERB_BY_FORM.setdefault(normalize(_f), _cue)



# Weak verbs whose other sense is common in news ("نشر الجيش قوات" deploys, "رأى" saw): they count
# only when an explicit content marker (أن/إن, a colon, a quotation) follows their source.
NEEDS_CONTENT_MARKER = frozenset(
    {"نشر", "رأى", "تابع", "لفت", "بث", "وثق", "اعتبر", "روى", "أقر", "اتهم", "بالإشارة", "نقل"}
)
# Prepositions after which the source is given by a following verb ("حسبما ذكرت الوزارة").
DEFERRING_PREPOSITIONS = frozenset(
    normalize(p) for p in ("حسبما", "بحسب ما", "كما ذكرت", "بناء على ما", "حسب ما", "وحسب ما", "على ما", "وفق ما",
                           "وفقا لما", "وفقاً لما", "طبقا لما", "طبقاً لما", "بحسب ما")
)
# "حسب وصفه", "على حد قوله": the clause's own speaker, referred to by a pronoun.
PRONOUN_ATTRIBUTIONS = frozenset(normalize(w) for w in "وصفه وصفها قوله قولها تعبيره تعبيرها روايته روايتها زعمه زعمها تقديره تقديرها".split())


@dataclass(frozen=True, slots=True)
class CueMatch:
    """One cue found in normalised text: `prep` or `verb` (with its conjunction) and its span."""

    start: int
    end: int
    prep: str | None = None
    verb: str | None = None


_PREPS_BY_FIRST_WORD: dict[str, list[str]] = {}
for _p in sorted({normalize(p) for p in ARABIC_PREPOSITIONS}, key=len, reverse=True):
    _PREPS_BY_FIRST_WORD.setdefault(_p.split()[0], []).append(_p)
_WORD_RE = re.compile(r"\w+")
_ANY_CUE_WORD = frozenset(
    [*_PREPS_BY_FIRST_WORD, *_VERB_BY_FORM, *("و" + f for f in _VERB_BY_FORM), *("ف" + f for f in _VERB_BY_FORM)]
)


def find_arabic_cues(norm: str) -> list[CueMatch]:
    """Cues in a normalised sentence. The words present are intersected with the lexicon in C
    (most sentences have none); only the few words that are cues are then located and checked."""
    present = _ANY_CUE_WORD.intersection(_WORD_RE.findall(norm))
    if not present:
        return []
    hits: list[CueMatch] = []
    n = len(norm)
    for w in present:
        pos = norm.find(w)
        while pos != -1:
            end = pos + len(w)
            if (pos == 0 or not norm[pos - 1].isalnum()) and (end == n or not norm[end].isalnum()):
                hit = _cue_at(norm, pos, w)
                if hit is not None:
                    hits.append(hit)
            pos = norm.find(w, end)
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[CueMatch] = []
    skip_to = -1
    for h in hits:
        if h.start < skip_to:
            continue
        out.append(h)
        if h.prep is not None:
            skip_to = h.end
    return out


def _cue_at(norm: str, pos: int, w: str) -> CueMatch | None:
    for p in _PREPS_BY_FIRST_WORD.get(w, ()):
        end = pos + len(p)
        # A whole-word preposition, or one ending in the lam that joins its noun.
        if norm.startswith(p, pos) and (p.endswith("ل") or end == len(norm) or not norm[end].isalnum()):
            return CueMatch(pos, end, prep=p)
    if w in _VERB_BY_FORM:
        return CueMatch(pos, pos + len(w), verb=w)
    if w[:1] in "وف" and w[1:] in _VERB_BY_FORM:
        return CueMatch(pos, pos + len(w), verb=w[1:])
    return None


def verb_cue(form: str) -> VerbCue:
    return _VERB_BY_FORM[form]
