"""Arabic attribution: the reporting frames of a sentence and the source phrase each one names.

News Arabic attributes in a few structures, and this module reads those structures rather than
remembered sentences:

* verb first (VSO): "أفاد مركز حلب الإعلامي أن…": a reporting verb, its subject, perhaps a
  setting ("في تصريح لـ«عكاظ»", "خلال مؤتمر صحافي"), then what introduces the words: أن/إن, a
  colon, a quotation, or the preposition the verb takes ("أشار إلى", "شدد على", "أعرب عن");
* subject first (SVO): "الشرطة النرويجية أكدت أن…", "وكانت الشركة قد ذكرت أن…";
* prepositions: "بحسب الوزارة", "وفقاً لتقرير صادر عن…", "نقلاً عن مصادر"; deferred ones name
  the source through a verb and attribute the clause they close: "…، بحسب ما قال الوزير";
* relays: "نقلت الصحيفة عن الوزير قوله…": the relayed speaker speaks, the outlet relays;
* no subject: "وأضاف أن…", "مشيراً إلى أن…", "وعدّ سموه…": the speaker named before goes on;
* background in the paper's own voice: "يذكر أن…", "ومن المقرر…".

The source phrase is read with a small grammar of the Arabic noun phrase: a head and its
construct chain (إضافة: "وزير الخارجية", "رئيس منظمة الطاقة"), adjectives that agree with a
definite head (nisba forms "الإيراني", "الدولية" and a list of common ones), genitives with لـ/بـ
("الرئيس التنفيذي للاتحاد", "مسؤول بمكتب أولوند"), names after titles ("الدكتور علي أكبر ولايتي",
"وزير النفط الكويتي علي العمير"), apposition after a comma ("X، رئيس…", "…، محمد جواد ظريف")
and quoted names ("صحيفة “جاكرتا بوست” الإندونيسية"). After a definite phrase only an adjective
or a name may follow, so the object of the verb ("ووصف الوزير المفاوضات بأنها…") is not taken into
the source. Every phrase records whether it ended at a clear boundary, which the confidence uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Final

from workbench.text import cues as C
from workbench.text.attribution import Cue, Mention, SentenceView, _Tok, _word_floor
from workbench.text.normalize import normalize, strip_article

# The word-class caches below are plain dicts (`workbench.text.cues.remember`).
_OPEN: Final = {'"', "(", "["}
_CLOSE: Final = {'"', ")", "]"}
_QUOTE: Final = '"'
_RELATIVES: Final = C._n("الذي التي الذين اللذين اللتين والذي والتي والذين")
_ALI: Final = "عليّ"  # the name Ali, told apart from "على" (on) by its spelling before normalisation
_SOCIAL_AFTER_ALA: Final = C._n("مواقع موقع شبكات شبكة وسائل منصات منصة تويتر فيسبوك فيس يوتيوب تلغرام "
                         "تيليغرام انستغرام إنستغرام")
_SOCIAL_TAIL: Final = C._n("التواصل الاجتماعي الاجتماعية الإعلام")
_ADDRESSEE_HEADS: Final = frozenset(k for k, v in C.SOURCE_HEADS.items() if v in ("outlet", "news agency"))
_PLACE_HEADS: Final = C._n("محافظة منطقة مدينة مستشفى جامعة ولاية إمارة مقاطعة إقليم قطاع مستشفيات بلدة قرية دولة "
                    "مدرسة مدارس مطار ميناء")
_FEM_PLURAL_SUFFIX: Final = "ات"
_APPOSITION_OPENERS: Final = C._n("أحد إحدى كبير كبيرة")
_ANOTHER: Final = C._n("آخر أخرى ثان ثانية لاحق لاحقة سابق سابقة مماثل مماثلة منفصل منفصلة")
_ANOTHER_STATEMENT: Final = re.compile(
    "(و?في (?:" + "|".join(sorted(C.STATEMENT_NOUNS, key=len, reverse=True)) + ") (?:"
    + "|".join(sorted(_ANOTHER, key=len, reverse=True)) + ")) ?[:,]"
)
# "إلا أن", "رغم أن", "بعد أن": أن after these joins clauses; it introduces nobody's words.
_CONJUNCTION_BEFORE_AN: Final = C._n("إلا الا رغم ورغم برغم بعد قبل لو حتى غير سوى مع")
# Who speaks with a possessive pronoun: the relatives the lexicon's "person" heads name, and more
# (and a lawyer).
_KIN: Final = frozenset(k for k, v in C.SOURCE_HEADS.items() if v == "person") | C._n(
    "أخ أخت عمة خالة جد جدة أسرة عائلة ذوي أقارب محامي محامية")
_GOING_ON: Final = frozenset(("أضاف", "تابع", "قال", "استطرد", "واصل"))
# Words that open a sentence of someone's words and are never a name: auxiliaries, particles,
# "it is necessary", "it was done" ("وأضاف يجب علينا الالتزام…", "وتابع تم القبض على…").
_SENTENCE_OPENERS: Final = C._n("يجب ينبغي تم يتم سيتم لقد نحن هناك هنالك لن لم ليس ليست سوف إننا إنني إنه إنها "
                         "كنا كنت لدينا لدي علينا إذا إذ لكن لكننا")
_TITLE_TIME_ADJECTIVES: Final = C._n("الحالي الحالية الأول الأولى الأسبق السابق السابقة الجديد الجديدة")
_ACCUSATIVE_OBJECTS: Final = C._n("مقالا تقريرا بيانا تصريحا حديثا خطابا نبأ خبرا تحذيرا بلاغا إعلانا تعليقا "
                            "تدوينة تغريدة رسالة كلمة مقالة")
_THUS: Final = C._n("هكذا وهكذا")
_KINSHIP_PARTICLES: Final = C._n("بن ابن بنت أبو ابو أبي آل عبد")  # ("صالح بن طالب": a name after them)
_ATTENTION: Final = C._n("الانتباه النظر الأنظار")  # "لفت الوزير الانتباه إلى أن…": the verb's own object
_RELATIVE_LAM: Final = C._n("للذي للتي للذين")  # "لـ" + a relative pronoun: never a field or a name
# Kinds of head no person's name follows: after "الشركة", "الوزارة", "التقرير" a bare word is the
# verb's object ("وأرجعت الشركة سبب الانخفاض إلى…"), never a name as after "الوزير".
_NAMELESS_KINDS: Final = frozenset(("organization", "document"))
_LEADING_PARTICLES: Final = C._n("ثم وقد فقد وقد كما لكن ولكن بينما فيما وفيما")
_HARAKAT: Final = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"  # tanwin and short vowels, stripped to read a word's ending
_OVERSEEING: Final = C._n("المشرف مشرف المشرفة مشرفة")  # titles that take على: "المشرف العام على…"
# What a document came from: "تقرير صادر عن…", "رسالة مسربة من…", "وثيقة منشورة على…"
_ISSUED: Final = C._n("صادر صادرة الصادر الصادرة مسرب مسربة المسرب المسربة")
# ...and made by whom: "دراسة أجريت من قبل…", "تقرير أعد من قبل…"
_MADE_PASSIVE: Final = C._n("أجريت أجري أعدت أعد نشرت نشر أصدرت أصدر وضعت وضع")
_FRAMING: Final = C._n("جانبه جانبها جهته جهتها ناحيته ناحيتها جانبهم جهتهم")
_SPEAKING_KINDS: Final = frozenset({"organization", "official", "unnamed", "group", "outlet", "news agency", "document"})
_ASIDE_OPENERS: Final = C._n("بحسب حسب وفقا وفقاً طبقا طبقاً نقلا نقلاً حسبما كما")
_FINAL_PARTICLES: Final = _KINSHIP_PARTICLES | C._n("عبدال و في على من")


# ---------------------------------------------------------------- word classes


_HEAD_KIND_CACHE: Final[dict[str, str]] = {}


def head_kind(word: str) -> str | None:
    """The kind of source a head noun names ("وزارة" organization, "مصادر" unnamed...)."""
    r = _HEAD_KIND_CACHE.get(word)
    if r is None:
        r = C.remember(_HEAD_KIND_CACHE, word, _head_kind_of(word) or "")
    return r or None


def _head_kind_of(word: str) -> str | None:
    """`head_kind` without its cache."""
    w = word
    if w[:1] in "وف" and len(w) > 3 and (w[1:] in C.SOURCE_HEADS or strip_article(w[1:]) in C.SOURCE_HEADS):
        w = w[1:]
    return C.SOURCE_HEADS.get(w) or C.SOURCE_HEADS.get(strip_article(w))


def _bodies(word: str) -> str | None:
    """"group" for the plural of a body ("جمعيات", "هيئات", "اتحادات", "الوزارات") at the head
    of a phrase, None otherwise."""
    if not word.endswith("ات") or len(word) <= 4:
        return None
    stem = strip_article(word)[:-2]
    return "group" if "organization" in (C.SOURCE_HEADS.get(stem + "ه"), C.SOURCE_HEADS.get(stem)) else None


def _definite(t: str) -> bool:
    """Does the word carry the article? ("الوزير", "والآثار", "بالنادي", "للاتحاد"; not "والد")."""
    if t.startswith(("وال", "بال", "فال", "كال")):
        return len(t) >= 6
    return (t.startswith("ال") and len(t) > 3) or (t.startswith("لل") and len(t) > 3)


def _prepositional(t: str) -> bool:
    """A word that is the preposition لـ glued to a noun ("للوزارة", "لهيئة"), not a word that
    begins with lam ("لجنة")."""
    if not t.startswith("ل") or len(t) < 4 or head_kind(t) is not None:
        return False
    return t.startswith("لل") or head_kind(t[1:]) is not None or head_kind("ال" + t[1:]) is not None


_IS_ADDRESSEE_CACHE: Final[dict[str, bool]] = {}


def is_addressee(t: str) -> bool:
    """"لوكالة", "لـ«عكاظ»" (a lone lam), "للصحفيين", "لوالديها": to whom it was said."""
    r = _IS_ADDRESSEE_CACHE.get(t)
    if r is None:
        r = C.remember(_IS_ADDRESSEE_CACHE, t, _is_addressee_of(t))
    return r


def _is_addressee_of(t: str) -> bool:
    """`is_addressee` without its cache."""
    if C.ADDRESSEE_PREFIX.match(t):
        return True
    if not t.startswith("ل") or len(t) < 4:
        return False
    rest = t[2:] if t.startswith("لل") else t[1:]
    if t.endswith(("ها", "هم", "هما", "كم")) and head_kind(rest) is None:
        return True  # "لوالديها", "لهم"
    return rest in _ADDRESSEE_HEADS or ("ال" + rest) in _ADDRESSEE_HEADS or _wire_with_lam(t)


# Blessings said after a name (normalised): "صلى الله عليه وسلم", "رضي الله عنه", "حفظه الله"…
_EULOGIES: Final = tuple(tuple(normalize(w) for w in e.split()) for e in (
    "صلى الله عليه وسلم|عليه الصلاة والسلام|عليه السلام|رضي الله عنه|رضي الله عنها|رضي الله عنهما|"
    "رضي الله عنهم|حفظه الله|حفظها الله|حفظهم الله|رحمه الله|رحمها الله|يرحمه الله|أيده الله|كرم الله وجهه|"
    "صلى الله عليه وآله وسلم|صلى الله عليه وعلى آله وسلم").split("|"))
# ...and after God's name, which alone may be the subject: "قال تعالى", "قال سبحانه وتعالى"
_GLORIFICATIONS: Final = tuple(tuple(normalize(w) for w in e.split()) for e in (
    "عز وجل|جل جلاله|سبحانه وتعالى|تبارك وتعالى|سبحانه|تعالى").split("|"))


_BLESSINGS: Final = _EULOGIES + _GLORIFICATIONS
# The blessings of the Prophet and his companions, which alone may stand for the one blessed ("قال صلى
# الله عليه وسلم: …"), unlike a wish for the living ("ـ حفظه الله ـ") after a verb whose subject is
# its pronoun.
_PROPHETIC_FIRST: Final = C._n("صلى عليه رضي كرم")
_EULOGY_FIRST: Final = frozenset({"-"} | {e[0] for e in _BLESSINGS})  # (a quick test first)


def eulogy_end(words: list[str], after_name: bool = True) -> int:
    """How many of `words` (normalised) a blessing at their start takes, with the dashes that
    may set it off ("- حفظه الله -"), or 0. Glorifications of God count only `after_name`."""
    if not words or words[0] not in _EULOGY_FIRST:
        return 0
    k = 1 if words[0] == "-" else 0
    for e in _BLESSINGS if after_name else _EULOGIES:
        if tuple(words[k : k + len(e)]) == e:
            end = k + len(e)
            return end + 1 if words[end : end + 1] == ["-"] else end
    return 0


_ACCORDING: Final = C._n("حسب بحسب وبحسب وحسب وفق ووفق")


def _closes_clause(sv: SentenceView, mention: Mention, after: int) -> bool:
    """After "وفقا لما ذكره", "حسب ما أعلن": a short definite phrase, or a relative with its
    pronoun, that closes the clause is whoever said it, known or not ("…، وفقا لما ذكره الناتو.",
    "…، على ما أفادت محاميته.")."""
    toks = sv.tokens
    words = mention.text.split()
    first = C.normalize(words[0])
    return len(words) <= 3 and not _stop(first) \
        and (_definite(first) or (len(words) == 1 and _kin(_pronoun_stem(mention.text.strip())))) \
        and (after >= len(toks) or toks[after].t in (".", ",", "!", "?", ";"))


def _accusative_plural(t: str) -> bool:
    """A definite sound masculine plural in the accusative or genitive ending ـين: a participle
    ("المسلمين", "المواطنين", "المشاركين") or a nisba ("الفلسطينيين"), never a name ("البحرين",
    "الحسين")."""
    return t.startswith("ال") and t.endswith("ين") and len(t) >= 7 and (t.startswith("الم") or t.endswith("يين"))


def cites_scripture(mention: str) -> bool:
    """Is the source God or the Prophet, cited ("قال تعالى", "قال صلى الله عليه وسلم", "قال
    رسول الله", "قال النبي")? In news their words are quoted inside someone else's: the one who
    goes on after them ("وأضاف", "وتابع") is that someone, never them."""
    words = normalize(mention).split()
    if not words:
        return False
    return eulogy_end(words) == len(words) or words == ["الله"] or words[:2] == ["رسول", "الله"] \
        or (words[0] in ("النبي", "الرسول") and (len(words) == 1 or eulogy_end(words[1:]) == len(words) - 1))


def _glued_prep(t: str, preps: tuple[str, ...], after_object: bool) -> bool:
    """Is the word the verb's own بـ or لـ glued to what it reports ("طالب الوزير الموظفين
    بالالتزام", "دعا الوزير الدول للتعاون"), read after the verb's object?"""
    return (t[:1] == "ب" and "ب" in preps and len(t) > 2) or ("ل" in preps and after_object and _glued_lam_action(t))


def _glued_lam_action(t: str) -> bool:
    """"للتعاون", "لتقديم", "لزيارة": لـ glued to what the object is called upon to do, after
    the object of "دعا" (not a body, nor whom it was said to)."""
    if t.startswith("لل") and len(t) > 4:
        return not is_addressee(t)
    rest = t[1:]
    return t.startswith("ل") and len(rest) >= 4 and not is_addressee(t) and head_kind(rest) is None


def _wire_with_lam(t: str) -> bool:
    """"لرويترز", "للأناضول": a news agency's name after the preposition لـ."""
    rest = t[2:] if t.startswith("لل") else t[1:]
    return t.startswith("ل") and (rest in C.WIRE_NAMES or ("ال" + rest) in C.WIRE_NAMES)


_ADJECTIVE_CACHE: Final[dict[str, bool]] = {}


def _adjective(t: str) -> bool:
    r = _ADJECTIVE_CACHE.get(t)
    if r is None:
        r = C.remember(_ADJECTIVE_CACHE, t, _adjective_of(t))
    return r


def _adjective_of(t: str) -> bool:
    if not t.startswith("ال") and head_kind(t) in ("organization", "document"):
        return False  # "كلية" is a college, not a nisba
    if t in C.ADJECTIVES or C.is_nisba(t) or (t.startswith("ال") and len(t) == 5 and t.endswith("ي")):
        return True  # ("الصحي", "الفني": a short nisba)
    if t.startswith("الا") and len(t) == 6 and t[4] not in "اوي":
        return True  # the elative أفعل of three root letters: "الأوسط", "الأدنى", "الأقصر" (not "الأمير", "الإمام")
    bare = t[2:] if t.startswith("ال") else t
    # A participle ("المكلف", "المنتخب"), never a feminine plural ("المفاوضات") nor a verbal noun
    # of the shape مفاعلة ("المشاركة", "المتابعة"): nouns.
    if bare.endswith("ه") and len(bare) == 6 and bare[2] == "ا":
        return False
    return bare.startswith("م") and len(bare) >= 5 and not bare.endswith(_FEM_PLURAL_SUFFIX)


_NAME_LIKE_CACHE: Final[dict[str, bool]] = {}
_NAME_LIKE_INNER_CACHE: Final[dict[str, bool]] = {}


def _name_like(t: str, first: bool = True) -> bool:
    cache = _NAME_LIKE_CACHE if first else _NAME_LIKE_INNER_CACHE
    r = cache.get(t)
    if r is None:
        r = C.remember(cache, t, _name_like_of(t, first))
    return r


def _name_like_of(t: str, first: bool) -> bool:
    """Could this bare word be part of a proper name? Verbal nouns (the usual object of a
    reporting verb: "ضرورة", "استمرار", "ارتفاعاً", "تقديم") are not, nor, at the start of a name,
    words with a feminine ending."""
    if len(t) < 2 or not t[0].isalpha() or t in C.NP_STOPS or t in C.CONTENT_MARKERS or t in C.TIME_WORDS \
            or t in C.NUMBER_WORDS or t[0].isdigit():
        return False
    if first and t.endswith("ه") and len(t) > 3 and not t.endswith("الله") and not t.startswith("عبد"):
        return False  # (a feminine ending; "عبدالله", "عبدربه" are names: "servant of…")
    if t.endswith("وا") and len(t) >= 4:
        return False  # a verb in the plural: "واكتفوا", "قالوا"
    if t.endswith(("ها", "هم", "هما")) and len(t) >= 5:
        return False  # a noun with its pronoun: "أعلنت شيفرون تحملها نفقات…"
    if len(t) >= 5 and t.startswith(("يت", "يست", "تست")):
        return False  # a verb in the present: "يتمتع", "يستعد"
    if len(t) >= 6 and t.startswith(("است", "ان")) and t[-2] == "ا":
        return False  # استفعال, انفعال: "استمرار", "انسحاب"
    if len(t) >= 5 and t[0] == "ا" and t[2] == "ت" and t[-2] == "ا":
        return False  # افتعال: "ارتفاع", "اجتماع"
    if len(t) >= 6 and t[0] == "ا" and t[2] == "ت" and t[-1] == "ا" and t[-3] == "ا":
        return False  # the same with the accusative ending: "ارتفاعاً"
    return not (t.startswith("ت") and len(t) == 5 and t[3] == "ي")  # تفعيل: "تقديم", "تطوير"


def given_name(word: str) -> bool:
    """Could a normalised word be a given name ("أحمد", "ماجد"; not "الوزير", "قال", "رسمي")?"""
    return _name_like(word) and not _definite(word) and not is_cue_word(word) and word not in C.HONORIFIC_TITLES \
        and head_kind(word) is None and not _adjective(word)


def titled_name(title: str, given: str) -> bool:
    """Do two normalised words read as a title (or its last word) and a given name ("الاختصاصي
    … أحمد", "النفسي طارق")? Used to recognise the family name that follows them later on its own."""
    if not given_name(given):
        return False
    return head_kind(title) in ("official", "unnamed") or title in C.HONORIFIC_TITLES or (
        _definite(title) and (_adjective(title) or head_kind(title) is not None))


_BROKEN_PLURAL_CACHE: Final[dict[str, bool]] = {}


def _broken_plural(t: str) -> bool:
    r = _BROKEN_PLURAL_CACHE.get(t)
    if r is None:
        r = C.remember(_BROKEN_PLURAL_CACHE, t, _broken_plural_of(t))
    return r


def _broken_plural_of(t: str) -> bool:
    """A rough test for a broken plural ("قوات" no, "مصادر", "أعضاء", "قادة"): the shapes أفعال,
    فعالل, مفاعل."""
    bare = strip_article(t)
    return (len(bare) == 5 and bare[0] == "ا" and bare[3] == "ا") or (len(bare) == 5 and bare[2] == "ا") \
        or (len(bare) == 6 and bare[0] == "م" and bare[3] == "ا")


_PREFIXED_NOUN_CACHE: Final[dict[str, bool]] = {}


def _prefixed_noun(t: str) -> bool:
    r = _PREFIXED_NOUN_CACHE.get(t)
    if r is None:
        r = C.remember(_PREFIXED_NOUN_CACHE, t, _prefixed_noun_of(t))
    return r


def _prefixed_noun_of(t: str) -> bool:
    """A word with the preposition ب or ل on a verbal noun ("بتخفيض", "لتحقيق"): never a name."""
    return t[:1] in "بل" and len(t) >= 5 and not _name_like(t[1:], first=False)


_BOUNDARY_CACHE: Final[dict[str, bool]] = {}


def _boundary(t: str) -> bool:
    r = _BOUNDARY_CACHE.get(t)
    if r is None:
        r = C.remember(_BOUNDARY_CACHE, t, _boundary_of(t))
    return r


def _so_that(t: str) -> bool:
    """Is the word "فإن" with its pronoun ("فإنه", "فإنها"), which opens the words after a source
    ("حسب المتحدث … فإنه…"; never the particle of "فان بيرسي")?"""
    return t[:1] == "ف" and t[1:] in C.CONTENT_MARKERS and t not in C.NAME_PARTICLES


def _boundary_of(t: str) -> bool:
    """Does this token end a source phrase clearly: what introduces the words, punctuation, an
    addressee, a setting, a time, a relative pronoun?"""
    return (not t or not t[0].isalnum() or t == "ل" or t in C.CONTENT_MARKERS or t in C.SPEECH_NOUNS or t in C.TIME_WORDS
            or _so_that(t)
            or t in C.ADVERBS or t in _RELATIVES or t in C.NP_STOPS or is_addressee(t)
            or t in C.HONORIFIC_PRONOUNS or t in ("قايلا", "قايله"))


_IS_CUE_WORD_CACHE: Final[dict[str, bool]] = {}


def is_cue_word(t: str) -> bool:
    """Is the (normalised) word a reporting verb of the lexicon, with or without its conjunction?"""
    r = _IS_CUE_WORD_CACHE.get(t)
    if r is None:
        r = C.remember(_IS_CUE_WORD_CACHE, t, _is_cue_word_of(t))
    return r


def _is_cue_word_of(t: str) -> bool:
    return C.verb_form(t) is not None


_STOP_CACHE: Final[dict[str, bool]] = {}


# Verbal nouns of the shape فعول that reporting verbs take as their object ("أكد وجود…", "نفى
# وقوع…"). The shape alone is no sign: it is also a plural ("شؤون", "دول") and a name ("شروق",
# "سكوت").
_FUUL_NOUNS: Final = C._n("وجود وقوع وصول دخول خروج حضور حصول نزول سقوط صدور ثبوت قبول هبوط صعود عبور")


def _verbal_noun_shape(t: str) -> str:
    """The shape of a verbal noun, folded: "sure" for استفعال, افتعال, انفعال and تفعيل
    ("استمرار", "ارتفاع", "اتخاذ", "انسحاب", "تقديم") and the common فعول ones ("وجود",
    "وقوع"), which no person's name takes after a family name; "likely" for إفعال and فعالة
    ("إنشاء", "زيادة"), which some given names and plurals share ("إحسان", "أسامة",
    "أسباب"); "" otherwise."""
    n = len(t)
    if (n == 7 and t.startswith("است") and t[5] == "ا") or (n == 6 and t[0] == "ا" and t[2] == "ت" and t[4] == "ا") \
            or (n == 5 and t[0] == "ا" and t[1] == "ت" and t[3] == "ا") or (n == 6 and t[:2] == "ان" and t[4] == "ا") \
            or (n == 5 and t[0] == "ت" and t[3] == "ي") or t in _FUUL_NOUNS:
        return "sure"
    if (n == 5 and t[0] == "ا" and t[3] == "ا") or (n == 5 and t[2] == "ا" and t[4] == "ه"):
        return "likely"
    return ""


def _stop(t: str) -> bool:
    r = _STOP_CACHE.get(t)
    if r is None:
        r = C.remember(_STOP_CACHE, t, _stop_of(t))
    return r


def _stop_of(t: str) -> bool:
    if t[:1] in "وف" and len(t) > 2 and t[1:] in C.NP_STOPS:
        return True  # "وعن", "ولم", "وفي"
    if _so_that(t):
        return True
    return (t in C.NP_STOPS or t in C.CONTENT_MARKERS or t in C.SPEECH_NOUNS or t in C.TIME_WORDS
            or t in C.ADVERBS or t in C.HONORIFIC_PRONOUNS or t in _RELATIVES)


# ---------------------------------------------------------------- the source phrase


class _NP:
    """Reads one source phrase from token i; see the module docstring for the grammar."""

    __slots__ = ("after", "clean", "close", "coordinated", "head", "kind", "named", "quoted", "sv", "toks", "words")

    def __init__(self, sv: SentenceView) -> None:
        self.sv = sv
        self.toks = sv.tokens
        self.words: list[_Tok] = []
        self.kind: str | None = None
        self.head = ""
        self.named = False
        self.quoted = False
        self.clean = True
        self.after = 0
        self.close: _Tok | None = None  # a closing quotation mark that ends the phrase
        self.coordinated = 0  # how many words the phrase had when the last coordinated name began

    def tok(self, j: int) -> str:
        return self.toks[j].t if 0 <= j < len(self.toks) else ""

    def quoted_run(self, j: int, limit: int = 6) -> int:
        """The end (index after the closing quote) of a quoted or bracketed name at j, or -1."""
        if self.tok(j) not in _OPEN:
            return -1
        k = j + 1
        inner = 0
        while k < len(self.toks) and self.tok(k) not in _CLOSE and inner <= limit:
            t = self.tok(k)
            if not (t[0].isalnum() or t in ".-&'"):
                return -1
            inner += t[0].isalnum()
            k += 1
        if inner == 0 or self.tok(k) not in _CLOSE or inner > limit:
            return -1
        return k + 1

    def take(self, a: int, b: int) -> None:
        self.words.extend(t for t in self.toks[a:b] if t.t[0].isalnum())

    def apposition_end(self, j: int) -> int:
        """After a comma at j-1: the index of the comma that closes an appositive which a
        content marker (or another appositive) follows — "أكد الدكتور سليم النهدي، القيادي
        بالحراك الجنوبي اليمني بالقاهرة، أن…", "أعلنت وزارة الدفاع الأمريكية، البنتاغون، أمس عن…".
        Returns -1 when there is none."""
        t = self.tok(j)
        if not t or not t[0].isalpha() or _stop(t) or is_cue_word(t):
            return -1
        k = j
        while k < len(self.toks) and k - j < 12 and self.tok(k) not in (",", ";", ":", ".", "-", "–") \
                and self.tok(k) not in C.CONTENT_MARKERS and not is_cue_word(self.tok(k)):
            if self.tok(k) in _OPEN:
                q = self.quoted_run(k, 5)
                if q == -1 or k == j or self.tok(k - 1) == "ل" or is_addressee(self.tok(k - 1)):
                    # (a quotation inside it may be the words: only a short quoted name, and never
                    # whom it was told: "…، المتحدث الأمني لـ«الشرق الأوسط»، أن…")
                    return -1
                k = q  # "مريم البدر، مدير الاتصال المؤسسي في شركة "دولفين للطاقة"، إن…"
                continue
            k += 1
        if self.tok(k) not in (",", ";", "-", "–") or k == j:
            return -1
        title = head_kind(t) in ("official", "unnamed") or t in C.HONORIFIC_TITLES or C.is_nisba(t)
        alias = self.kind in ("organization", "outlet", "news agency") and k - j <= 2
        if not (title or alias):
            return -1
        if self.tok(k) != "," and self.tok(k) != ";":
            # "حاتم العريبي، الناطق الرسمي باسم الحكومة- في تصريحات صحفية أمس،: «…»": a dash
            # closes the appositive, and the occasion after it is no part of the phrase.
            return k if find_content(self.sv, k + 1)[0] in ("an", "colon", "quote") else -1
        m = k + 1
        while self.tok(m) in C.TIME_WORDS or self.tok(m) == ",":
            m += 1
        nxt = self.tok(m)
        if nxt in C.CONTENT_MARKERS or nxt == ":" or nxt == _QUOTE or self.apposition_end(k + 1) != -1:
            return k
        # "كومبا با، وزيرة الشباب والرياضة الموريتانية، في اجتماع عقدته…، إن «…»": an occasion
        # between the appositive and the words
        return k if (nxt == "في" or nxt in C.SETTING_PREPS) and not any(_occasion_at(self.toks, x) for x in range(j, k)) \
            and find_content(self.sv, m)[0] in ("an", "colon", "quote") else -1

    def appositive_at(self, j: int) -> bool:
        """After a comma: does an appositive (a title, a nationality, or the name of a titled
        person) follow, closed by another comma or by what introduces the words?"""
        t = self.tok(j)
        if not t or not t[0].isalpha():
            return False
        k = j
        while k < len(self.toks) and k - j < 14 and self.tok(k) not in (",", ":") and self.tok(k) not in C.CONTENT_MARKERS:
            if is_cue_word(self.tok(k)) or self.tok(k) in C.TIME_WORDS:
                return False
            k += 1
        if k == j or k - j >= 14 or k >= len(self.toks):
            return False
        if head_kind(t) == "official" or t in C.HONORIFIC_TITLES or (C.is_nisba(t) and self.tok(j + 1) and _name_like(self.tok(j + 1))):
            return True
        titled = self.kind == "official" and not self.named and t not in C.STATEMENT_NOUNS and not t.endswith("ات")
        return titled and k - j <= 4 and all(_name_like(self.tok(m)) or _definite(self.tok(m)) or self.tok(m) in C.NAME_PARTICLES for m in range(j, k))

    def read(self, i: int, glued: bool = False) -> Mention | None:
        toks, n = self.toks, len(self.toks)
        j = i
        q = self.quoted_run(j, 4)
        if q != -1 and self.tok(j) == _QUOTE and self.tok(j + 1) not in _SPEAKING_PRONOUNS:
            # A quoted name as the whole phrase: "«الأياتا»", '"سبق"'.
            self.take(j + 1, q - 1)
            self.quoted = True
            self.named = True
            self.after = q
            return self.mention()
        tentative = -1  # where a name that follows a closed title began (checked at the end)
        last_def = False  # the last word was definite: only adjectives or a name may follow
        last_adj = False  # the last word was an adjective: no construct chain after it
        in_name = False
        used_pp = False
        proper = False
        limit = 18
        while j < n and len(self.words) < limit:
            t = toks[j].t
            f = eulogy_end([tok.t for tok in toks[j : j + 6]], after_name=bool(self.words)) if t in _EULOGY_FIRST else 0
            if f:
                # "رسول الله صلى الله عليه وسلم", "الملك سلمان - حفظه الله -": a blessing closes
                # the phrase and is not part of it (nor a phrase of its own, but "قال تعالى")
                if self.words:
                    j += f
                    self.named = True  # (a blessing follows only a name)
                elif j == i and toks[j].t in _PROPHETIC_FIRST and eulogy_end([tok.t for tok in toks[j : j + 6]], after_name=False) == f:
                    # "فقال عليه الصلاة والسلام: …", "قال صلى الله عليه وسلم: …": a blessing right
                    # where the subject stands is the one blessed, named by it
                    self.take(j, j + f)
                    self.kind = "person"
                    self.named = True
                    j += f
                break
            if t in (",", ";"):
                end = self.apposition_end(j + 1) if self.words else -1
                if end != -1:
                    self.take(j + 1, end)
                    if self.toks[end - 1].t in _CLOSE:
                        self.close = self.toks[end - 1]  # (its quoted name's closing mark)
                    self.named = self.named or any(_name_like(w.t) for w in toks[j + 1 : end])
                    j = end
                    if self.tok(j) == "," and self.apposition_end(j + 1) != -1:
                        continue  # another appositive: "X، المستشار العسكري للرئيس، قائد عمليات «…»، إن…"
                    break
                if self.words and self.appositive_at(j + 1):
                    if in_name and head_kind(toks[j + 1].t) == "official":
                        # "شانون دويل، مستشارة مالية بشركة…": a title in apposition confirms the name
                        self.named = True
                        self.kind = self.kind or "official"
                        tentative = -1
                    j += 1
                    last_def = last_adj = in_name = False
                    continue
                break
            if t in _OPEN:
                # (after a body's head, its quoted name may be longer: "مدير منظمة «بابلك سيتيزن
                # غلوبال تريد ووتش»")
                body = bool(self.words) and head_kind(self.words[-1].t) in ("organization", "outlet", "news agency")
                q = self.quoted_run(j, 6 if body else 4)
                # (a noun in construct wants its genitive: after an indefinite noun that is no part of
                # a name, a short quotation is that genitive, a name: "المتحدث باسم حملة "وان كامباين"")
                construct = not last_def and toks[j].t != "(" and (len(self.words) == 1 or (
                    len(self.words) > 1 and not in_name and not last_adj and not self.words[-1].t[0].isdigit()
                    and len(self.words[-1].t) > 2 and (not _name_like(self.words[-1].t) or head_kind(self.words[-1].t) in (
                        "organization", "outlet", "news agency", "group", "document")
                        # (an indefinite noun right after the title's preposition is in construct:
                        # "المشرف على برنامج "إحالتي" سليمان الشريع")
                        or (self.words[-2].t in ("علي", "في", "من") and not _definite(self.words[-1].t)))))
                titled = bool(self.words) and (self.words[-1].t in C.HONORIFIC_TITLES or head_kind(self.words[-1].t) == "official") \
                    and toks[j].t != "(" and q != -1 and q - j <= 4 and all(_name_like(w.t, first=False) for w in toks[j + 1 : q - 1])
                if self.words and q != -1 and (self.kind in ("outlet", "news agency", "organization", "group", "document")
                                               or construct or titled):
                    # (a title with its holder's name in quotation marks: 'العقيد "القرشي"')
                    # (and a noun in construct with a quoted name: "ضيف «روتانا خليجية»")
                    self.take(j, q)  # "صحيفة “جاكرتا بوست”", "شركة «بيونغ»", "كلية التميز (موندراجون)"
                    self.close = toks[q - 1]
                    self.named = True
                    j = q
                    last_def = True
                    if titled and not construct and self.kind not in ("outlet", "news agency", "organization", "group", "document"):
                        break  # the holder's quoted name closes the phrase
                    continue
                break
            if t == "." and self.words and j + 1 < n and toks[j - 1].e == toks[j].s == toks[j + 1].s - 1 and toks[j + 1].t[0].isalnum():
                j += 1  # "بي.بي.سي"
                continue
            if t == "." and len(self.words) == 1 and len(self.words[0].t) == 1 and self.words[0].t in C.HONORIFIC_TITLES:
                j += 1  # "د. بدر السمحان"
                continue
            if not t[0].isalnum():
                break
            if self.close is not None and toks[j - 1] is self.close and C.is_nisba(t) and _definite(t):
                # "زعيم «حزب الله» اللبناني حسن نصر الله": the quoted name's adjective of origin;
                # its holder's name may follow
                self.words.append(toks[j])
                last_def = last_adj = True
                in_name = False
                j += 1
                continue
            if t == "امام" and self._spelled(j).startswith("إ"):
                # "إمام وخطيب المسجد الحرام": the imam (spelled with hamza below), not "أمام" (before)
                self.words.append(toks[j])
                self.kind = self.kind or "official"
                last_def = last_adj = in_name = False
                j += 1
                if self.tok(j) in ("وخطيب", "وخطيبا"):
                    self.words.append(toks[j])
                    j += 1
                continue
            if not self.words:
                particle = (t in C.NAME_PARTICLES or t == "ام") and _name_like(self.tok(j + 1)) \
                    and not _definite(self.tok(j + 1))  # "فان بيرسي", "أبو بكر", "أم محمد"
                if (_stop(t) and not particle) or ((is_addressee(t) or t.startswith("لل")) and not glued) \
                        or t in C.TIME_NOUNS or t[0].isdigit():
                    break  # (a phrase opens with لـ only after a preposition it is glued to: "وفقا للمرصد")
                if self._accusative(j) and t.endswith("ا"):
                    break  # "قال نصاً:", "أكد مجدداً": an adverb, not a source
                if is_cue_word(t) and not (t[:1] not in "مايتق" and (self.tok(j + 1) in C.CONTENT_MARKERS
                                                                      or self.tok(j + 1) == "ل")):
                    break  # a verb, unless a name spelled like one ("رؤى") stands alone before أن
                word = t[2:] if glued and t.startswith("لل") else (t[1:] if glued and t.startswith("ل") else t)
                self.kind = head_kind(word) or head_kind(t) or _bodies(word)
                self.head = word
                if self.kind is None and word.endswith("و") and len(word) >= 5 and not _definite(word) \
                        and not _prepositional(self.tok(j + 1)):
                    # "مبتكرو هذه التقنية", "ناشطو حلب": a plural in construct, its genitive right
                    # after it (never a preposition: "أوغلو لهيئة الإذاعة" is a name, then whom he told)
                    self.kind = "group"
                in_name = self.kind is None and not _definite(word) and word not in C.QUANTIFIERS \
                    and word not in C.CONSTRUCT_HEADS and not (glued and t.startswith("لل"))
                if word in C.HONORIFIC_TITLES:
                    self.kind = self.kind or "official"
                self.words.append(toks[j])
                last_def = (_definite(word) or (glued and t.startswith("لل"))) and word not in C.CONSTRUCT_HEADS
                j += 1
                continue
            prev = self.words[-1].t
            if prev.startswith("لل") and "ال" + prev[2:] in C.HONORIFIC_TITLES:
                prev = "ال" + prev[2:]  # "دراسة للدكتور مسلم شلتوت": the title wants its name
            if t in ("نفسه", "نفسها", "ذاته", "ذاتها") and (in_name or self.named or last_def):
                self.words.append(toks[j])  # "درويش نفسه"
                j += 1
                break
            if t in ("هذه", "هذا", "هولاء") and not last_def and not last_adj and (not in_name or len(self.words) == 1) \
                    and _definite(self.tok(j + 1)):
                self.words.extend(toks[j : j + 2])  # "مبتكرو هذه التقنية", "محامي هؤلاء الأشخاص"
                j += 2
                last_def = True
                continue
            if t[:1] == "و" and len(t) > 3 and self.kind in ("group", "unnamed") and head_kind(t[1:]) in ("group", "unnamed"):
                self.words.append(toks[j])  # "مسؤولون في قطاع الصحة وسكان"
                j += 1
                last_def = _definite(t[1:])
                last_adj = in_name = False
                continue
            if t in _ISSUED and self.tok(j + 1) in ("عن", "من") and self._current_kind() == "document":
                self.words.extend(toks[j : j + 2])  # "تقرير صادر عن هيئة الموانئ"
                j += 2
                last_def = last_adj = in_name = False
                self.kind = "document"
                continue
            if t in _MADE_PASSIVE and self.tok(j + 1) == "من" and self.tok(j + 2) == "قبل" \
                    and self._current_kind() == "document":
                self.words.extend(toks[j : j + 3])  # "دراسة أجريت من قبل عالم الأحياء…": its author follows
                j += 3
                last_def = last_adj = in_name = False
                self.kind = "document"
                continue
            if t == "غير" and _definite(self.tok(j + 1)) and last_def:
                self.words.extend(toks[j : j + 2])  # "التسريبات غير المؤكدة": a negated adjective
                j += 2
                last_adj = True
                continue
            if t == "علي" and (prev in _OVERSEEING or ((prev in ("العام", "العامه") or _adjective(prev)) and len(self.words) > 1
                                                       and self.words[-2].t in _OVERSEEING)) \
                    and self.tok(j + 1)[:1].isalpha() and not _stop(self.tok(j + 1)):
                # "المشرف العام على وكالة التنمية": the title takes على and what it oversees.
                self.words.append(toks[j])
                last_def = last_adj = in_name = False
                j += 1
                continue
            if t in ("علي", "عن") and prev.startswith("لل") and len(prev) > 4 and not prev.endswith(("ين", "ات", "ون")) \
                    and self._current_kind() in ("organization", "group") and (_definite(self.tok(j + 1)) or (
                        self.tok(j + 1)[:1].isalpha() and not _stop(self.tok(j + 1)) and _definite(self.tok(j + 2)))):
                # "اللجنة السعودية للرقابة على المنشطات", "جماعة … للدفاع عن حقوق الإنسان": what a
                # body's task is about is part of its name
                self.words.append(toks[j])
                last_def = last_adj = in_name = False
                j += 1
                continue
            if t in ("من", "في", "ل", "لدي") or (t.startswith("ل") and len(t) > 3 and last_adj and prev.startswith("الم")) \
                    or self._placed_as_in(t, prev):
                pp = self._pp(j, prev, used_pp)
                if pp:
                    used_pp = used_pp or prev not in C.QUANTIFIERS
                    self.words.extend(toks[j:pp])
                    j = pp
                    last_def = _definite(toks[pp - 1].t)
                    last_adj = in_name = False
                    continue
            if t == "علي" and self.kind == "group" and self.tok(j + 1) in _SOCIAL_AFTER_ALA:
                # "ناشطون على مواقع التواصل الاجتماعي": the platform closes the phrase.
                self.words.extend(toks[j : j + 2])
                j += 2
                while self.tok(j) in _SOCIAL_TAIL:
                    self.words.append(toks[j])
                    j += 1
                self.kind = "social media"
                break
            if t in ("باسم", "باسمه", "باسمها", "باسمهم", "باسمهما") and any(
                    (w.t[1:] if w.t.startswith("وال") else w.t) in ("المتحدث", "متحدث", "الناطق", "ناطق", "المتحدثه", "الناطقه")
                    for w in self.words[-2:]):  # (also "…والمتحدث الرسمي باسم…")
                self.words.append(toks[j])  # "المتحدث باسم وزارة الخارجية"
                j += 1
                if t != "باسم":
                    break  # "المتحدث باسمه": his spokesman, the phrase is whole
                last_def = last_adj = False
                continue
            if t in _TITLE_TIME_ADJECTIVES and last_def and self.kind == "official":
                self.words.append(toks[j])  # "الرئيس التنفيذي الحالي", "النائب الأول"
                last_def = last_adj = True
                j += 1
                continue
            if t == "ام" and not last_def and len(self.words) == 1 and (_definite(self.tok(j + 1)) or _name_like(self.tok(j + 1))):
                self.words.extend(toks[j : j + 2])  # "جامعة أم القرى": a name, not "or"
                last_def = _definite(self.tok(j + 1))
                in_name = not last_def
                self.named = True
                proper = True  # a whole proper name: no other name follows it
                j += 2
                continue
            if t in C.RANK_QUALIFIERS and self.words and (prev in C.MILITARY_RANKS or prev in C.RANK_QUALIFIERS) \
                    and self._rank_at(j, t):
                # "العميد الطيار الركن صالح بن طالب", "الفريق أول ركن عبدالرحمن البنيان": a rank and
                # its qualifiers, then its holder's name
                self.words.append(toks[j])
                self.kind = self.kind or "official"
                in_name = last_adj = False
                last_def = True
                j += 1
                continue
            particle = t in C.NAME_PARTICLES and (in_name or last_def or last_adj) and _name_like(self.tok(j + 1))
            if (_stop(t) and not particle) or t in C.HONORIFIC_PRONOUNS \
                    or (is_addressee(t) and not (_wire_with_lam(t) and self._current_kind() == "document")):
                break  # (but "مسح لرويترز", "استطلاع للأناضول": a wire's own survey, read below)
            if is_cue_word(t) and not (prev in _KINSHIP_PARTICLES and in_name):
                break  # (but "صالح بن طالب", "أبو طالب": a name that is spelled like a verb)
            if prev in C.HONORIFIC_TITLES and (head_kind(t) in ("official", "unnamed") or t in C.HONORIFIC_TITLES) \
                    and not _definite(t):
                # "سعادة مدير عام شؤون الموظفين", "معالي وزير الصحة": an honorific before a title.
                self.words.append(toks[j])
                self.kind = self.kind if self.kind not in (None, "") else "official"
                in_name = last_def = last_adj = False
                j += 1
                continue
            if prev in C.HONORIFIC_TITLES and ((t[:1] in "بل" and _definite(t[1:])) or t.startswith("لل")):
                self.kind = self.kind or "official"  # "الأستاذ بالجامعة الإسلامية": a title and its place
            elif (prev in C.HONORIFIC_TITLES and not _definite(t) and _name_like(t, first=False) and not _prefixed_noun(t)
                  and not (t[:1] in "بل" and head_kind(t[1:]) in ("organization", "outlet", "news agency"))) \
                    or (prev in C.NAME_PARTICLES and (_definite(t) or _name_like(t, first=False))):
                # A title or a name particle wants what follows: "الدكتور علي", "عبد الله", "بن سلمان"
                # (not "المحلل السياسي": an adjective of the title).
                self.words.append(toks[j])
                in_name = True
                self.named = True
                last_def = last_adj = False
                tentative = -1
                j += 1
                continue
            name_slot = in_name or (last_def and self.kind in ("official", "person", None))
            if (t.startswith("ل") and len(t) > 3 and not t.startswith("لل")) or (t.startswith("لل") and len(t) > 3 and t not in _RELATIVE_LAM):
                rest = t[2:] if t.startswith("لل") else t[1:]
                headed = head_kind(rest) is not None or head_kind("ال" + rest) is not None \
                    or (t.startswith("لل") and head_kind(t[1:]) is not None)  # ("للجنة": لـ + لجنة)
                current = self._current_kind()
                wire_survey = current == "document" and _wire_with_lam(t)  # "مسح لرويترز"
                if current in ("official", "organization", "document", "unnamed", "group", "news agency", "outlet") and (
                        not in_name or t.startswith("لل")) and (
                        headed or (current != "document" and _name_like(rest, first=False))
                        or wire_survey
                        or (current == "organization" and t.startswith("لل") and not is_addressee(t))
                        # "المدير العام للتعليم", "الرئيس التنفيذي للاستثمار": the office's field
                        or (current == "official" and t.startswith("لل") and prev in _OFFICE_ADJECTIVES
                            and not is_addressee(t))):
                    # ("شركة آسيا للاستثمار": what a body does, in its name)
                    # ("مركز الملك سلمان للإغاثة": a body named after a person goes on)
                    self.words.append(toks[j])  # "الرئيس التنفيذي للاتحاد", "بيان لنقابة المعلمين"
                    last_def = t.startswith("لل")
                    last_adj = in_name = False
                    tentative = -1
                    j += 1
                    if wire_survey:
                        break  # the wire's name ends the phrase ("مسح لرويترز الأسبوع الماضي")
                    continue
                if not name_slot or t.startswith("لل") or headed:
                    break  # ("وذكر أوغلو لهيئة الإذاعة أن…": whom he told, not his name)
            if t in C.TITLE_MODIFIERS:
                self.words.append(toks[j])  # "القنصل السعودي العام بالإنابة"
                last_def = last_adj = True
                j += 1
                continue
            if t.startswith("ب") and len(t) > 3:
                rest = t[1:]
                if self.kind in ("official", "unnamed", "organization", "group", "person", "document") and (
                        head_kind(rest) in ("organization", "outlet") or strip_article(rest) in _PLACE_HEADS or rest in _PLACE_HEADS):
                    self.words.append(toks[j])  # "مسؤول بمكتب أولوند", "المركز الإعلامي بالنادي الأهلي"
                    last_def = _definite(rest)
                    last_adj = in_name = False
                    j += 1
                    continue
                nxt_t = self.tok(j + 1)
                if self.kind == "official" and not self.named and len(self.words) >= 2 and _definite(rest) \
                        and (nxt_t in C.GIVEN_NAMES or nxt_t in C.HONORIFIC_TITLES) and not _stop(rest) \
                        and rest not in C.HONORIFIC_TITLES and head_kind(rest) is None and not _adjective(rest):
                    # "مدير إدارة كرة القدم بالهلال فهد المفرج": where the office is, then its
                    # holder's name (a given name or an honorific)
                    self.words.append(toks[j])
                    last_def = True
                    last_adj = in_name = False
                    j += 1
                    continue
                if _definite(rest) or (not name_slot and (last_def or last_adj)):
                    break
            coordinated = t.startswith("و") and len(t) > 4 and _definite(t[1:])
            construct = len(self.words) == 2 and not _definite(self.words[0].t) and head_kind(self.words[0].t) is None \
                and self.words[0].t not in C.QUANTIFIERS and _definite(prev) and not _adjective(prev) \
                and _name_like(self.tok(j + 1)) and not _definite(self.tok(j + 1))
            if coordinated and ((last_def and not in_name and (construct or self._current_kind() in (
                    "organization", "document", "official", "outlet")) and not _adjective(t[1:]))
                                or (last_adj and C.is_nisba(t[1:]))):
                # (and a noun in construct with two genitives before a name: "مقاول البناء
                # والتشييد أحمد الجهني")
                self.words.append(toks[j])  # "الهيئة العامة للسياحة والآثار", "الغذاء والدواء"
                j += 1
                continue
            if t.startswith("و") and len(t) > 3 and (head_kind(t[1:]) == "official" or t[1:] in C.HONORIFIC_TITLES) \
                    and self.kind == "official":
                self.words.append(toks[j])  # "المبعوث الخاص ومنسق شئون الطاقة"
                last_def = _definite(t[1:])
                last_adj = in_name = False
                j += 1
                continue
            if _definite(t) and (self.named or (self.kind in ("organization", "outlet", "news agency") and len(self.words) >= 2)) \
                    and _participle(t) and self.tok(j + 1) in ("من", "في", "علي") \
                    and prev not in _APPOSITION_OPENERS and head_kind(prev) is None \
                    and not t.endswith(("ي", "يه")) \
                    and not (prev[:1] == "و" and _definite(prev[1:])):  # ("رشا المندلاوي في…": a family name;
                # "لجنة الاستثمار والأوراق المالية في…": the adjective of a coordinated noun)
                break  # "شركة سوما المدعومة من قبل…": a description with its own complement
            if t == "الدين" and in_name and self.words:
                self.words.append(toks[j])  # "نجم الدين", "صلاح الدين": one given name
                j += 1
                continue
            if in_name and _definite(t) and (t in C.TIME_NOUNS or t in C.TIME_WORDS) and t not in ("العام", "العامه"):
                break  # "وقال كيري الشهر الماضي إنه…": a time, never a family name ("العام" is also "general")
            if _definite(t):
                title = t in C.HONORIFIC_TITLES or head_kind(t) == "official"
                if in_name and not title and not t.endswith(("يين", "يون")):
                    # A family name with the article ends a name: "علي العمير", "عطية بن محمد
                    # الزهراني" (not "أعلن… حادث التفجير الإجرامي": an adjective follows that).
                    m = j + 1
                    if _definite(self.tok(m)) and not _adjective(self.tok(m)) \
                            and head_kind(self.tok(m)) not in ("official", "unnamed") and self.tok(m) not in C.HONORIFIC_TITLES:
                        m += 1  # "محمد خالد الحمد الصباح" (not "بدر السمحان المدير الإقليمي": a title)
                    nxt_t = self.tok(m)
                    if m > j + 1 and not (nxt_t in C.CONTENT_MARKERS or nxt_t in (",", ":", _QUOTE, "ل") or is_addressee(nxt_t)):
                        # Two family names only right before the words; otherwise the second
                        # definite word is the verb's object ("عدّ الشيخ عبدالرحمن السديس الشباب…").
                        m, nxt_t = j + 1, ","
                    if _boundary(nxt_t) or nxt_t in ("في", "من", "ل") or is_cue_word(nxt_t) or nxt_t in (",", ";") \
                            or head_kind(nxt_t) in ("official", "unnamed") or nxt_t in C.HONORIFIC_TITLES \
                            or nxt_t in _APPOSITION_OPENERS:
                        self.words.extend(toks[j:m])
                        in_name = False
                        last_def = True
                        j = m
                        continue
                    if m == j + 1 and (prev in C.GIVEN_NAMES or self._nisba_family(j)) and len(self.words) >= 2 \
                            and not (t.endswith("يه") and not self.words[0].t.endswith("ه")):
                        # After a known given name its family name ends the phrase, whatever follows:
                        # "أكد الوزير محمد الجاسر ضرورة…" (the verb's object); a feminine word is the
                        # adjective of a feminine body ("مدينة الملك عبدالله الطبية"), never a
                        # description of a person ("سلمى فؤاد الأثرية")
                        self.words.append(toks[j])
                        self.named = True
                        tentative = -1
                        j += 1
                        break
                    if len(self.words) == 1 and not self.named:
                        # "مرشد الجمهورية الإيرانية": the first word was a noun in construct, not a name.
                        self.words.append(toks[j])
                        in_name = False
                        last_def = True
                        j += 1
                        continue
                    break
                if not last_def and not last_adj and not in_name:
                    # The construct chain ends in its definite word: "وزير الخارجية", "رئيس منظمة الطاقة".
                    self.words.append(toks[j])
                    last_def = True
                    j += 1
                    continue
                if title:
                    # A title in apposition: "توني تايلر الرئيس التنفيذي", "العميد الطبيب عطية".
                    self.words.append(toks[j])
                    self.kind = self.kind or head_kind(t) or "official"
                    last_def = True
                    last_adj = in_name = False
                    tentative = -1
                    j += 1
                    continue
                if (_adjective(t) and self._agrees(t)) or t in C.TITLE_MODIFIERS:
                    self.words.append(toks[j])  # "الإيراني", "العامة", "المكلف"
                    last_def = last_adj = True
                    j += 1
                    continue
                if last_def and t.endswith("ه") and (prev.endswith("ات") or _broken_plural(prev)) and _definite(prev) \
                        and head_kind(t) is None and not _stop(t) and not is_cue_word(t) and len(t) >= 6:
                    self.words.append(toks[j])  # "القيادات الوسيطة": a plural's adjective in the feminine
                    last_def = last_adj = True
                    j += 1
                    continue
                nxt_t = self.tok(j + 1)
                if len(self.words) == 1 and self.kind == "official" and not self.named and (
                        nxt_t in (",", ";", ":") or (nxt_t in C.CONTENT_MARKERS and not nxt_t.startswith("ب")) or is_addressee(nxt_t)):
                    self.words.append(toks[j])  # "وأوضح الوزير الجبير، …": a title and the family name
                    self.named = True
                    j += 1
                    break
                break  # a new phrase: the verb's object ("وصف الوزير المفاوضات")
            # A bare word (no article).
            if t == "ل":
                q = self.quoted_run(j + 1, 4)
                holder = self.tok(q) if q != -1 else ""
                if self.kind == "official" and not in_name and self.tok(j + 1) == _QUOTE and holder and _name_like(holder) \
                        and not _definite(holder) and head_kind(holder) is None and not is_cue_word(holder):
                    # "الرئيس التنفيذي لـ«زين» سعد البراك": with its holder's name after it, the
                    # quoted name is the office's body, never whom it was said to
                    self.take(j, q)
                    self.close = toks[q - 1]
                    self.named = True
                    last_def = True
                    j = q
                    continue
                if q != -1 and self.tok(j + 1) == _QUOTE and self.words and self.words[-1].t in _OFFICE_ADJECTIVES \
                        and any(head_kind(w.t) == "official" for w in self.words):
                    # "جون فالون، المدير العام لـ«بيرسون»:", "الرئيس التنفيذي لـ”زين السعودية” إلى أن":
                    # an office's body, in quotation marks, closes the phrase
                    self.take(j, q)
                    self.close = toks[q - 1]
                    j = q
                    break
                break  # the lone lam of "لـ«عكاظ»": to whom it was said, after the source
            if self.words and len(t) == 5 and t[1] == "ا" and t.endswith("ا"):
                break  # "…في الحركة رافضاً الكشف عن اسمه": a participle in the accusative, how he spoke
            if self.words and (t in _ACCUSATIVE_OBJECTS or (t.endswith("ا") and (
                    t[:-1] in C.SPEECH_NOUNS or head_kind(t[:-1]) == "document"))):
                break  # "أصدرت جامعة تبوك بيانا": the object, in the accusative
            if not last_def and not last_adj and not in_name:
                # An indefinite construct chain: "رئيس منظمة", "منسق شئون", "مسح لإنتاج".
                self.words.append(toks[j])
                nxt_t = self.tok(j + 1)
                last_adj = C.is_nisba(t) and head_kind(t) is None and not (_definite(nxt_t) and not _adjective(nxt_t)) \
                    and not (self.kind == "official" and len(self.words) == 2 and t.endswith("يه"))
                # ("وزير خارجية مصر": after a title a feminine nisba is a noun in construct)
                if last_adj and len(self.words) == 2 and self.kind in ("outlet", "news agency") and not t.endswith("يه") \
                        and _name_like(nxt_t) and not _definite(nxt_t) and head_kind(nxt_t) is None \
                        and not C.is_nisba(nxt_t) and not is_cue_word(nxt_t) and not _prefixed_noun(nxt_t):
                    # "صحيفة صنداي مورنينغ بوست": after a body's head, bare words are its name,
                    # whatever their ending
                    last_adj, in_name = False, True
                j += 1
                continue
            if (in_name or self.named) and (t in _APPOSITION_OPENERS or head_kind(t) is not None) \
                    and not _definite(t):
                # "بخاري دان معلم أحد سكان قرية مجاورة", "ادريان لودفيج كبير الخبراء": a description
                # in apposition to the name.
                self.words.append(toks[j])
                self.named = True
                self.kind = self.kind or head_kind(t) or "official"
                tentative = -1
                in_name = last_def = last_adj = False
                j += 1
                continue
            if in_name and t[:1] == "و" and len(t) > 3 and _name_like(t[1:]) and not _definite(t[1:]) \
                    and not t.endswith(("ات", "ون", "ين")) and not any(w.t.endswith(("ات", "ون", "ين")) for w in self.words) \
                    and not _prefixed_noun(t[1:]) and not _broken_plural(t[1:]) \
                    and head_kind(t[1:]) is None and not is_cue_word(t[1:]) and len(self.words) >= 2 \
                    and all(_name_like(w.t, first=False) or _definite(w.t) or w.t in C.NAME_PARTICLES
                            or (w.t[:1] == "و" and _name_like(w.t[1:])) for w in self.words) \
                    and not any(head_kind(w.t) or w.t in C.HONORIFIC_TITLES for w in self.words) \
                    and (_name_like(self.tok(j + 1), first=False) or (_definite(self.tok(j + 1)) and (
                        not _adjective(self.tok(j + 1)) or self.tok(j + 1).endswith("ي")))):
                # "وذكر سعد إبراهيم ومحمد حديدي وشائع عداوي أن…": names in a row, each with its family name
                self.coordinated = len(self.words)
                self.words.append(toks[j])
                self.named = True
                self.kind = "person"  # (people named one by one: no quoted name follows as theirs)
                tentative = -1
                j += 1
                continue
            if t in ("يدعي", "تدعي") and self.words and not last_def and _name_like(self.tok(j + 1)) \
                    and not _definite(self.tok(j + 1)):
                # "شاهد عيان يدعى أحمد اكاي": "called", then the name
                m = j + 1
                while m < n and m - j <= 3 and (_name_like(toks[m].t, first=m == j + 1) or toks[m].t in C.NAME_PARTICLES) \
                        and not _stop(toks[m].t) and not is_cue_word(toks[m].t):
                    m += 1
                self.words.extend(toks[j:m])
                self.named = True
                j = m
                break
            if in_name and t in _REGNAL and len(self.words) >= 2:
                self.words.append(toks[j])  # "الملك محمد السادس", "البابا بنديكت السادس عشر"
                j += 1
                if self.tok(j) == "عشر":
                    self.words.append(toks[j])
                    j += 1
                continue
            if in_name and _name_like(t, first=False) and not self._accusative(j) \
                    and not (t.endswith("يه") and (t[0] in "بلكف" or (self.tok(j + 1) not in (",", ":")
                                                                     and self.tok(j + 1) not in C.CONTENT_MARKERS))) \
                    and not (t.endswith("ا") and self.tok(j + 1).endswith("يا") and C.is_nisba(self.tok(j + 1)[:-1])) \
                    and not (t == "حسب" and self.tok(j + 1) not in ("الله", "النبي", "الرسول")) \
                    and not _prefixed_noun(t) \
                    and self._run() < 4:
                self.words.append(toks[j])
                if tentative == -1 and len(self.words) == 2 and self.kind is None:
                    tentative = 1  # "فان بيرسي": a name, if what follows ends a source phrase
                j += 1
                continue
            if last_adj and not last_def and (C.is_nisba(t) or t in _PLAIN_ADJECTIVES):
                self.words.append(toks[j])  # "مسؤول محلي رفيع", "دراسة علمية حديثة": indefinite adjectives
                j += 1
                continue
            if last_def and not proper and not self._collective() and t not in _ACCUSATIVE_OBJECTS \
                    and not (t[:1] not in "لو" and self._nameless()) and (
                    _name_like(t) or (t.endswith("ه") and t[:1] not in "بلوف" and _name_like(t, first=False)
                                               and _definite(self.tok(j + 1))
                                               and (not _adjective(self.tok(j + 1)) or self._feminine_name(j)))) \
                    and not self._accusative(j) and not _prefixed_noun(t):
                # A name after a closed title: "وزير النفط الكويتي علي العمير" (checked below).
                if tentative == -1:
                    tentative = len(self.words)
                self.words.append(toks[j])
                in_name = True
                last_def = last_adj = False
                j += 1
                continue
            break  # the verb's object ("أعلنت الوزارة تسجيل…")
        ahead = j + 1
        if j + 2 < n and toks[j + 1].t in ("الي", "علي") and self.words and (
                self.words[-1].t in C.HONORIFIC_TITLES or head_kind(self.words[-1].t) == "official"):
            ahead = j + 2  # "أشار المهندس العطار إلى أن": a family name after a title, then the verb's own preposition
        if self.words and ahead < n and _definite(toks[j].t) and not _stop(toks[j].t) and not is_addressee(toks[j].t) \
                and toks[j].t not in _ATTENTION and len(self.words) < limit and (
                    (toks[ahead].t in C.CONTENT_MARKERS and not toks[ahead].t.startswith("ب"))
                    # "وأشار الدكتور الغفيص إلى توسع…": after an honorific alone, a definite word
                    # that no adjective could be is the family name, whatever the preposition opens
                    or (ahead == j + 2 and len(self.words) == 1 and self.words[0].t in C.HONORIFIC_TITLES
                        and not _adjective(toks[j].t)
                        and head_kind(toks[j].t) is None and toks[ahead].t[:1].isalpha())):
            self.words.append(toks[j])  # "قال المسؤولون الأفغان إن": the phrase runs to أن
            j += 1
        self.after = j
        if len(self.words) >= limit:
            self.clean = False
        if self.words and self.kind is None:
            self.kind = next((k for w in self.words[1:] if (k := head_kind(w.t))), None)
        nxt = self.tok(self.after)
        if tentative != -1:
            # A name that follows a title must be followed by what ends a source phrase; otherwise
            # the words were the verb's object ("أكد الوزير تحفظ…"). A name ending in ة ("جمعة")
            # must be followed by what introduces the words ("أكد الوزير ضرورة الإسراع في…" is
            # not a name).
            feminine_start = False
            if tentative < len(self.words) and self.words[tentative].t.endswith("ه"):
                a, b = self.sv.orig(self.words[tentative].s, self.words[tentative].e)
                # spelled ة, not ه ("عبده" is a name)
                feminine_start = self.sv.text[a:b].rstrip(_HARAKAT).endswith("ة")
            family = tentative < len(self.words) and self._feminine_name(self._index_after(self.words[tentative]) - 1)
            if any(w.t in _AFTER_PLURALS for w in self.words[tentative:]):
                # "أوضحت الهيئة طرق عدة وإرشادات…": "several" follows a plural noun, the verb's
                # object, never a name
                del self.words[tentative:]
                self.after = self._index_after(self.words[-1]) if self.words else i
            elif feminine_start and not family and not (nxt in C.CONTENT_MARKERS or nxt in (",", ":", _QUOTE, "ل") or is_addressee(nxt)):
                # ("سارة العلي": a family name with the nisba ending makes it a name)
                del self.words[tentative:]
                self.after = self._index_after(self.words[-1]) if self.words else i
            elif _boundary(nxt) or nxt in ("في", "من", "ل", "حسب", "وفقا", "طبقا") or is_cue_word(nxt) or nxt == "," or (
                    head_kind(nxt) == "official" and not _definite(nxt)) or (  # "الملك محمد السادس ملك المغرب"
                    nxt in C.TIME_NOUNS and nxt not in ("العام", "العامه")) or nxt in C.TIME_WORDS or (
                    _participle(nxt) and self._described(self.after)) or (
                    _definite(nxt) and _description_end(self.toks, self.after, ("الي",), comma=True) != -1) or (
                    self.kind is None and _prepositional(nxt)):  # "داود أوغلو لهيئة الإذاعة": a name, then to whom
                self.named = True  # ("الغاني سولي مونتاري المنضم حديثا لصفوف الفريق، إن…": described)
            elif tentative < len(self.words) and self.words[tentative].t in C.GIVEN_NAMES \
                    and len(self.words) - tentative >= 2 and _definite(self.words[-1].t):
                self.named = True  # "أكد الوزير محمد الجاسر ضرورة…": a known given name and the family's
            else:
                del self.words[tentative:]
                self.after = self._index_after(self.words[-1]) if self.words else i
        elif len(self.words) == 1 and in_name and _name_like(self.words[0].t) and (
                _boundary(nxt) or nxt in _ATTENTION or (C.verb_form(nxt) or "")[:1] not in ("", "م", "ب")):
            self.named = True  # "وقال ستاثاكيس إن…", "لكن دريك قال إن…": a name on its own
        while self.words and (self.words[-1].t in _FINAL_PARTICLES or (
                len(self.words) > 1 and self.words[-1].t in C.HONORIFIC_TITLES and not C.is_nisba(self.words[-1].t)
                and self.words[-2].t not in C.NAME_PARTICLES  # ("آل الشيخ" is a family name)
                and not self._family_title())):
            # "مستشار خامنئي الدكتور": a title that wants a name never ends the phrase.
            self.words.pop()
            self.clean = False
        cut = next((k for k in range(1, len(self.words)) if self._possessed(self.words[k])
                    and self._after_a_name(self.words[k - 1].t)
                    and self._object_follows(self._index_after(self.words[k]))), -1)
        if cut != -1:
            # "وأكد بوتين قبوله الدعوة", "واختتم باوارث حديثه بالقول": a noun with its possessive
            # pronoun after a name is the verb's object; the name ended before it
            del self.words[cut:]
            self.after = self._index_after(self.words[-1])
        cut = next((k for k in range(1, len(self.words)) if self._verbal_noun_object(k)), -1)
        if cut != -1:
            # "وأكدت وزارة الدفاع وقوع الحادث", "وأرجع ابن زومة زيادة الاستهلاك إلى…": a verbal
            # noun after a complete name is the verb's object; the name ended before it
            del self.words[cut:]
            self.after = self._index_after(self.words[-1])
        if not self.words:
            return None
        return self.mention()

    def _construct_head(self, j: int) -> bool:
        """Is token j a bare noun at the head of a construct ("دولة الإمارات", "مشروع السيارة"):
        a definite word follows it, and it is no verbal noun ("استقبال", "زيارة": an act, when
        it was said) and carries no pronoun ("استقباله")?"""
        t = self.tok(j)
        return _definite(self.tok(j + 1)) and not _stop(t) and not _verbal_noun_shape(t) \
            and (not t.endswith("ه") or self._spelled(j).endswith("ة"))

    def _placed_as_in(self, t: str, prev: str) -> bool:
        """Does t stand where "في" would: where an unnamed source is ("مصادر داخل المقاومة", "مصدر
        وسط المقاومة"), or what an informed one knows about ("مسؤول مطلع على الوضع في سيناء")?"""
        return (t in _INSIDE and self.kind == "unnamed") or (t == "علي" and prev in _INFORMED)

    def _family_title(self) -> bool:
        """Is the last word, a title, the family name of the given name before it, the phrase
        ending right before what introduces the words ("المهندس عدنان بن أحمد السيد أن…",
        "عبدالله الشيخ، مدير…")? A title that waits for its holder's name is never followed by أن."""
        prev = self.words[-2].t
        nxt = self.tok(self._index_after(self.words[-1]))
        return (nxt in C.CONTENT_MARKERS or nxt == ",") and not _definite(prev) \
            and _name_like(prev) and prev not in C.HONORIFIC_TITLES and head_kind(prev) is None and not _stop(prev)

    def _nisba_family(self, j: int) -> bool:
        """Do the words before j and at j read as a given name and a family name formed as a nisba
        ("جلال الشحماني", "ميلود الزوي")? The verb's object and its genitive never take that
        shape: a verbal noun is followed by whose act it is ("دعم المملكة", "رفض الحكومة"). The
        three-letter verbal nouns ("دعم", "رفض") are left to the lexicon of given names, and a
        nisba followed by a bare name is a nationality before that name ("دعم الفرنسي ميشال…")."""
        given, family, nxt = self.toks[j - 1].t, self.toks[j].t, self.tok(j + 1)
        return len(given) >= 4 and given_name(given) and not _verbal_noun_shape(given) \
            and given not in _ACCUSATIVE_OBJECTS and not self._accusative(j - 1) \
            and _definite(family) and family.endswith("ي") and len(strip_article(family)) >= 4 \
            and family not in C.ADJECTIVES and not _stop(family) \
            and not (_name_like(nxt) and not _definite(nxt) and not _verbal_noun_shape(nxt)
                     and head_kind(nxt) is None and not _definite(self.tok(j + 2)))

    def _verbal_noun_object(self, k: int) -> bool:
        """Is word k a bare verbal noun ("استمرار", "اتخاذ", "تقديم", "وقوع"; "إنشاء", "زيادة"
        only before a definite word) right after a word that ends a name: a definite word that
        is no title ("الدفاع", "الغامدي") or a name after بن/آل ("بن فيصل")? After a title or
        a construct head it is a name or a genitive ("السيد إحسان", "مركز استقبال البلاغات")."""
        words = self.words
        t, prev = words[k].t, words[k - 1].t
        shape = _verbal_noun_shape(t)
        if not shape or _definite(t) or t in C.GIVEN_NAMES or head_kind(t) is not None or _stop(t):
            return False
        if _definite(prev):
            if prev in C.HONORIFIC_TITLES or head_kind(prev) in ("official", "person", "unnamed") or prev in C.MILITARY_RANKS:
                return False
        elif not (k >= 2 and words[k - 2].t in C.NAME_PARTICLES and prev[:1].isalpha() and not _stop(prev)):
            return False
        if self.tok(self._index_after(words[k]) - 2) == _QUOTE:
            return False  # (a quoted name: 'شركة "تطوير"')
        if shape == "sure":
            return True
        nxt = words[k + 1].t if k + 1 < len(words) else self.tok(self.after)
        return shape == "likely" and _definite(nxt) and not _adjective(nxt)

    def _possessed(self, tok: _Tok) -> bool:
        """A noun with a possessive pronoun, spelled ه/ها/هم (not ة), that is no name, no relative
        and no office ("قبوله", "حديثه", "قناعته"; not "عبده", "والده", "محاميه")."""
        t = tok.t
        if _definite(t) or not t.endswith(("ه", "ها", "هم")) or t in C.GIVEN_NAMES or head_kind(t) is not None or _stop(t):
            return False
        a, b = self.sv.orig(tok.s, tok.e)
        spelled = self.sv.text[a:b].rstrip(_HARAKAT)
        if spelled.endswith("ة"):
            return False
        stem = _pronoun_stem(spelled)
        return len(stem) >= 3 and not _kin(stem) and head_kind(stem) is None and stem not in C.HONORIFIC_TITLES

    def _object_follows(self, j: int) -> bool:
        """After a possessed noun: what completes it as the verb's object ("قبوله الدعوة", "حديثه
        بالقول", "مسؤوليته عن…", "شكره للمملكة"), not a title or an adjective that would make it a
        name ("زاده المسؤول في…", "رومنيجه الرئيس التنفيذي")."""
        t = self.tok(j)
        if not t:
            return False
        if t in ("عن", "علي"):
            return True
        if t.startswith("بال") and len(t) > 4:
            return True
        return _definite(t) and head_kind(t) is None and t not in C.HONORIFIC_TITLES and not _adjective(t) \
            and not C.is_nisba(t) and t not in C.TIME_WORDS and t not in C.TIME_NOUNS and not _stop(t)

    @staticmethod
    def _after_a_name(prev: str) -> bool:
        """Does the word before end a name ("بوتين", "باوارث", "داعش"), not stand in a title or
        before the holder's own name ("الباحث الاجتماعي جمعه الخياط", "مبارك بن بنيه")?"""
        return (_name_like(prev) or _definite(prev)) and head_kind(prev) is None and prev not in C.HONORIFIC_TITLES \
            and not _adjective(prev) and prev not in C.NAME_PARTICLES and not C.is_nisba(prev) \
            and prev not in _SENTENCE_OPENERS and not _stop(prev)

    def _rank_at(self, j: int, t: str) -> bool:
        """Does the qualifier t at j follow a military rank ("العميد الطيار", "الفريق أول")? The
        rank opens the phrase or follows a complete title ("وزير الدفاع المصري الفريق أول…"), never
        a noun in construct ("إداري الفريق الأول": the first team); and "الأول" qualifies it only
        before another qualifier or a name ("الفريق الأول الركن…", not "الفريق الأول لكرة القدم")."""
        rank = next((k for k in range(len(self.words) - 1, -1, -1) if self.words[k].t in C.MILITARY_RANKS), -1)
        if rank == -1 or not (rank == 0 or _definite(self.words[rank - 1].t)):
            return False
        if t == "الاول":
            nxt = self.tok(j + 1)
            return nxt in C.RANK_QUALIFIERS or (bool(nxt) and not _definite(nxt) and _name_like(nxt) and not _stop(nxt))
        return True

    def _feminine_name(self, j: int) -> bool:
        """Is token j a given name spelled with ة and followed by a family name with the nisba
        ending ("سارة العلي"; not "تنسيقه المبدئي", a noun and its pronoun, nor "ديوانية
        الملتقى")? Read from the spelling before normalisation."""
        nxt = self.tok(j + 1)
        if not _definite(nxt) or not nxt.endswith("ي") or j + 1 >= len(self.toks):
            return False
        return self._spelled(j).rstrip(_HARAKAT).endswith("ة") and self._spelled(j + 1).rstrip(_HARAKAT).endswith("ي")

    def _spelled(self, j: int) -> str:
        """Token j as the article spells it (before normalisation)."""
        return _spelled(self.sv, j)

    def _collective(self) -> bool:
        """Does the phrase name a document or several people ("مصادر الجزيرة", "بيان الوزارة")?
        No name follows such a phrase closed by a definite word."""
        head = strip_article(self.head)
        if self.kind == "group" and head in C.ONE_OF_A_GROUP:
            return False  # one member: "الناشط المدني جلال الشحماني"
        if self.kind in ("document", "group", "social media"):
            return True  # (a body's own name may follow: "وكالة الأنباء دوغان", "موقع الجزيرة أونلاين")
        return self.kind == "unnamed" and (head.endswith(("ون", "ين", "ات")) or _broken_plural(head))

    def _described(self, j: int) -> bool:
        """Does a description ("المنضم حديثا لصفوف الفريق") run from j to a comma that what
        introduces the words follows?"""
        return _description_end(self.toks, j) != -1

    def _nameless(self) -> bool:
        """Is the phrase so far a body or a document named by its definite head and adjectives
        alone ("الشركة", "السلطات الإسرائيلية")? No person's name follows it: a bare word after
        it is the verb's object ("وأرجعت الشركة سبب الانخفاض إلى…"). ("مركز الملك سلمان",
        "شركة الأهلي كابيتال": a name inside the body's own.)"""
        words = self.words
        return self.kind in _NAMELESS_KINDS and bool(words) and _definite(words[0].t) \
            and all(_adjective(w.t) and _definite(w.t) for w in words[1:])

    def _current_kind(self) -> str | None:
        """The kind of the last head noun read: in "إحصائية للمؤسسة العامة للموانئ" the chain has
        moved from a document to an organisation."""
        for w in reversed(self.words):
            k = head_kind(w.t[2:] if w.t.startswith("لل") else (w.t[1:] if w.t[:1] in "لب" else w.t)) or head_kind(w.t)
            if k:
                return k
        return self.kind

    def _run(self) -> int:
        """How many bare words end the phrase so far (a name being read; a coordinated name
        starts a run of its own)."""
        n = 0
        for w in reversed(self.words[self.coordinated :]):
            if _definite(w.t) or w.t in C.NAME_PARTICLES:
                break
            n += 1
        return n

    def _accusative(self, j: int) -> bool:
        """Does the word carry the accusative tanwin ("سراً", "ارتفاعاً")? A name never does; the
        verb's object often does. Read from the spelling before normalisation."""
        return _tanwin_fath(self.sv, self.toks[j])

    def _agrees(self, adjective: str) -> bool:
        """An adjective agrees in gender with a noun of the phrase: "القانون المعاقبة" does not
        (the second word is a noun, the verb's object). Only a clearly masculine singular noun
        rules a feminine adjective out; plurals, broken ones included, take feminine adjectives."""
        if not adjective.endswith("ه"):
            return True
        nouns = [strip_article(w.t) for w in self.words if not _adjective(w.t) or w is self.words[0]]
        if len(nouns) != 1:
            return True  # in a construct chain the adjective may qualify any noun
        n = nouns[0]
        if len(self.words) == 1 and _definite(self.words[0].t) and len(n) == 4 and not n.endswith("ه") and n[2] != "و" \
                and head_kind(n) in ("organization", "official", "outlet", "document"):
            return False  # "المجلس العملية": a short masculine head alone, then the verb's object
        return not (len(n) >= 5 and not n.endswith(("ه", "ات", "اء")) and not (n.endswith(("ون", "ين")) and len(n) >= 6)
                    and not _broken_plural(n))

    def _pp(self, j: int, prev: str, used: bool) -> int:
        """A prepositional phrase that belongs to the source phrase, or 0: "عدد من النواب",
        "يوهان فريدريكسن من شرطة أوسلو", "ضابط في الشرطة", "محلل في رويترز", "المقربة من
        الحكومة", "التابعة لوزارة الصحة". Returns the index after it."""
        t = self.tok(j)
        nxt = self.tok(j + 1)
        if t == "من" and prev in C.QUANTIFIERS:
            return j + 1
        if self._placed_as_in(t, prev):
            t = "في"
        participle = prev.startswith("الم") or prev in ("التابع", "التابعه", "التابعين")
        person = self.kind in ("unnamed", "group", "official", "person") or self._current_kind() in ("official", "unnamed")
        # (a body where it is, by a place's name: "القنصلية السعودية في هيوستن أن…")
        place = t == "في" and self.kind == "organization" and not used
        if (used and not (person and t == "في")) or not (person or participle or place):
            return 0
        if t.startswith("ل") and t not in ("ل",) and participle:
            return j + 1 if not is_addressee(t) else 0
        if t == "لدي" and (self.kind == "official" or self._current_kind() == "official") and nxt and (
                nxt in _OPEN or _definite(nxt) or _name_like(nxt) or self._construct_head(j + 1)):
            q = self.quoted_run(j + 1, 4)
            if q != -1:
                return q  # "ممثلة اليمن لدى «اليونيسف»"
            # where the envoy serves: a state or a body, in construct and with its adjectives
            # ("سفير مصر لدى دولة الإمارات", "مندوب المملكة لدى الأمم المتحدة")
            k = j + 2
            if not _definite(nxt) and _definite(self.tok(k)) and not _stop(self.tok(k)) and not is_cue_word(self.tok(k)):
                k += 1
            while k - j < 5 and _definite(self.tok(k)) and _adjective(self.tok(k)) and not _stop(self.tok(k)):
                k += 1
            return k
        if t in ("من", "في") and nxt in _OPEN and person:
            q = self.quoted_run(j + 1, 5)
            if q != -1:
                return q  # "كبير محللي الأسواق في (سي إم سي ماركتس)"
        if t not in ("من", "في") or not nxt or not nxt[0].isalpha() or nxt in C.SETTING_NOUNS \
                or (strip_article(nxt) in C.SETTING_NOUNS and not participle) or _stop(nxt):
            return 0  # ("بوروشنكو في المقابلة": where it was said)
        after_place = self.tok(j + 2)
        if t == "في" and (person or self.kind == "organization") and not _definite(nxt) and _name_like(nxt) \
                and head_kind(nxt) is None and after_place != "ل" and (
                    _boundary(after_place) or (after_place in C.HONORIFIC_TITLES and not self.named)):
            # "قائد الشرطة في لافايت إن…", "رئيس المجلس البلدي في جدة الدكتور…": a place, by its name
            return j + 2
        if place and not (person or participle):
            return 0
        if nxt in ("احد", "احدي") and person and _definite(self.tok(j + 2)) and not _stop(self.tok(j + 2)):
            return j + 3  # "مسؤول في إحدى الشركات", "المسؤول في أحد المطابخ"
        if not (_definite(nxt) or head_kind(nxt) in ("organization", "outlet", "news agency") or nxt in _PLACE_HEADS or (
                self.kind in ("unnamed", "group") and (t == "في" or prev in _NEAR) and self._construct_head(j + 1)
                and not _stop(after_place) and after_place not in C.TIME_WORDS and after_place not in C.TIME_NOUNS
                and not _adjective(after_place) and nxt[:1].isalpha())):
            return 0  # (one in construct may follow an unnamed source: "مصادر قريبة من مشروع السيارة")
        k = j + 2
        adjective_seen = False
        while k < len(self.toks) and k - j < 7:
            w = self.tok(k)
            if _adjective(w):
                adjective_seen = True
            elif not _definite(w) and _name_like(w) and head_kind(nxt) is not None and not _definite(nxt) \
                    and not adjective_seen and w not in _ACCUSATIVE_OBJECTS and k - j < 5:
                pass  # "في مستشفى جنين"
            elif w.startswith("وال") and len(w) > 5 and _definite(w[1:]) and head_kind(w[1:]) is None \
                    and (self.tok(k + 1) in (",", "") or _boundary(self.tok(k + 1)) or _adjective(self.tok(k + 1))):
                adjective_seen = False  # "في الضفة الغربية والقدس المحتلة"
            else:
                break
            k += 1
        return k

    def _index_after(self, tok: _Tok) -> int:
        return self.sv.token_index(tok.e)

    def mention(self) -> Mention:
        last = self.words[-1]
        if self.close is not None and self.close.s >= last.e and self.close.s - last.e <= 1:
            last = self.close
        s, e = self.sv.orig(self.words[0].s, last.e)
        text = self.sv.text[s:e]
        head = self.words[0].t
        kind = self.kind or ""
        if not kind and (head in C.QUANTIFIERS or any(C.is_nisba(w.t) and w.t.endswith(("يين", "يون")) for w in self.words)):
            kind = "group"  # "كثير من اللبنانيين", "عدد من المسؤولين"
        if not kind and self.named:
            kind = "person"
        fem = head.endswith("ه") or head.endswith(_FEM_PLURAL_SUFFIX) or head in ("السيده", "الاميره")
        plural = (head.endswith(("ون", "ين")) and not C.is_nisba(head)) or (head.endswith("و") and len(head) > 4)
        return Mention(s, e, text, kind, self.quoted, self.clean, fem, plural, self.named)


def read_source(sv: SentenceView, i: int, glued: bool = False) -> tuple[Mention | None, int]:
    np = _NP(sv)
    mention = np.read(i, glued)
    return mention, np.after if mention is not None else i


# ---------------------------------------------------------------- what introduces the words


def _closing_quote(sv: SentenceView, tok: _Tok) -> bool:
    a, _ = sv.orig(tok.s, tok.e)
    return sv.text[a] in "»”"


def _description_end(toks: list[_Tok], k: int, preps: tuple[str, ...] = (), comma: bool = False) -> int:
    """From a participle at k describing the source ("المنضم حديثا لصفوف فريق الاتحاد، إن…"),
    the index of what introduces the words after the comma that closes it, or -1. With `preps`,
    the verb's own preposition may come before it ("…، إلى أن"); with `comma`, only a
    description closed by a comma counts."""
    n = len(toks)
    m = k + 1
    while m < n and m - k <= 10 and toks[m].t not in (",", ".", ":", _QUOTE) and toks[m].t not in C.CONTENT_MARKERS \
            and not is_cue_word(toks[m].t):
        m += 1
    if m + 1 < n and toks[m].t == "," and toks[m + 1].t in C.CONTENT_MARKERS and not (comma and toks[m + 1].t[:1] == "و"):
        return m + 1  # (", وأن" after a description adds to the words before it)
    if m + 2 < n and toks[m].t == "," and toks[m + 1].t in preps and toks[m + 2].t in C.CONTENT_MARKERS:
        return m + 2
    if not comma and m < n and m - k <= 4 and toks[m].t in C.CONTENT_MARKERS:
        return m  # "ريتشارد مار المختص النفطي أن…"
    return -1


def _participle(t: str) -> bool:
    """A definite active or passive participle ("المنضم", "المختص", "المكلف"), not a head noun."""
    return t.startswith("الم") and len(t) >= 5 and head_kind(t) is None and t not in C.HONORIFIC_TITLES


def _skip_phrase(toks: list[_Tok], k: int, limit: int) -> int:
    """From a setting word at k, the index of the comma, colon, quotation or content marker that
    closes the phrase within `limit` tokens, or -1."""
    n = len(toks)
    m = k + 1
    while m < n and m - k <= limit:
        t = toks[m].t
        if t in (",", ":", _QUOTE) or t in C.CONTENT_MARKERS or t in ("قايلا", "قايله"):
            return m  # (and "saying": "في تصريحه قائلاً …")
        if t == ".":
            return -1
        m += 1
    return -1


def _spelled(sv: SentenceView, j: int) -> str:
    """Token j as the article spells it (before normalisation)."""
    a, b = sv.orig(sv.tokens[j].s, sv.tokens[j].e)
    return sv.text[a:b]


def _spelled_with_pronoun(sv: SentenceView, j: int) -> bool:
    """Does token j end with a possessive pronoun as the article spells it ("نفسه", "قرارها"; not
    "المدينة", whose ة folds to ه)?"""
    return _spelled(sv, j).rstrip(_HARAKAT).endswith(_PRONOUNS)


def find_content(sv: SentenceView, j: int, preps: tuple[str, ...] = (), obj: bool = False) -> tuple[str, int]:
    """What introduces the reported words after a source phrase ending at token j, allowing for
    a setting between them ("في تصريح لـ«عكاظ»", "خلال لقاء…،", "أمس", "ردّاً على سؤال…:"), a
    second subject ("…وصحيفة بوراس المحلية أن"), a description ("، وهو أحد الباحثين…، قوله")
    and, for a verb with its own preposition and `obj`, a short object before it ("طالب الوزير
    الموظفين بالالتزام"). Returns (marker, token index where the words begin) or ("", -1)."""
    toks = sv.tokens
    n = len(toks)
    k = j
    steps = 0
    object_skipped = not obj
    while k < n and steps < 12:
        steps += 1
        t = toks[k].t
        if t in ("-", "–") and k + 1 < n and toks[k + 1].t[0].isalnum():
            m = k + 1  # "-إحدى جمهوريات روسيا الإتحادية-": an aside between dashes
            while m < n and m - k <= 10 and toks[m].t not in ("-", "–", ".", ":"):
                m += 1
            if m < n and toks[m].t in ("-", "–"):
                k = m + 1
                continue
        if t == "," and k + 1 < n and toks[k + 1].t[0].isalpha() and toks[k + 1].t not in C.CONTENT_MARKERS:
            m = k + 1  # "…مصادر أمنية مطلعة، رفضت الكشف عن هويتها، أن…": an aside between commas
            while m < n and m - k <= 10 and toks[m].t not in (",", ".", ":", _QUOTE) and toks[m].t not in C.CONTENT_MARKERS \
                    and not is_cue_word(toks[m].t):
                m += 1
            if m + 1 < n and toks[m].t == "," and toks[m + 1].t in C.CONTENT_MARKERS:
                k = m + 1
                continue
        if t in (",", "/", "-", "–"):
            k += 1
            continue
        if t in C.CONTENT_MARKERS:
            return "an", k
        if t == ":":
            return "colon", k + 1
        if t == _QUOTE:
            if _closing_quote(sv, toks[k]):
                break  # "…»": the end of a quotation, not the start of reported words
            return "quote", k
        if t in ("قايلا", "قايله") and k + 1 < n and toks[k + 1].t[0].isalpha() and toks[k + 1].t not in C.CONTENT_MARKERS:
            return "colon", k + 1  # "وأردف قائلاً أفادت الجامعة بأن…": the words follow "saying" at once
        if t in C.SPEECH_NOUNS or t in ("قايلا", "قايله"):
            k += 1
            if t in C.SPEECH_NOUNS and k + 1 < n and toks[k].t[:1] == "ل" and len(toks[k].t) > 3 \
                    and toks[k].t not in C.CONTENT_MARKERS and (toks[k + 1].t in (_QUOTE, ":") or toks[k + 1].t in C.CONTENT_MARKERS):
                k += 1  # "عن بايكال قوله للصحفيين «…»": whom it was said to, then the words
            continue
        if t == "عبر":
            m = _skip_phrase(toks, k, 8)  # "غرد الحبيب عبر حسابه بتويتر، قائلا:": the medium
            if m != -1:
                k = m
                continue
        if t in preps or (t[:1] in "بل" and t[:1] in preps and len(t) > 2 and t not in C.CONTENT_MARKERS
                          and not is_addressee(t)):
            if k + 1 < n and toks[k + 1].t in C.CONTENT_MARKERS:
                return "an", k + 1
            return "prep", k
        if t in C.TIME_WORDS or t in C.TIME_NOUNS or t.isdigit() or t in C.ADVERBS or t in C.HONORIFIC_PRONOUNS:
            # ("أول من أمس": the day before yesterday, one time word)
            k += 3 if t == "اول" and k + 2 < n and toks[k + 1].t == "من" and toks[k + 2].t == "امس" else 1
            continue
        if k > 0 and toks[k - 1].t == "," and (t in _ASIDE_OPENERS or (t[:1] == "و" and t[1:] in _ASIDE_OPENERS)):
            m = k + 1  # "، بحسب ما أورد الموقع الرسمي،", "، ووفقاً لوكالة تسنيم،": a relay set aside
            while m < n and m - k <= 14 and toks[m].t not in (",", ".", ":") and toks[m].t not in C.CONTENT_MARKERS:
                m += 1
            if m < n and toks[m].t == ",":
                k = m + 1
                continue
            break
        if t == "(":
            m = k + 1
            while m < n and m - k < 8 and toks[m].t != ")":
                m += 1
            if m < n and toks[m].t == ")":
                k = m + 1
                continue
            break
        if t in C.SETTING_PREPS and k + 1 < n and toks[k + 1].t in C.CONTENT_MARKERS:
            break  # "بعد أن", "قبل أن": a conjunction, and what follows is not the source's words
        if (t == "في" and k + 1 < n and toks[k + 1].t in C.SETTING_NOUNS) or t in C.SETTING_PREPS or (
                t == "علي" and k + 1 < n and (toks[k + 1].t == "هامش" or _own(toks[k + 1].t, C.MEDIUM_NOUNS))):
            m = _skip_phrase(toks, k, 16)
            if m == -1:
                break
            k = m
            continue
        if k + 2 < n and t == "في" and toks[k + 1].t in _DEMONSTRATIVES and toks[k + 2].t in C.TOPIC_NOUNS:
            k += 3  # "وقال في هذا الصدد «…»": in this regard
            continue
        if k + 1 < n and t in ("بهذا", "بهذه", "بذلك", "بتلك") and toks[k + 1].t in C.TOPIC_NOUNS:
            k += 2  # "وأضاف بهذا الخصوص:"
            continue
        if k == j and _participle(t):
            m = _description_end(toks, k, preps)  # "…مونتاري المنضم حديثا لصفوف الفريق، إن…"
            if m != -1:
                k = m
                continue
        if k == j and k > 0 and _definite(t) and t[:1] != "و" and not _stop(t) and not is_cue_word(t) \
                and _name_like(toks[k - 1].t) and not _definite(toks[k - 1].t):
            # A description in apposition to a name, closed by a comma before the words: "منى
            # فتحي الأثرية المصرية ومديرة معابد الكرنك، إلى أن…".
            m = _description_end(toks, k, preps, comma=True)
            if m != -1:
                k = m
                continue
        if t == "في" and obj and k == j and k + 2 < n and not _spelled_with_pronoun(sv, k + 1):
            # "طالب عدد من المبتعثين في بريطانيا بتخصيص…": where the source is, right after it and
            # in one or two words, then at once the verb's own preposition (the first word after
            # في is the place, whatever its letters; "في نفسه", "في نشاط وأعمال…" are no place)
            m = k + 2
            while m < n and m - k <= 2 and toks[m].t[:1].isalpha() and toks[m].t[:1] != "و" and toks[m].t not in preps \
                    and not _glued_prep(toks[m].t, preps, False) and toks[m].t not in C.CONTENT_MARKERS \
                    and not is_cue_word(toks[m].t) and not _stop(toks[m].t):
                m += 1
            if m < n and (toks[m].t in preps or _glued_prep(toks[m].t, preps, False)):
                k = m
                continue
        if t in ("من", "في"):
            # "مصدر مطلع من هناك، إن…", "مسؤول في الوزارة، أن…": where the source is, set off by
            # a comma from the words.
            m = _skip_phrase(toks, k, 8)
            if m != -1 and toks[m].t == "," and m + 1 < n and (toks[m + 1].t in C.CONTENT_MARKERS
                                                                or toks[m + 1].t in ("قايلا", "قايله")):
                k = m + 1
                continue
            if t == "في" and m != -1 and m - k <= 3 and toks[m].t in C.CONTENT_MARKERS \
                    and all(toks[x].t not in ("حين", "حال", "ظل") for x in range(k + 1, m)):
                k = m  # "صرح في البرلمان أنه…" (not "في حين أن", a conjunction)
                continue
            if t == "من" and m != -1 and m - k <= 6 and k > 0 and toks[k - 1].t in C.ADVERBS \
                    and (toks[m].t in C.CONTENT_MARKERS or toks[m].t == _QUOTE):
                k = m  # "وقال الخيالي هاتفيا من سبها إن…": where he spoke from, after how
                continue
        if is_addressee(t) or t == "ل" or (k == j and _prepositional(t)):
            # "لـ«عكاظ»", "لوكالة الأنباء الألمانية", "لتلفزيون بلومبيرج"; right after the
            # source, any لـ: "وذكر أوغلو لهيئة الإذاعة والتلفزيون أن…"
            m = k + 1
            if m < n and toks[m].t in _OPEN:
                while (m < n and m - k < 8 and toks[m].t not in _CLOSE) or m == k + 1:
                    m += 1
                k = m + 1
                while k < n and _definite(toks[k].t) and _adjective(toks[k].t):
                    k += 1  # "لـ"شبكة ميغا" التلفزيونية إن…": the addressee's adjective
                continue
            while m < n and m - k <= 4 and toks[m].t[0].isalnum() and toks[m].t not in C.CONTENT_MARKERS \
                    and not _stop(toks[m].t):
                m += 1
            k = m
            continue
        if t[:1] == "و" and head_kind(t[1:]) is not None and t[1:] not in C.SETTING_NOUNS:
            # A second subject: "وذكرت صحيفة اكسبرسن وصحيفة بوراس تيدنغ المحلية أن…".
            np = _NP(sv)
            if np.read(k) is not None and np.after > k:
                k = np.after
                continue
            break
        if t in ("وهو", "وهي", "وهم") or t in _RELATIVES or _describing_verb(t):
            # A description of the source: "، وهو أحد الباحثين… قوله", "،التي تتخذ من لندن مقراً لها،".
            m = k + 1
            while m < n and m - k <= 20 and toks[m].t not in (",", ":", _QUOTE, ".") and toks[m].t not in C.SPEECH_NOUNS \
                    and toks[m].t not in C.CONTENT_MARKERS:
                m += 1
            if m < n and m - k <= 20 and toks[m].t != ".":
                k = m
                continue
            break
        if not object_skipped and t[0].isalpha() and not _stop(t) and not is_cue_word(t):
            # The verb's object before its preposition: at most six words.
            m = k
            while m < n and m - k < 10 and (toks[m].t[0].isalpha() or toks[m].t == ",") and toks[m].t not in preps \
                    and toks[m].t not in C.CONTENT_MARKERS and not is_cue_word(toks[m].t) \
                    and not _glued_prep(toks[m].t, preps, m > k):
                m += 1
            object_skipped = True
            if m < n and (toks[m].t in preps or _glued_prep(toks[m].t, preps, m > k)):
                k = m
                continue
            break
        break
    return "", -1


# ---------------------------------------------------------------- frames


def _agreement(form: str, cue: C.VerbCue) -> str:
    if form in cue.plural:
        return "p"
    if form in cue.feminine:
        return "f"
    return "m"


def _subject_before(sv: SentenceView, ci: int, inside: bool = False, nested: bool = False) -> Mention | None:
    """A subject right before a reporting verb (SVO): "الشرطة النرويجية أكدت", "وكانت شركة
    «بيونغ» العالمية ذكرت", "وكان الاتحاد قد ذكر". The phrase must start after a clause boundary
    and read forward, as a source phrase, exactly up to the verb. With `nested`, the verb has
    reported words of its own and no conjunction: right after another speaker's "أن" its subject
    is a speaker they report ("وذكرت الوكالة أن القاضي قال إن…")."""
    toks = sv.tokens
    j = ci - 1
    if j >= 0 and toks[j].t == "قد":
        j -= 1
    if j >= 0 and toks[j].t == ",":
        j -= 1  # "وكان نائب رئيس مجلس الوزراء…، أكد ضرورة…"
    end = j
    while j >= 0 and end - j < 16:
        t = toks[j].t
        if t in (",", ":", ".", "(", ")") or t in C.AUXILIARIES or t in ("لكن", "ولكن", "فيما", "بينما", "ثم", "اما", "واما") \
                or t in C.CONTENT_MARKERS or is_cue_word(t) or t in C.DEFERRING_PREPOSITIONS:
            break
        j -= 1
    start = j + 1
    if start > end:
        return None
    reported = not inside and j >= 1 and toks[j].t in C.CONTENT_MARKERS and toks[j - 1].t not in _CONJUNCTION_BEFORE_AN \
        and any(is_cue_word(toks[x].t) for x in range(max(0, j - 12), j))
    if reported and not nested:
        # "اعتبر الضيف أن فهد الكبيسي يتمتع بصوت نقي وتوقع…": inside someone's reported words,
        # not a new speaker.
        return None
    first = toks[start].t
    if start + 1 <= end and first[0].isalpha() and not _definite(first) and head_kind(first) is None \
            and first not in C.HONORIFIC_TITLES and (head_kind(toks[start + 1].t) is not None):
        return None  # "أصدرت جامعة تبوك بيانا، أوضحت فيه…": a verb and its subject, not a subject
    np = _NP(sv)
    mention = np.read(start)
    if mention is not None and np.after != end + 1 and j >= 0 and toks[j].t in C.AUXILIARIES \
            and (toks[ci - 1].t == "قد" or (np.after <= end and toks[np.after].t in _RELATIVES)
                 or (np.after <= end and ci - np.after <= 10 and all(_describes_at(toks, x) for x in range(np.after, ci)))) \
            and (mention.kind or mention.named):
        # "وكانت "إليوت أدفيزارز" المستثمر في "دراجون أويل" قد قالت…", "كان وزراء التجارة الذين
        # يناقشون… قالوا…": between "كان" and "قد" (or a relative clause) is the subject described.
        return None if _pronoun_suffixed(sv, mention) else mention
    if mention is not None and np.after <= end and end + 1 - np.after <= 6 and j >= 0 and toks[j].t in ("لكن", "ولكن") \
            and (mention.kind or mention.named) and toks[np.after].t not in ("من", "في", "علي", "(") \
            and all(_describes_at(toks, x) and toks[x].t not in ("(", ")") for x in range(np.after, end + 1)):
        # "…، لكن المتحدث باسم حاكم ولاية قندوز عبد الودود وحيدي قال إن…": after "but", a second
        # speaker's phrase that runs on to its verb, wherever its reading stopped (as one runs on
        # to its أن after the verb); read past a boundary, so never confident.
        mention = _run_mention(sv, start, end + 1, mention)
        np.after = end + 1
    if mention is None or np.after != end + 1 or _pronoun_suffixed(sv, mention) or _object_with_pronoun(sv, mention):
        return None
    topic = j >= 0 and toks[j].t in ("اما", "واما") and toks[ci].t.startswith("ف")
    # "وكانت X قد أعلنت…": between "كان" and "قد" stands the reporting verb's subject, whatever it is
    framed = j >= 0 and toks[j].t in C.AUXILIARIES and not reported and (toks[ci - 1].t == "قد" or (
        # "وكانت نادية السقاف قالت إن…": a name alone between "كان" and its verb (the pluperfect
        # without "قد")
        toks[j].t in _WAS and 2 <= end + 1 - start <= 4 and toks[ci - 1].t != "," and toks[ci].t[:1] != "ي"
        and not (j > 0 and toks[j - 1].t in ("ان", "وان", "اذا", "لو", "ولو"))  # ("وإن كان ظاهر الأمر يشير": even if)
        and not _definite(toks[start].t) and head_kind(toks[start].t) is None
        and all(_name_like(toks[x].t, first=False) and toks[x].t[:1] != "و" for x in range(start, end + 1))))
    if not mention.kind and not mention.named and not topic and not framed:
        return None  # ("أما مهدي المطري فلفت…": "as for X, he…", X is the subject whatever it is)
    if reported and mention.kind == "document":
        return None  # "…، إن بيان الشركة يؤكد أن…": the speaker's reading of a document, his words
    return mention


def _addressee_at(cue: C.VerbCue, toks: list[_Tok], a: int, b: int) -> int:
    """After a verb of telling, where whom he was told begins in a phrase that runs on from a to b:
    a title right after a name ("أبلغ وزير الطاقة الروسي الكسندر نوفاك الأمين العام لأوبك أن…"),
    or -1."""
    if not cue.tells:
        return -1
    return next((x for x in range(a + 2, b) if _definite(toks[x].t) and head_kind(toks[x].t) == "official"
                 and toks[x - 1].t[:1].isalpha() and not _definite(toks[x - 1].t) and not _stop(toks[x - 1].t)), -1)


def _quotes_to_the_end(toks: list[_Tok], m: int) -> bool:
    """Does the quotation mark at m open a quotation of a few words that closes where the sentence
    ends?"""
    close = next((x for x in range(m + 1, len(toks)) if toks[x].t == _QUOTE), -1)
    return close - m > 3 and (close + 1 >= len(toks) or toks[close + 1].t in (".", "!", "?"))


_WAS: Final = C._n("كان كانت وكان وكانت كانوا وكانوا")


def _second_object(sv: SentenceView, mention: Mention) -> bool:
    """Has a phrase read after "يعتبر" run into the verb's second object ("مشروع المترو أحد أهم
    المشاريع", "الذوادي لاعبا حرا")? "أحد", "من", an elative head, or an indefinite accusative
    with its adjective, in the phrase or right after it."""
    following = C.normalize(sv.text[mention.end : mention.end + 40]).split()[:1]
    if following and (following[0] in ("احد", "احدي", "من") or following[0] in C.CONSTRUCT_HEADS
                      or (following[0].endswith("ا") and not _definite(following[0]) and len(following[0]) > 3)):
        return True  # "الذوادي لاعباً حراً": the second object right after the phrase
    words = C.normalize(mention.text).split()

    def accusative(w: str) -> bool:
        return w.endswith("ا") and not _definite(w)

    return any(w in ("احد", "احدي", "من") or w in C.CONSTRUCT_HEADS
               or (accusative(w) and k + 1 < len(words) and accusative(words[k + 1]))  # "لاعبا حرا"
               for k, w in enumerate(words) if k > 0)


def _may_continue(t: str) -> bool:
    """Could this word, right after a source phrase, have been part of it: a definite word or a
    bare name that is no time, setting, addressee, preposition or cue?"""
    if not t[:1].isalpha() or _stop(t) or t in C.TIME_WORDS or t in C.TIME_NOUNS or is_addressee(t) or is_cue_word(t):
        return False
    if t in C.ADVERBS or t in C.HONORIFIC_PRONOUNS or t in _RELATIVES or t.startswith(("ل", "ب")):
        return False
    return _definite(t) or _name_like(t, first=False)


def _ours(mention: Mention) -> bool:
    """A document or body with "our" ("يكشف تحليلنا", "دراستنا"): inside someone's words, the
    speaker's own, never a new source."""
    first = C.normalize(mention.text.split(maxsplit=1)[0]) if mention.text.strip() else ""
    return len(first) > 4 and first.endswith("نا") and head_kind(first[:-2]) is not None


_CALLS_UPON: Final = frozenset(("دعا", "طالب", "حث", "ناشد"))  # verbs whose object is whom they call upon


def _feminine_head(mention: Mention) -> bool:
    """Does the phrase open with a feminine singular noun, spelled with ة ("الوزارة", "الشركة")?"""
    first = mention.text.split(maxsplit=1)[0] if mention.text.strip() else ""
    return first.rstrip(_HARAKAT).endswith("ة")


def _learned_from(sv: SentenceView, ti: int, s: int, e: int, word: str, deferred: bool) -> Cue | None:
    """"علمت «عكاظ» من مصادرها أن…", "وعلمت الصحيفة من مصدر مطلع أن…": the paper that learned
    it relays; the phrase after من is the source ("مصادرها": its sources). Without من, or
    without أن after the source, nothing is attributed."""
    toks = sv.tokens
    n = len(toks)
    paper, j = read_source(sv, ti)
    if paper is None or (paper.kind not in ("outlet", "news agency") and not paper.quoted):
        return None
    if j >= n or toks[j].t != "من":
        return None
    j += 1
    t = toks[j].t if j < n else ""
    source: Mention | None
    if t in ("مصادرها", "مصادره", "مصدرها", "مصدره", "مصادرهم"):
        after = j + 1
        while after < n and (_adjective(toks[after].t) or C.is_nisba(toks[after].t)):
            after += 1  # "من مصادرها الخاصة"
        a, b = sv.orig(toks[j].s, toks[after - 1].e)
        source = Mention(a, b, sv.text[a:b], "unnamed")
    else:
        source, after = read_source(sv, j)
    if source is None or not _plausible(source):
        return None
    marker, k = find_content(sv, after)
    if marker not in ("an", "colon", "quote"):
        return None
    return Cue(s, e, word, "علم", "verb", source, True, deferred=deferred, marker=marker,
               content=_tok_start(sv, k), via=paper, order="vso")


def _it_was_for(sv: SentenceView, ci: int) -> tuple[Mention | None, int]:
    """"وسبق لوسائل إعلام إسبانية أن ذكرت أن…", "كما سبق للوزير أن أكد…": the لـ phrase
    after "سبق" is the subject of the verb after أن. Returns it and where "سبق" starts."""
    toks = sv.tokens
    if ci < 3 or toks[ci - 1].t != "ان":
        return None, -1
    for j in range(ci - 2, max(-1, ci - 12), -1):
        if toks[j].t in ("سبق", "وسبق", "فسبق"):
            if j + 1 < ci - 1 and toks[j + 1].t[:1] == "ل" and len(toks[j + 1].t) > 2:
                after = read_source(sv, j + 1, glued=True)[1]
                mention = _strip_lam(sv, toks[j + 1], j + 1)
                if mention is not None and after == ci - 1 and (mention.kind or mention.named):
                    return mention, sv.orig(toks[j].s, toks[j].e)[0]
            return None, -1
        if not toks[j].t[0].isalnum():
            return None, -1
    return None, -1


def _told_by(sv: SentenceView, ci: int, j: int, form: str) -> Cue | None:
    """A verb of telling after its subject ("…أن مرسي أبلغ القاضي أنه…", "الوزير أخبر الصحفيين
    أن…"): the noun phrase after the verb is who was told; the subject before it speaks."""
    subject = _subject_before(sv, ci, nested=sv.tokens[ci].t == form)
    if subject is None:
        return None
    told, after = read_source(sv, j)
    marker, k = find_content(sv, after if told is not None else j)
    if marker not in ("an", "colon", "quote"):
        return None
    cue = C.verb_cue(form)
    e = sv.orig(sv.tokens[ci].s, sv.tokens[ci].e)[1]
    return Cue(subject.start, e, sv.text[subject.start : e], cue.lemma, "verb", subject, True,
               marker=marker, content=_tok_start(sv, k), order="svo")


def _past_addressee(sv: SentenceView, j: int) -> int:
    """The index after whom the words were told, if they are named at j ("لـ"الوطن"",
    "لـ«عكاظ»", "لوكالة الأنباء الألمانية", "للصحيفة"), else j."""
    toks = sv.tokens
    n = len(toks)
    if j >= n or not (toks[j].t == "ل" or is_addressee(toks[j].t)):
        return j
    m = j + 1
    if m < n and toks[m].t in _OPEN:
        m += 1
        while m < n and m - j < 8 and toks[m].t not in _CLOSE:
            m += 1
        return m + 1 if m < n and toks[m].t in _CLOSE else j
    while toks[j].t != "ل" and m < n and m - j < 4 and _definite(toks[m].t) and not _stop(toks[m].t) \
            and head_kind(toks[m].t) not in ("official", "person") and toks[m].t not in C.HONORIFIC_TITLES:
        m += 1  # "لوكالة الأنباء الألمانية" (not "للصحيفة المتحدث باسم…": who speaks)
    return m


def _describes(t: str) -> bool:
    """Can this word be part of a description of a source that runs on to its أن ("…في محاولة
    انقلاب فاشلة في مايو (أيار)")? Words, brackets and the prepositions of a description; no
    punctuation, time, relay, quotation or word that ends a noun phrase."""
    if t in ("من", "في", "علي", "(", ")"):
        return True
    return t[0].isalpha() and not _stop(t) and t not in C.TIME_NOUNS and not is_cue_word(t) \
        and not t.startswith(("بهذ", "بذلك", "بحسب", "حسب", "وفق", "طبق", "نقلا"))


def _describes_at(toks: list[_Tok], x: int) -> bool:
    """`_describes` for the word at x, in its place: "العام" right after a definite noun is
    "general" ("النائب العام", "المدير العام"), never the year, unless a time follows it ("الوزير
    العام الماضي")."""
    t = toks[x].t
    if _describes(t):
        return True
    return t == "العام" and x > 0 and _definite(toks[x - 1].t) and toks[x - 1].t not in C.TIME_NOUNS \
        and not (x + 1 < len(toks) and (toks[x + 1].t in C.TIME_WORDS or toks[x + 1].t[:1].isdigit()))


_PREPOSITION_PRONOUNS: Final = C._n("عنا منا لنا بنا علينا الينا عني مني لي بي عنكم منكم لكم بكم عليكم")
_RUN_MARKS: Final = frozenset((",", "-", "–", "—", '"', "(", ")"))


def _tanwin_fath(sv: SentenceView, tok: _Tok) -> bool:
    """Is the word written with the accusative tanwin ("سراً", "قلقاً")? Read from the spelling
    before normalisation, the marks after its last letter included."""
    a, b = sv.orig(tok.s, tok.e)
    return "\u064b" in sv.text[a : b + 1]


def _subjunctive_an(sv: SentenceView, k: int) -> bool:
    """Is the أن at k the one of a wish or a duty, before a verb ("ضرورة أن يتم", "على أن
    تكون"), rather than the "that" of reported words ("أن الشركة…", "أنه…")?"""
    toks = sv.tokens
    if k + 1 >= len(toks) or toks[k].t not in ("ان", "بان"):
        return False
    nxt = toks[k + 1].t
    return nxt[:1] in ("ي", "ت", "ن") and not _definite(nxt) and head_kind(nxt) is None


def _run_mention(sv: SentenceView, j: int, last: int, head: Mention | None) -> Mention:
    """The phrase from token j up to (not including) `last`, read as a source of the kind, gender
    and number of its head; marked as read past a boundary ("unclean": never confident)."""
    a, b = sv.orig(sv.tokens[j].s, sv.tokens[last - 1].e)
    if head is None:
        return Mention(a, b, sv.text[a:b], "", clean=False)
    return Mention(a, b, sv.text[a:b], head.kind, clean=False, feminine=head.feminine, plural=head.plural,
                   named=head.named)


def _occasion_at(toks: list[_Tok], m: int) -> bool:
    """Does في at m open the occasion of what was said ("في تصريحه", "في بيانه", "في اللقاء",
    "في تصريحات")?"""
    if toks[m].t != "في" or m + 1 >= len(toks):
        return False
    t = toks[m + 1].t
    return t in C.SETTING_NOUNS or t in C.STATEMENT_NOUNS or _own(t, C.SETTING_NOUNS) \
        or (_definite(t) and strip_article(t) in C.SETTING_NOUNS)


def _runs_to_an(sv: SentenceView, j: int, limit: int = 16) -> tuple[int, int]:
    """Where the noun phrase opening at j ends and the index of the أن/إن it runs on to ("لجنة
    الرقابة على المنشطات أن…", "هذه الدول الثلاث أن…"), or (-1, -1): only words that can describe
    a source, commas, dashes, closed brackets and quotation marks on the way; a phrase that opens
    as a speaker can (a definite word, a head noun, a title, a name, or a demonstrative before a
    definite word); an أن that is not the one of a wish or a duty ("على أن يكون…", "ضرورة أن
    تتم…"), with no preposition right before it that would open the words itself. The occasion
    ("في تصريحه…") or the side ("من جانبه") between the phrase and its أن is not the phrase's own."""
    toks, n = sv.tokens, len(sv.tokens)
    first = toks[j].t
    if _tanwin_fath(sv, toks[j]):
        return -1, -1  # ("ونُشر حديثاً أن…": an adverb)
    if first in _DEMONSTRATIVES:
        if not (j + 1 < n and _definite(toks[j + 1].t)):
            return -1, -1
    elif not (_describes(first) and first[:1].isalpha() and (_definite(first) or may_head_a_speaker(first) or _name_like(first)
                                                             or may_head_a_speaker(_pronoun_stem(first)))) \
            or _stop(first) or is_addressee(first) or _prepositional(first) or first.startswith(("بال", "كال", "فال")) \
            or first == "ضمن" or first in _PREPOSITION_PRONOUNS:
        return -1, -1  # (a phrase that opens with a preposition is where or how, never who: "بالبرهان…")
    end = -1
    depth = 0
    m = j + 1
    while m < n and m - j <= limit:
        t = toks[m].t
        if t in C.CONTENT_MARKERS:
            if t[0] == "و" or t.endswith(("ك", "كم")) or depth or toks[m - 1].t in C.SETTING_PREPS \
                    or toks[m - 1].t in ("دون", "بدون", "من", "الي", "علي"):
                return -1, -1  # (and "بأنك": "بانك أوف أمريكا" is a bank, no one speaks to "you")
            if m + 1 < n and toks[m + 1].t in ("كان", "كانت"):
                return -1, -1  # "إن كان": if
            if _subjunctive_an(sv, m):
                return -1, -1
            last = m if end < 0 else end
            while last > j + 1 and toks[last - 1].t in _RUN_MARKS and toks[last - 1].t != ")" \
                    and (toks[last - 1].t != _QUOTE or sum(toks[x].t == _QUOTE for x in range(j, last)) % 2):
                last -= 1  # ("…من جامعة برينستون «إن…": the quotation opens the words)
            return last, m
        if t[:1] == "ف" and t[1:] in C.CONTENT_MARKERS:
            return -1, -1  # "…، فإنه يبدو أن": another clause
        if _tanwin_fath(sv, toks[m]) or (t.endswith("ا") and len(t) >= 4 and not _definite(t) and t not in C.GIVEN_NAMES and t[0] not in "بل"
                                           and not (_prepositional(toks[m - 1].t) or toks[m - 1].t in ("في", "من", "علي", "عن"))
                                           and not may_head_a_speaker(toks[m - 1].t)):
            return -1, -1  # the accusative ("قلقاً", "خبرا مفاده"): the verb's object, never its subject
        if t == "(":
            depth += 1
        elif t == ")":
            depth -= 1
        elif is_addressee(t) or t == "ل" or (t in _FRAMING and toks[m - 1].t == "من"):
            return -1, -1
        elif end < 0 and _occasion_at(toks, m):
            end = m  # "…السفير في تصريحه أن…", "…الحقيل في اللقاء إن…": the occasion, after the phrase
        elif end < 0 and t == "علي" and m + 1 < n and _own(toks[m + 1].t, C.MEDIUM_NOUNS):
            end = m  # "…الجبهة على موقعها على الإنترنت إنها…": where it published, after the phrase
        elif end < 0 and t == "ضمن":
            end = m  # "دراسة حديثة ضمن المعطيات الحالية…": within what, after the phrase
        elif end < 0 and t == "من" and m + 1 < n and toks[m + 1].t in ("جهه", "جانب", "ناحيه"):
            end = m  # "وأوضح الدليمي، من جهة ثانية أن…": the side, after the phrase
        elif t == "بين" and toks[m - 1].t in C.CONTENT_MARKERS:
            return -1, -1  # ("…إن بين القتلى امرأتين": "among", the words have begun)
        if depth < 0 or not (t in _RUN_MARKS or _describes_at(toks, m)):
            return -1, -1
        m += 1
    return -1, -1


_DAYS: Final = C._n("أمس اليوم الليلة غدا الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد")
_PARTS_OF_DAY: Final = C._n("مساء صباح ظهر فجر ليلة يوم")


# Adjectives without the nisba ending that follow an indefinite noun and its adjective of relation
# ("إحصائيات مصرفية حديثة", "مسؤول أمني كبير", "مصادر دبلوماسية مطلعة", "مصدر أمني مسؤول").
_PLAIN_ADJECTIVES: Final = C._n("حديث حديثة حديثه جديد جديدة سابق سابقة أخير أخيرة كبير كبيرة بارز بارزة رفيع رفيعة "
                         "مطلع مطلعة مطلعون مطلعين موثوق موثوقة مسؤول مسؤولة مسؤولون مسؤولين مسئول مسئولة")


def _time_before_subject(sv: SentenceView, j: int, relays: bool = False) -> int:
    """Past a day between a verb and its subject ("أمس", "الجمعة", "مساء أمس", "يوم الأحد", "أول
    من أمس"), when a phrase follows it that speaks: its words come next (أن, a colon, a
    quotation) or the clause ends with it ("…، كما ذكرت الجمعة مصادر رسمية."), or, for a verb
    that `relays`, whom it relays ("ونقلت امس تقارير عن الوزير قوله…"); else j. (After "دعا
    السبت الحكومة إلى…" comes whom he called upon.)"""
    toks = sv.tokens
    n = len(toks)
    k = j
    if k + 2 < n and toks[k].t == "اول" and toks[k + 1].t == "من" and toks[k + 2].t == "امس":
        k += 3
    else:
        if k + 1 < n and toks[k].t in _PARTS_OF_DAY and toks[k + 1].t in _DAYS:
            k += 1
        while k < n and k - j < 3 and toks[k].t in _DAYS:  # ("مساء اليوم الأربعاء")
            k += 1
    if k == j or k >= n or not toks[k].t[0].isalpha() or toks[k].t in C.CONTENT_MARKERS or is_cue_word(toks[k].t):
        return j
    mention, after = read_source(sv, k)
    if mention is None:
        return j
    if after >= n or toks[after].t in (".", ",") or (relays and toks[after].t == "عن") \
            or find_content(sv, after)[0] in ("an", "colon", "quote"):
        return k
    return j


def _pronoun_suffixed(sv: SentenceView, mention: Mention) -> bool:
    """A one-word phrase with a possessive pronoun ("بلاده", "اسمه", "أعراضها"): not a source.
    Told apart from the feminine ending by the spelling before normalisation (ه, not ة)."""
    word = mention.text.strip()
    if " " in word or not word.endswith(_PRONOUNS) or word.endswith("ة") or _definite(C.normalize(word)):
        return False  # (a noun with the article takes no pronoun: "المتهم" is "the accused")
    # A relative is a source with the pronoun: "قال والدها إنها…", "وأكدت زوجته أن…".
    return not _kin(_pronoun_stem(word))


_PRONOUNS: Final = ("هما", "هم", "هن", "ها", "ه")  # possessive pronouns, the longest first


def _pronoun_stem(word: str) -> str:
    """The normalised word without its possessive pronoun ("والدها" -> "والد")."""
    norm = C.normalize(word)
    return next((norm[: -len(p)] for p in _PRONOUNS if norm.endswith(p)), norm)


def _stem_in(stem: str, nouns: frozenset[str]) -> bool:
    """Is a word's stem before its pronoun one of `nouns`, the feminine ending written ت there
    ("زوجت" is "زوجة", "دراست" is "دراسة")?"""
    return stem in nouns or (stem.endswith("ت") and stem[:-1] + "ه" in nouns)


def _own(word: str, nouns: frozenset[str]) -> bool:
    """Is the word one of `nouns` with a possessive pronoun ("تقريره", "دراستهم", "موقعها")?"""
    stem = _pronoun_stem(word)
    return stem != word and _stem_in(stem, nouns)


def _kin(stem: str) -> bool:
    """A relative (or a lawyer), who speaks with the pronoun ("زوجته": the stem "زوجت" is "زوجة")."""
    return _stem_in(stem, _KIN)


def _object_with_pronoun(sv: SentenceView, mention: Mention) -> bool:
    """A noun with its possessive pronoun and its prepositional complement ("اهتمامه بضم
    راموس", "تمسكها بالقرار", "رفضه للمقترح"): the verb's object, not who speaks. A name
    ending in ه is followed by a name, not a preposition ("عيضه الهذلي"); a relative or an
    office with its pronoun speaks ("محاميه في القضية")."""
    words = mention.text.split()
    if len(words) < 2 or not words[0].endswith(_PRONOUNS) or words[0].endswith("الله") or _definite(C.normalize(words[0])) \
            or mention.kind not in (None, "person"):
        return False  # ("عبدالله بترجي عضو الفريق": a name, then an office)
    second = C.normalize(words[1])
    # (or two such nouns joined by "و": "أبدى إعجابه واندهاشه من…", "شكره وتقديره")
    paired = words[1].startswith("و") and len(words[1]) > 3 and words[1].endswith(_PRONOUNS) and not words[1].endswith("ة") \
        and not _kin(_pronoun_stem(words[1][1:]))
    if not ((second[:1] in "بل" and len(second) >= 3) or second in ("علي", "عن", "الي") or paired):
        return False
    stem = _pronoun_stem(words[0])
    return len(stem) >= 3 and head_kind(stem) is None and not _kin(stem) and stem not in C.HONORIFIC_TITLES


def _document_says(sv: SentenceView, ti: int, s: int, e: int, word: str, deferred: bool) -> Cue | None:
    """"وجاء في بيان الجيش «…»", "وورد في التقرير أن…": the document is the source."""
    toks = sv.tokens
    if ti >= len(toks) or toks[ti].t != "في":
        return None
    mention, after = read_source(sv, ti + 1)
    if mention is None or mention.kind != "document":
        return None
    marker, k = find_content(sv, after)
    if not marker:
        return None
    return Cue(s, e, word, "جاء", "verb", mention, True, deferred=deferred, marker=marker,
               content=_tok_start(sv, k), order="vso")


def _after_content_marker(sv: SentenceView, mention: Mention) -> bool:
    """Does the phrase stand inside reported words ("…إن بلاده تتوقع")? Then a verb after it
    is part of what was said, not a new frame, unless its own words follow."""
    toks = sv.tokens
    i = sv.token_index(sv.norm_offset(mention.start)) - 1
    return i >= 0 and (toks[i].t in C.CONTENT_MARKERS or toks[i].t == ":")


def _relayed(sv: SentenceView, i: int, lemma: str) -> tuple[Mention | None, int, bool]:
    """"نقلت الصحيفة عن الوزير", "ذكرت الوكالة نقلاً عن مصادر": the one relayed speaks.
    Returns (mention, index after, pronoun): a pronoun ("عنه") means the previous speaker."""
    toks = sv.tokens
    n = len(toks)
    while i < n and (toks[i].t in C.TIME_WORDS or toks[i].t == ","):
        i += 1  # "ونقلت وكالة فارس للأنباء أمس السبت عن لاريجاني"
    if i < n and toks[i].t in ("نقلا", "ونقلا") and i + 1 < n and toks[i + 1].t == "عن":
        m, after = _relayed_phrase(sv, i + 2)
        return m, after, False
    if lemma == "نقل" and i < n and toks[i].t in ("عنه", "عنها", "عنهم"):
        return None, i + 1, True
    if lemma == "نقل" and i < n and toks[i].t == "عن":
        m, after = read_source(sv, i + 1)
        return m, after, False
    return None, i, False


_DEMONSTRATIVES: Final = C._n("تلك هذه هذا ذلك هؤلاء أولئك")
_SPEAKING_PRONOUNS: Final = C._n("أنا نحن إننا إنني أنت أنتم هو هي هم")  # open words, never a quoted name
_IN_WHICH: Final = C._n("خلاله خلالها عبره عبرها")  # "(من) خلاله": during or through what was just named
_REGNAL: Final = C._n("الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر")  # after a monarch's name
_RECEIVED: Final = C._n("تلقى وتلقى تلقت وتلقت")  # "تلقى … اتصالا من…": the caller is who speaks after


def _relayed_phrase(sv: SentenceView, i: int) -> tuple[Mention | None, int]:
    """Whom a relay names after "نقلا عن": a source phrase, the same sources again ("تلك
    المصادر"), or its own ("مصادرها")."""
    toks = sv.tokens
    n = len(toks)
    if i + 1 < n and toks[i].t in _DEMONSTRATIVES and head_kind(toks[i + 1].t) is not None:
        m, after = read_source(sv, i + 1)  # "نقلا عن تلك المصادر"
        if m is not None:
            s = sv.orig(toks[i].s, toks[i].e)[0]
            return replace(m, start=s, text=sv.text[s : m.end]), after
    if i < n:
        stem = _pronoun_stem(toks[i].t)
        kind = head_kind(stem)
        if stem != toks[i].t and kind in ("unnamed", "document"):
            a, b = sv.orig(toks[i].s, toks[i].e)  # "نقلا عن مصادرها"
            return Mention(a, b, sv.text[a:b], kind), i + 1
    return read_source(sv, i)


def _tokens_with_names(sv: SentenceView) -> list[_Tok]:
    """The sentence's tokens, the name "علي" told from the preposition "على" by its spelling."""
    toks = sv.tokens
    if "علي" in sv.norm:
        for i, tok in enumerate(toks):
            if tok.t == "علي":
                a, b = sv.orig(tok.s, tok.e)
                if sv.text[a:b].rstrip(_HARAKAT).endswith("ي"):
                    toks[i] = tok._replace(t=_ALI)  # the name, not the preposition "على"
    return toks


def arabic_cues(sv: SentenceView, known: Callable[[str], bool] | None = None) -> list[Cue]:
    """Every reporting frame of one Arabic sentence, in text order. `known` tells whether a
    phrase names a source the analyzer already knows (the registry, or a name seen earlier in
    the article): such a phrase can speak even when nothing in it says so."""
    sv.words = C.words_of(sv.norm)
    matches = C.find_arabic_cues(sv.norm, sv.words)
    # (a verb that reports only before أن, "وجد", is no hint of a missed source: "وجد نفسه")
    sv.cue_words = sum(1 for m in matches if m.verb is None or m.verb not in C.STRICT_FORMS)
    opens_background = sv.norm.startswith(_BACKGROUND_STARTS)
    found: list[Cue] = []
    # Weak verbs in their other sense ("بين الطرفين", "عبر الحدود") are dropped before anything is
    # tokenised: most sentences then have nothing left to read.
    matches = [m for m in matches if m.prep is not None or (
        (m.verb in C.PASSIVE_UNNAMED or m.verb in C.PASSIVE_RELAYED or _may_report(sv.norm, m.end, m.verb or "")
         or _after_deferring(sv.norm, m.start)) and not _verbal_noun(sv, m.start))]
    another = _ANOTHER_STATEMENT.match(sv.norm)
    if another is not None:
        # "وفي تغريدة أخرى: …": the same speaker goes on.
        a, b = sv.orig(0, another.end(1))
        found.append(Cue(a, b, sv.text[a:b], "same", "same", None, False, continuation=True))
    if not matches and not opens_background:
        return found  # most sentences: nothing to read, nothing tokenised
    if sv._tokens is None:
        sv.floor = 0 if opens_background or not matches else _word_floor(sv.norm, matches[0].start - 200)
        if matches:
            # Nothing is read more than a few dozen words after the last cue.
            end = sv.norm.find(" ", matches[-1].end + 360)
            sv.ceiling = len(sv.norm) if end == -1 else end
    toks = _tokens_with_names(sv)
    n = len(toks)
    if opens_background and n and toks[0].s == 0:
        background = _background(sv)
        if background is not None:
            found.append(background)
    deferring_until = -1
    for m in matches:
        ns, ne = m.start, m.end
        s, e = sv.orig(ns, ne)
        if m.prep is not None:
            if m.prep in C.DEFERRING_PREPOSITIONS:
                if m.prep == "كما" and not sv.norm[:ns].strip(" ,"):
                    continue  # "كما بينت المادة أن…": "also", at the head of the sentence
                deferring_until = ne + 2
                continue
            cue = _prep_frame(sv, m.prep, ns, ne, s, e, known)
            if cue is not None:
                found.append(cue)
            else:
                sv.unread += 1
            continue
        form = m.verb or ""
        ti = sv.token_index(ne)
        ci = sv.token_index(ns)
        if form in C.PASSIVE_UNNAMED:
            marker, k = find_content(sv, ti)
            if marker:
                found.append(Cue(s, e, sv.text[s:e], form, "passive", None, True, marker=marker,
                                 content=_tok_start(sv, k)))
            continue
        if form in C.PASSIVE_RELAYED:
            if ti < n and toks[ti].t == "عن":
                mention, after = read_source(sv, ti + 1)
                marker, k = find_content(sv, after)
                if mention is not None and marker:
                    mention.kind = mention.kind or "person"
                    found.append(Cue(s, e, sv.text[s:e], form, "verb", mention, True, marker=marker,
                                     content=_tok_start(sv, k), order="vso"))
            continue
        if form in C.AFTER_MA_FORMS and (ci == 0 or not (toks[ci - 1].t in ("ما", "لما", "وهو", "وهي") or (
                ci >= 2 and toks[ci - 2].t in _ACCORDING and not _definite(toks[ci - 1].t)))
                                          or sv.text[e - 1] == "ة"):
            # "إفادة" (a statement), "أفاده" only in "هذا ما أفاده", "وفقا لما ذكره", or after
            # the noun it stands for: "بحسب حصيلة أعلنها التلفزيون الرسمي"
            continue
        deferred = ns <= deferring_until
        cue = _verb_frame(sv, form, ns, ti, ci, s, e, deferred=deferred, known=known)
        if cue is None and not C.verb_cue(form).weak:
            sv.unread += 1  # "قال", "أكد"... left unread: an attribution may have been missed
        if cue is not None:
            if cue.continuation and cue.type == "verb" and cue.order == "" and ci > 0 \
                    and not any(f.mention is not None or f.continuation for f in found):
                # "وشكك معهد بحثي…، قائلاً إن…", "كانت لوفتهانزا صرفت… وقالت إنها…": the
                # subject of the sentence speaks.
                subject = _sentence_subject(sv, ci, known) or _statement_owner(sv, ci, known)
                if subject is not None:
                    cue.mention, cue.continuation, cue.order = subject, False, "subject"
                elif ti < len(toks) and (toks[ti].t in _IN_WHICH or (toks[ti].t == "من" and ti + 1 < len(toks)
                                                                    and toks[ti + 1].t in _IN_WHICH)):
                    continue  # "…اتصالا من…، أعرب خلاله…" with no subject read: nobody earlier goes on
            found.append(cue)
    if found and "قد" in sv.norm:
        # "…، وأضاف: إن…، وكانت طهران قد شهدت قبل شهر…": the paper's background, a pluperfect
        # clause after a comma, ends the words reported before it.
        for bg in _BACKGROUND_CLAUSE.finditer(sv.norm):
            s, e = sv.orig(*bg.span(1))
            if any(c.start < s and (c.mention is not None or c.continuation) for c in found):
                found.append(Cue(s, e, sv.text[s:e], "background", "background", None, False))
    for same in C.SAME_SOURCE.finditer(sv.norm):
        s, e = sv.orig(*same.span())
        found.append(Cue(s, e, sv.text[s:e], "same", "same", None, False, continuation=True))
    found.sort(key=lambda c: c.start)
    if len(found) > 1:
        # "وبين تقرير سابق نشرته "الاقتصادية" في…، أن…": a frame inside another's description of
        # its source introduces the same words; the outer frame is the attribution.
        # (In one pass: the earliest named verb frame before each content offset. A pairwise test
        # took minutes on a hostile sentence of 50,000 frames.)
        first: dict[int, int] = {}
        for o in found:
            if o.content is not None and o.mention is not None and o.type == "verb":
                first[o.content] = min(first.get(o.content, o.start), o.start)
        found = [c for c in found if not (
            c.content is not None and first.get(c.content, c.start) < c.start and _describing_verb(C.normalize(c.word)))]
    return found


def _describing_verb(t: str) -> bool:
    """A publishing verb with an object pronoun ("نشرته", "تداولها"): a relative clause that
    describes the noun before it ("تقرير نشرته الصحيفة")."""
    form = C.verb_form(t)
    return form is not None and form.endswith(("ه", "ها", "هم")) and C.verb_cue(form).publishing


_MARKER_NEAR: Final = re.compile(
    "|".join(sorted((re.escape(m) for m in C.CONTENT_MARKERS), key=len, reverse=True)).join(("(?<!\\w)(?:", ")(?!\\w)"))
    + '|[:"]'
)


def _after_deferring(norm: str, start: int) -> bool:
    """Does a deferring preposition ("حسبما", "بحسب ما", "كما") stand just before this verb?"""
    before = norm[max(0, start - 12) : start].rstrip()
    return before.endswith(("ما", "حسبما", "كما"))


# A verb's form right after a preposition is its verbal noun: "تحفظ عن ذكر الأرقام", "في تأكيد…".
_PREPOSITION_BEFORE: Final = re.compile(r"(?:^|\s)(?:عن|في|الي|حول|دون|علي)\s$")


def _verbal_noun(sv: SentenceView, start: int) -> bool:
    """Is the verb form at this normalised offset right after a preposition (its verbal noun:
    "عن ذكر الأرقام", "على نفي التقارير")? "على" told from the name "علي" by its spelling."""
    before = _PREPOSITION_BEFORE.search(sv.norm, max(0, start - 6), start)
    if before is None:
        return False
    if sv.norm.startswith("علي", start - 4):
        a, b = sv.orig(start - 4, start - 1)
        return sv.text[a:b].endswith("ى")
    return True


def _may_report(norm: str, end: int, form: str) -> bool:
    """A quick test before the sentence is parsed: a weak verb ("بين", "عبر", "نشر", "كتب") can
    report only if what introduces reported words appears within the next few words."""
    cue = C.verb_cue(form)
    if not cue.weak or (cue.object and not cue.needs_prep):
        return True
    if cue.lemma == "جاء":
        return norm.startswith(" في ", end)
    window = norm[end : end + 180]
    if _MARKER_NEAR.search(window):
        return True
    return any(f" {p} " in window or (p in ("ب", "ل") and f" {p}" in window) for p in cue.preps)


def _speech_participle(t: str) -> bool:
    """"مضيفا", "وموضحا", "قائلا": a reporting verb's adverbial participle, the speaker going on."""
    form = C.verb_form(t)
    return form is not None and _is_participle(form)


def _is_participle(form: str) -> bool:
    return form.startswith(("م", "قايل", "داعي", "واصف", "لافت", "كاشف", "ذاكر", "زاعم", "نافي"))


def _opens_with_prep(t: str, preps: tuple[str, ...]) -> bool:
    """Is the word after a verb that verb's own preposition glued to a noun that is no name
    ("نوه ببادرة…", "طالب بضرورة…", "أشاد بالتزام…"): its words begin there, no subject between?
    (Asked of a verb that opens its sentence: the speaker goes on. Mid-sentence, "واتهم بالقتل"
    is a passive.)"""
    if len(t) < 4 or t[0] != "ب" or "ب" not in preps:
        return False
    rest = t[1:]
    return _definite(rest) or not _name_like(rest)


# Adjectives of an office that want its field or body after them: "المدير العام للتعليم".
_OFFICE_ADJECTIVES: Final = C._n("العام العامة التنفيذي التنفيذية الإقليمي الإقليمية المساعد المساعدة المكلف")
# Words of quantity that follow a plural noun ("طرق عدة", "جهات مختلفة"): no part of a name.
_AFTER_PLURALS: Final = C._n("عدة عديدة متعددة مختلفة كثيرة")
# Where an unnamed source stands, as "في" says it: "مصادر داخل المقاومة", "مصدر وسط المقاومة".
_INSIDE: Final = C._n("داخل وسط")
# Whom a source is close to follows "من": "مصادر قريبة من مشروع السيارة" (after another word "من"
# may be the verb's own: "قلل خبراء من أهمية الحوار").
_NEAR: Final = C._n("قريب قريبة قريبون قريبين مقرب مقربة مقربون مقربين")
# What an informed source knows about follows "على": "مسؤول مطلع على الوضع في سيناء".
_INFORMED: Final = C._n("مطلع مطلعة مطلعون مطلعين المطلع المطلعة المطلعون المطلعين")


def _sentence_subject(sv: SentenceView, ci: int, known: Callable[[str], bool] | None) -> Mention | None:
    """The subject of a sentence that opens with a verb ("وشكك معهد بحثي أميركي بارز…",
    "كانت لوفتهانزا صرفت…"), when it is a phrase that can speak: a subjectless verb of saying
    later in the sentence refers to it."""
    toks = sv.tokens
    if len(toks) < 3 or toks[0].s != 0 or ci < 2:
        return None
    i = 1
    if toks[0].t in ("من", "ومن") and len(toks) > 3 and toks[1].t in _FRAMING:
        toks = toks[2 + (toks[2].t == ",") :]  # "من جانبه، رفض السفير…"
        if len(toks) < 3:
            return None
        offset = len(sv.tokens) - len(toks)
        if not toks[0].t[0].isalpha() or _stop(toks[0].t) or _definite(toks[0].t) or head_kind(toks[0].t) is not None:
            return None
        mention, _ = read_source(sv, offset + 1)
        limit = sv.orig(sv.tokens[ci].s, sv.tokens[ci].e)[0] if ci < len(sv.tokens) else sv.end
        if mention is not None and mention.end <= limit \
                and not _pronoun_suffixed(sv, mention) and (mention.kind in _SPEAKING_KINDS or mention.named):
            return mention
        return None
    if (toks[0].t in _LEADING_PARTICLES or (toks[0].t in ("لا", "ولا", "ما", "وما") and toks[1].t in C.AUXILIARIES)) \
            and ci > 3:  # ("ولا يزال مدرب الفريق… يؤكد…": the negation of a sister of كان)
        toks = toks[1:]  # "ثم عزز مدرب سان جرمان…", "وقد أكد…"
        ci -= 1
        shift = 1
    else:
        shift = 0
    if toks[0].t in C.AUXILIARIES:
        i = 1
    elif (toks[0].t in C.SETTING_PREPS or (toks[0].t[:1] == "و" and toks[0].t[1:] in C.SETTING_PREPS)) \
            and len(toks) > 4 and _definite(toks[1].t):
        # "وعقب المباراة هنأ رئيس البعثة… وقال:": the verb after a short setting.
        v = 2 + (toks[2].t == ",")
        verb = toks[v].t
        if v + 1 >= ci or not verb[0].isalpha() or _stop(verb) or _definite(verb) or head_kind(verb) is not None:
            return None
        i = v + 1
    else:
        first = toks[0].t
        if not first[0].isalpha() or _stop(first) or _definite(first) or head_kind(first) is not None or first in C.SETTING_PREPS:
            return None
    if i + 1 < ci and toks[i].t in _DEMONSTRATIVES and _definite(toks[i + 1].t):
        i += 1  # "ضحك ذلك الشيخ وقال:": the subject after its demonstrative
    if i >= ci:
        return None
    if i >= 1 and toks[i - 1].t in _RECEIVED:
        # "تلقى الأمير اتصالا هاتفيا من الرئيس…، أكد خلاله…": the caller speaks, not who took the call
        call = next((m for m in range(i + 1, ci) if toks[m].t.startswith(("اتصال", "رساله", "برقيه"))), -1)
        frm = next((m for m in range(call + 1, min(call + 5, ci)) if toks[m].t == "من"), -1) if call != -1 else -1
        if frm != -1:
            caller, _ = read_source(sv, frm + shift + 1)
            if caller is not None and (caller.kind in _SPEAKING_KINDS or caller.named):
                return caller
            return None
    mention, _ = read_source(sv, i + shift)
    limit = sv.orig(toks[ci].s, toks[ci].e)[0] if ci < len(toks) else sv.end
    if mention is None or mention.end > limit or _pronoun_suffixed(sv, mention):
        return None
    if mention.kind in ("organization", "official", "unnamed", "group", "outlet", "news agency", "document") \
            or (known is not None and known(mention.text)):
        return mention
    if known is not None:
        # "كانت لوفتهانزا صرفت…": the words that name someone seen before, and no more.
        for m in range(min(3, len(toks) - i), 0, -1):
            a, b = sv.orig(toks[i].s, toks[i + m - 1].e)
            if known(sv.text[a:b]):
                return Mention(a, b, sv.text[a:b], "", named=True)
    return None


# An honorific pronoun and the title it stands for: "وقال معاليه" is the one the article called
# "معالي …" before.
_HONORIFIC_OF: Final = {C.normalize(k): v for k, v in {
    "معاليه": "معالي", "معاليها": "معالي", "سموه": "سمو", "سموها": "سمو", "فضيلته": "فضيلة",
    "سعادته": "سعادة", "سعادتها": "سعادة", "فخامته": "فخامة", "فخامتها": "فخامة", "سيادته": "سيادة",
    "سماحته": "سماحة"}.items()}
_HONORIFIC_NOUN: Final = re.compile(r"(?<![\w])[وبل]?(معالي|سمو|فضيلة|سعادة|فخامة|سيادة|سماحة)(?![\w])")


def honorific_antecedent(text: str, end: int, pronoun: str) -> Mention | None:
    """Who an honorific pronoun ("معاليه", "سموه") stands for: the last phrase before `end`
    opened by its title ("معالي وزير الشؤون الإسلامية الشيخ صالح…"), read as a source phrase."""
    title = _HONORIFIC_OF.get(C.normalize(pronoun))
    if title is None:
        return None
    last = None
    for m in _HONORIFIC_NOUN.finditer(text, max(0, end - 4000), end):
        if m.group(1) == title:
            last = m
    if last is None:
        return None
    start = last.start(1)
    stop = min(len(text), start + 300, end)
    for mark in (".", "\n", "،", ":"):
        k = text.find(mark, start, stop)
        if k != -1:
            stop = k
    if stop - start < 4:
        return None
    sv = SentenceView(text, start, stop)
    _tokens_with_names(sv)
    mention, after = read_source(sv, 0)
    if mention is None or mention.kind not in ("official", "person") or len(mention.text.split()) < 2:
        return None
    toks = sv.tokens
    if text[stop : stop + 1] == "،" and after < len(toks) and len(toks) <= 25 \
            and any(t.t in C.HONORIFIC_TITLES for t in toks[after:]) and _name_like(toks[-1].t, first=False) \
            and not any(t.t in C.CONTENT_MARKERS or is_cue_word(t.t) or not t.t[0].isalnum() for t in toks[after:]):
        # "معالي الرئيس العام لهيئة الأمر بالمعروف والنهي عن المنكر الشيخ الدكتور عبدالرحمن…،": the
        # titles and the name run to the comma, where the phrase read stopped short.
        e = sv.orig(toks[-1].s, toks[-1].e)[1]
        return Mention(mention.start, e, text[mention.start : e], mention.kind, named=True)
    return mention


_MAY_HEAD_A_SPEAKER_CACHE: Final[dict[str, bool]] = {}


def may_head_a_speaker(w: str) -> bool:
    """Could this word give a phrase a kind that speaks (a head noun, an honorific or a title, the
    plural of a body, a plural in construct such as "ناشطو", a quantity, a plural adjective of
    relation)?"""
    r = _MAY_HEAD_A_SPEAKER_CACHE.get(w)
    if r is None:
        r = C.remember(_MAY_HEAD_A_SPEAKER_CACHE, w, _may_head_a_speaker_of(w))
    return r


def _may_head_a_speaker_of(w: str) -> bool:
    """`may_head_a_speaker` without its cache."""
    return head_kind(w) is not None or w in C.HONORIFIC_TITLES or w in _APPOSITION_OPENERS or w in C.QUANTIFIERS \
        or (w.endswith("و") and len(w) >= 5) or _bodies(w) is not None \
        or (C.is_nisba(w) and w.endswith(("يين", "يون")))


_VERB_LIKE_CACHE: Final[dict[str, bool]] = {}


def verb_like(w: str) -> bool:
    """Could this word open a sentence as its verb: no article, no noun that heads a source, no
    particle, no adjective of relation?"""
    r = _VERB_LIKE_CACHE.get(w)
    if r is None:
        r = C.remember(_VERB_LIKE_CACHE, w, _verb_like_of(w))
    return r


def _verb_like_of(w: str) -> bool:
    """`verb_like` without its cache."""
    return len(w) >= 3 and w[0].isalpha() and not _definite(w) and head_kind(w) is None and w not in C.NP_STOPS \
        and not C.is_nisba(w)


def sentence_actor(sv: SentenceView, known: Callable[[str], bool] | None = None) -> Mention | None:
    """The one who acts in a sentence that reports nothing ("انتقل بوبي جيندال حاكم لويزيانا إلى
    المدينة", "من جانبه رفع رئيس مجلس إدارة الجمعية… التعازي"): the subject right after its
    opening verb, when it is a phrase that can speak. A subjectless "وقال"/"وأضاف" in the next
    sentence is usually his."""
    if sv._tokens is None:
        sv.floor = 0
        sv.ceiling = min(len(sv.norm), 300)
    toks = sv.tokens
    if len(toks) < 3:
        return None
    mention = _sentence_subject(sv, len(toks), known)
    if mention is None:
        return None
    first = C.normalize(mention.text.split()[0]) if mention.text.split() else ""
    if head_kind(first) is not None or first in C.HONORIFIC_TITLES or (mention.kind == "official" and mention.named):
        return mention  # a title or a body says who it is ("بوبي جيندال حاكم لويزيانا")
    if known is not None:
        # A bare name only as far as it names someone seen before ("وانتقد عباس صدور بيانات…").
        words = mention.text.split()
        for m in range(min(3, len(words)), 0, -1):
            text = " ".join(words[:m])
            if known(text):
                return Mention(mention.start, mention.start + len(text), text, "", named=True)
    return None


def _statement_owner(sv: SentenceView, ci: int, known: Callable[[str], bool] | None) -> Mention | None:
    """Whose statements the sentence is about ("وجاءت تصريحات محمد عبده خلال اللقاء…، حيث قال
    إن…"): a subjectless verb of saying later in the sentence is his."""
    toks = sv.tokens
    for i in range(min(ci, 12) - 1, -1, -1):
        if toks[i].t in C.STATEMENT_NOUNS and i + 1 < ci:
            mention, _ = read_source(sv, i + 1)
            if mention is not None and not _pronoun_suffixed(sv, mention) and (
                    mention.named or mention.kind in _SPEAKING_KINDS or (known is not None and known(mention.text))):
                return mention
    return None


def _np_before(sv: SentenceView, idx: int) -> Mention | None:
    """The source phrase that ends right before token idx ("…لويس غال الذي قال", "في البيان
    الصادر من المركز الإعلامي والذي أشار فيه…")."""
    toks = sv.tokens
    j = idx - 1
    while j >= 0 and idx - j <= 14:
        t = toks[j].t
        if t in (",", ":", ".", "(", _QUOTE) or is_cue_word(t) or t in C.CONTENT_MARKERS \
                or t in ("في", "علي", "عن", "ما", "لسان", "بحسب", "حسب"):
            break  # ("على لسان X، الذي قال": the phrase after the preposition)
        j -= 1
    for start in range(j + 1, idx):
        np = _NP(sv)
        mention = np.read(start)
        if mention is not None and np.after == idx and (_plausible(mention) or mention.text):
            first = toks[start].t
            if first[:1] == "و" and len(first) > 3 and (_definite(first[1:]) or head_kind(first[1:]) is not None) \
                    and mention.text[:1] == "و":
                # "…بين الحكومة المركزية وحكومة كاتالونيا التي طالبت…": the conjunction is not the phrase's
                mention = replace(mention, start=mention.start + 1, text=mention.text[1:])
            return mention
    return None


def _tok_start(sv: SentenceView, k: int) -> int | None:
    toks = sv.tokens
    if 0 <= k < len(toks):
        return sv.orig(toks[k].s, toks[k].e)[0]
    return None


_BACKGROUND_STARTS: Final = tuple({opener[0] for opener in C.BACKGROUND_OPENERS})
# "، وكانت طهران قد شهدت…", "، وكان الوزير قد أعلن…": a pluperfect clause after a comma.
_BACKGROUND_CLAUSE: Final = re.compile(r",\s*(وكان|وكانت|وكانوا)\s+(?:[^\s,.:]+\s+){1,6}?قد\s")


def _background(sv: SentenceView) -> Cue | None:
    """"يذكر أن…", "ومن المقرر أن…" at the head of the sentence: the paper's own background."""
    toks = sv.tokens
    words = [t.t for t in toks[:3]]
    for opener in C.BACKGROUND_OPENERS:
        if tuple(words[: len(opener)]) == opener:
            s, e = sv.orig(toks[0].s, toks[len(opener) - 1].e)
            return Cue(s, e, sv.text[s:e], "background", "background", None, False)
    return None


def _prep_frame(sv: SentenceView, prep: str, ns: int, ne: int, s: int, e: int,
                known: Callable[[str], bool] | None) -> Cue | None:
    toks = sv.tokens
    n = len(toks)
    if prep.endswith("ل"):
        # "وفقاً للمرصد", "وفقا لمصادر": the source is glued to the lam.
        ti = sv.token_index(ne - 1)
        if ti < n and toks[ti].s < ne - 1:
            ti = sv.token_index(ne)
        mention = _strip_lam(sv, toks[ti], ti) if ti < n else None
    else:
        ti = sv.token_index(ne)
        if ti < n and toks[ti].t in C.PRONOUN_ATTRIBUTIONS:
            # "حسب وصفه", "بحسب قوله": the clause's own speaker.
            s2, e2 = sv.orig(ns, toks[ti].e)
            return Cue(s2, e2, sv.text[s2:e2], prep, "prep", None, False, continuation=True, order="pronoun")
        mention, _ = read_source(sv, ti)
        if mention is not None and (mention.named or mention.kind in ("person", "official", "unnamed")):
            mention = _described_to_the_end(sv, mention)
    if mention is None:
        return None
    if prep in C.CONFORMITY_PREPOSITIONS and not _followed_by_fa_inna(sv, mention):
        head = C.normalize(mention.text.split()[0]) if mention.text.split() else ""
        if head in C.NORMATIVE_HEADS or (head.startswith("ال") and head[2:] in C.NORMATIVE_HEADS):
            return None  # "وفق خطة البحث", "بموجب قرار…": in accordance with, not according to
    # "حسب المنطقة" means "depending on the region": only a phrase that can speak is a source.
    if not mention.kind and not mention.named and not mention.quoted and not (known and known(mention.text)) and not (
            len(mention.text.split()) <= 3 and all(_name_like(w) for w in C.normalize(mention.text).split())
            and _followed_by_fa_inna(sv, mention) and not sv.norm[:ns].strip(" ,")) \
            and not (not prep.endswith("ل") and _last_word_name(sv, mention)):
        # (at the head of the sentence, set off by "، فإن", a name is the source: "وبحسب السناني، فإن…";
        # at its end, a name alone: "…بحسب أنقرة.")
        return None
    if mention.kind == "person" and not mention.named and len(mention.text.split()) == 1 and prep.lstrip("وف") in ("حسب", "بحسب"):
        return None
    preceding = sv.norm[:ns].rstrip()
    opens = (preceding.endswith(",") or not preceding or prep.startswith("و")) and _followed_by_fa_inna(sv, mention)
    return Cue(s, e, sv.text[s:e].strip(), prep, "prep", mention, opens, order="prep",
               marker="an" if opens else "")


def _described_to_the_end(sv: SentenceView, mention: Mention) -> Mention:
    """"…بحسب جان شارل بريزار الخبير في شؤون تمويل الإرهاب.": a person named after "بحسب",
    then a description that runs to the end of the sentence (a title or an adjective with the
    article, then only words that describe): the description is the phrase's own."""
    toks = sv.tokens
    n = len(toks)
    # (from where the phrase ends: its reading may have dropped a last title, "…بريزار الخبير")
    after = sv.token_index(sv.norm_offset(mention.end))
    if after >= n or not _definite(toks[after].t):
        return mention
    first = toks[after].t
    if not (head_kind(first) in ("official", "unnamed") or first in C.HONORIFIC_TITLES or C.is_nisba(first)):
        return mention
    k = after
    while k < n and k - after <= 10 and _describes_at(toks, k):
        k += 1
    if k - after > 10 or (k < n and toks[k].t not in (".", "!", "?")) or k == after:
        return mention
    b = sv.orig(toks[after].s, toks[k - 1].e)[1]
    return replace(mention, end=b, text=sv.text[mention.start : b], clean=False)


def _last_word_name(sv: SentenceView, mention: Mention) -> bool:
    """A name alone that ends its sentence after "بحسب" ("…بحسب أنقرة."): no article, no pronoun
    of its own ("حسب رغبته."), no word of time."""
    words = C.normalize(mention.text).split()
    rest = sv.text[mention.end : sv.end].strip(" \u00a0\n")
    if len(words) != 1 or rest not in ("", ".", "!", "؟", "?"):
        return False
    w = words[0]
    spelled = mention.text.strip().rstrip(_HARAKAT)  # ("أنقرة" ends with ة, "رغبته" with a pronoun)
    return len(w) >= 3 and w[0].isalpha() and not _definite(w) and not spelled.endswith(_PRONOUNS) and w not in C.TIME_WORDS \
        and w not in C.TIME_NOUNS and w not in C.ADVERBS and not _prepositional(w) and not _stop(w)


def _followed_by_fa_inna(sv: SentenceView, mention: Mention) -> bool:
    rest = sv.text[mention.end : sv.end].lstrip(" ،,")
    return rest.startswith(("فإن", "فان", "فأن", "فقد", "إن", "أن"))


def _strip_lam(sv: SentenceView, tok: _Tok, ti: int) -> Mention | None:
    """"للمرصد" / "لمنظمة": the source glued to the lam of its preposition ("لل" is ل + ال)."""
    if not tok.t.startswith("ل"):
        return read_source(sv, ti)[0]
    drop = 2 if tok.t.startswith("لل") else 1
    rest = tok.t[drop:]
    if len(rest) < 2:
        return None
    mention, _ = read_source(sv, ti, glued=True)
    if mention is None:
        return None
    kind = head_kind(rest) or head_kind("ال" + rest) or mention.kind
    s = sv.orig(tok.s + drop, tok.s + drop + 1)[0]
    return Mention(s, mention.end, sv.text[s : mention.end], kind, mention.quoted, mention.clean,
                   mention.feminine, mention.plural, mention.named)


def _given_and_family(mention: Mention) -> bool:
    """Is the phrase a person's name: a known given name and one or two more names ("محمد
    النفيعي", "يوسف ناصر العلي")? With a verb's own preposition right after it ("وطالب محمد
    النفيعي بمحاسبة…"), such a name speaks."""
    words = normalize(mention.text).split()
    return 2 <= len(words) <= 3 and words[0] in C.GIVEN_NAMES and all(
        w[:1].isalpha() and not _stop(w) and head_kind(w) is None and not is_cue_word(w) for w in words[1:])


def _plausible(mention: Mention) -> bool:
    """A phrase that can speak: a known kind of source, or a name."""
    return bool(mention.kind) or mention.named or mention.quoted


def _verb_frame(sv: SentenceView, form: str, ns: int, ti: int, ci: int, s: int, e: int, deferred: bool,
                known: Callable[[str], bool] | None = None) -> Cue | None:
    toks = sv.tokens
    n = len(toks)
    cue = C.verb_cue(form)
    agree = _agreement(form, cue)
    participle = _is_participle(form)
    word = sv.text[s:e]
    before = toks[ci - 1].t if ci > 0 else ""
    if before in _RELATIVES:
        # "…لويس غال الذي قال: …": the one just named speaks.
        m = ti
        if m < len(toks) and toks[m].t in ("فيه", "فيها", "عنه", "عنها", "به", "بها"):
            # "الفيلم الذي قالت فيه…": the one named is not who speaks; the verb's own subject is.
            marker, k = find_content(sv, m + 1, cue.preps)
            if not marker:
                return None
            return Cue(s, e, word, cue.lemma, "verb", None, True, continuation=True, deferred=deferred,
                       marker=marker, content=_tok_start(sv, k), agree=agree, order="")
        marker, k = find_content(sv, ti, cue.preps)
        if marker:
            named = _np_before(sv, ci - 1)
            return Cue(s, e, word, cue.lemma, "relative", named, True, continuation=named is None, deferred=deferred,
                       marker=marker, content=_tok_start(sv, k), agree=agree, order="relative")
        if ti < len(toks) and not participle and not cue.object:
            # "…الذي ذكرت تقارير أنه يسعى…", "مظاهرات قال منظموها إنها…": the verb has a subject of its
            # own, which runs on to its أن; the one just named is what it is about.
            last, m = _runs_to_an(sv, ti)
            head = read_source(sv, ti + (toks[ti].t in _DEMONSTRATIVES))[0] if m > ti else None
            if head is not None and _plausible(head) and not toks[m].t.startswith("ب"):
                # (not "…الذي وصف القناة بأنها…": what it described, and how)
                return Cue(s, e, word, cue.lemma, "verb", _run_mention(sv, ti, last, head), True, deferred=deferred,
                           marker="an", content=_tok_start(sv, m), order="vso")
        return None
    if form in C.AFTER_MA_FORMS:
        named_after, after_named = read_source(sv, ti)
        if named_after is not None and (_plausible(named_after) or (known is not None and known(named_after.text))
                                        or (deferred and _closes_clause(sv, named_after, after_named))):
            # ("وهذا ما أكده X": what the paragraph said before; "…، وفقا لما ذكره X": what this
            # sentence said, and no more)
            return Cue(s, e, word, cue.lemma, "verb", named_after, False, deferred=True, marker="before",
                       order="vso" if deferred else "after")
        return None
    if before in C.NEGATIONS and not (deferred and before == "ما"):
        return None  # "لم يذكر", "ما قاله": nothing is reported
    if before in ("مما", "عما", "ومما", "وعما", "بمن", "لمن", "ممن", "عمن", "فمن", "ومن", "كمن") \
            or (before == "من" and not deferred):
        return None  # "مما ذكر": a noun clause, not a frame; "بمن يقول إن…": whoever says it
    if cue.lemma == "بين" and before in C.CONTENT_MARKERS and form == "بين":
        return None  # "…إن بين القتلى امرأتين": "among", right where the words begin
    if cue.lemma == "جاء":
        return _document_says(sv, ti, s, e, word, deferred)
    if cue.lemma == "علم":
        return _learned_from(sv, ti, s, e, word, deferred)
    if ci > 0 and (before in _THUS or (before in C.AUXILIARIES and ci > 1 and toks[ci - 2].t in _THUS)):
        # "هكذا كان يقول لنا صاحب القرار": the words came before, the source is named after them.
        m = ti + (ti < n and toks[ti].t in ("لنا", "لي", "لهم", "لكم"))
        named_after, _ = read_source(sv, m)
        if named_after is not None and (_plausible(named_after) or (known is not None and known(named_after.text))):
            return Cue(s, e, word, cue.lemma, "verb", named_after, False, deferred=True, marker="before", order="after")
        return None
    j = ti
    while j < n and toks[j].t in C.ADVERBS and toks[j].t not in C.MANNER_PARTICIPLES:
        j += 1
    j = _time_before_subject(sv, j, relays=cue.lemma == "نقل")  # "وقال أمس الوزير إن…", "كما ذكرت الجمعة مصادر رسمية"
    # "وأضاف يجب علينا…", "وتابع تم القبض على…": going on, the words follow at once (a word
    # that opens a sentence and is no one's name)
    opens_words = cue.lemma in _GOING_ON and not participle and j < n \
        and toks[j].t in _SENTENCE_OPENERS and j + 1 < n and toks[j + 1].t not in C.CONTENT_MARKERS
    words_next = False
    if j + 2 < n and toks[j].t == "من" and toks[j + 1].t in _IN_WHICH and not participle:
        j += 1  # "بيانا ذكرت من خلاله أن…"
    if deferred and j + 1 < n and toks[j].t in ("به", "بها", "عنه", "عنها") and not participle and cue.lemma != "نقل":
        # "…، حسب ما صرح به الوزير", "وفق ما أعلن عنه المتحدث": what the one named after said (but
        # "كما نقلت عنه الوكالة": he said it, the agency relays it)
        j += 1
    if j + 1 < n and (toks[j].t in ("فيه", "فيها", "عليه", "عليها") or toks[j].t in _IN_WHICH) and not participle \
            and not eulogy_end([tok.t for tok in toks[j : j + 4]], after_name=False):  # ("قال عليه السلام")
        j += 1  # "علق فيها الإعلامي…، قائلا:", "وعلق عليه الوزير بقوله…", "اتصالا أكد خلاله…"
        # "…بيانا، أوضحت فيه أن…", "تدوينة قال فيها “…”": the words, and no subject, follow.
        words_next = toks[j].t in (_QUOTE, ":") or toks[j].t in C.CONTENT_MARKERS
    if j + 1 < n and toks[j].t in ("ذلك", "بذلك", "هذا", "بهذا") and not participle \
            and not (toks[j].t in ("هذا", "بهذا") and _definite(toks[j + 1].t)):  # ("أقر هذا القانون": "this law")
        # "…، أوضح ذلك مدير عام شؤون الموظفين": the source of what was said before (and
        # "أوضح ذلك لـ"الوطن" عضو اللجنة…": whom it was told may come first).
        named_after, _ = read_source(sv, _past_addressee(sv, j + 1))
        if named_after is not None and (_plausible(named_after) or (known is not None and known(named_after.text))):
            return Cue(s, e, word, cue.lemma, "verb", named_after, False, deferred=True, marker="before", order="after")
        return None
    # An addressee before the subject: "وأوضح لـ"الوطن" مسؤول في الشركة أن…". (A subject never
    # opens with the preposition: "قال للإيرانيين…" says to whom, whoever they are.)
    if j < n and (toks[j].t == "ل" or is_addressee(toks[j].t) or (toks[j].t.startswith("لل") and len(toks[j].t) > 4)) \
            and not participle:
        marker, k = find_content(sv, j, ())
        if not marker or toks[j].t == "ل":
            # A lone lam always names whom it was said to: a quotation right after it is that
            # name ("لـ"الاقتصادية""), never the words.
            m = j + 1
            if m < n and toks[m].t in _OPEN:
                while (m < n and toks[m].t not in _CLOSE) or m == j + 1:
                    m += 1
                m += 1
            elif toks[j].t != "ل":
                m = j + 1
                while m < n and m - j < 4 and _definite(toks[m].t) and not _stop(toks[m].t):
                    m += 1
            j = m
            # "وقال لـ"الاقتصادية"، أمس، مصدر مطلع…": a time set off by commas before the subject.
            m = j + 1 if j < n and toks[j].t == "," else j
            w = m
            while m < n and m - w < 3 and (toks[m].t in C.TIME_WORDS or toks[m].t in C.ADVERBS):
                m += 1
            if m > w and m < n and toks[m].t == ",":
                j = m + 1
            elif w > j and w < n and toks[w].t[0].isalpha() and toks[w].t not in C.CONTENT_MARKERS:
                named, after_named = read_source(sv, w)
                if named is not None and _plausible(named) and find_content(sv, after_named)[0] in ("an", "colon", "quote"):
                    j = w  # "يوضح لـ"الاقتصادية"، ريتشارد مار المختص النفطي أن…"
    if cue.tells and j + 2 < n and toks[j].t == _QUOTE and not participle:
        # "أبلغ" with a quoted name right after it, then a phrase that runs on to أن: "وأبلغت
        # «عكاظ» مصادر مطلعة أن…", "أبلغ "الاقتصادية" مسؤول في الهيئة أن…": the quoted paper is
        # whom it was told (its first object), the phrase is who told it. (After "قالت «…»" the
        # quoted name is the subject and what follows it describes it: "قالت «كامبل سوب» أكبر
        # شركة…".)
        close = next((x for x in range(j + 1, min(n, j + 6)) if toks[x].t == _QUOTE), -1)
        if close > j + 1 and close + 1 < n and toks[close + 1].t[:1].isalpha() and not C.is_nisba(toks[close + 1].t) \
                and not any(toks[x].t in C.CONTENT_MARKERS for x in range(j + 1, close)) \
                and _runs_to_an(sv, close + 1)[1] > close + 1:
            j = close + 1
    mention: Mention | None = None
    after = j
    order = "vso"
    pre = _subject_before(sv, ci, inside=True) if before == "قد" and ci >= 2 and toks[ci - 2].t not in (",", ".") else None
    if pre is not None:
        # "أن تقرير اللجنة قد تضمن النقاط التالية": the subject stands before "قد" (even inside
        # someone's words: a document they cite); what follows the verb is its object.
        marker, k = find_content(sv, ti, cue.preps, obj=bool(cue.preps))
        if not marker and cue.object:
            marker, k = "object", ti
        if marker:
            return Cue(pre.start, e, sv.text[pre.start : e], cue.lemma, "verb", pre, marker in ("an", "colon", "quote"),
                       deferred=deferred, marker=marker, content=_tok_start(sv, k), order="svo")
    via: Mention | None = None
    object_first = False  # the verb's object stands where its subject would
    pronoun = j < n and toks[j].t in C.HONORIFIC_PRONOUNS
    if pronoun:
        after = j + 1
        order = "pronoun"
    elif cue.tells and ci > 0 and (told := _told_by(sv, ci, j, form)) is not None:
        return told
    elif not participle and agree != "p" and not words_next and not opens_words and not (ci == 0 and _opens_with_prep(toks[j].t if j < n else "", cue.preps)):
        # A verb before its subject is singular in Arabic: after "توقعوا", "قالوا" comes the
        # object or the words, never the subject (it stands before, or was named earlier).
        mention, after = read_source(sv, j)
        if mention is not None and cue.lemma == "بين" and not word.startswith(("و", "ف")) \
                and (" و" in mention.text.strip() or (after < n and toks[after].t[:1] == "و" and len(toks[after].t) > 3
                                                      and (_definite(toks[after].t[1:]) or may_head_a_speaker(toks[after].t[1:])))):
            return None  # "بين الرياض وباريس", "بين الائتلاف السوري والمسؤول…": "between", not "explained"
        if mention is not None and _accusative_plural(toks[j].t) and not (known is not None and known(mention.text)):
            # "وأوصى المسلمين بتقوى الله", "وطالب المواطنين بالتعاون": a sound plural in ـين right
            # after the verb is its object (as its subject it would end in ـون); the subject was
            # named before
            mention, after, object_first = None, j, True
        if mention is not None and agree == "m" and cue.lemma in _CALLS_UPON and not participle \
                and mention.kind in ("organization", "document", "outlet", "news agency") and _feminine_head(mention):
            # A verb before a feminine subject is feminine ("دعت الوزارة"): after "ودعا" the
            # feminine body is the one called upon, the subject was named before.
            mention, after, object_first = None, j, True
    if cue.lemma == "نقل" or (mention is not None and any(toks[m].t in ("نقلا", "ونقلا") for m in range(after, min(n, after + 4)))):
        relayed, after2, pron = _relayed(sv, after if mention is not None else j, cue.lemma)
        if relayed is not None or pron:
            via = mention
            mention, after = relayed, after2
            if pron:
                order = "pronoun"
    marker, k = find_content(sv, after, cue.preps, obj=(mention is not None and bool(cue.preps) and cue.weak) or object_first)
    if not marker and mention is not None and not cue.weak and not participle:
        m = after
        while m < n and m - after < 14 and toks[m].t not in (".", ":") and toks[m].t not in C.CONTENT_MARKERS \
                and not is_cue_word(toks[m].t) and toks[m].t != _QUOTE:
            m += 1
        quoted = m < n and toks[m].t == _QUOTE and _quotes_to_the_end(toks, m)
        runs_on = not cue.object and via is None and m < n and (toks[m].t == ":" or toks[m].t in C.CONTENT_MARKERS or quoted) \
            and m > after \
            and toks[m - 1].t not in C.SETTING_PREPS and toks[m - 1].t not in ("دون", "بدون", "من", "الي", "علي") \
            and m - after <= 10 and all(_describes_at(toks, x) or ((toks[x].t in C.TIME_NOUNS or toks[x].t in C.TIME_WORDS) and toks[x - 1].t in ("في", "("))
                                        for x in range(after, m))
        if runs_on and (toks[m].t == ":" or quoted):
            # Before a colon or a quotation that is the rest of the sentence, only a phrase that
            # goes on to its holder's title or name ("وزير الري والموارد المائية المصري الدكتور
            # حسام مغازي:", "وقال جون تاردونو عالم الجيوفيزيقا بجامعة روشستر «…»."), never one that
            # goes on to whom it was said, the occasion or the manner ("هيوز لموقع ستوك:", "في
            # بداية الاستقبال:")
            run = range(after, m)
            runs_on = not any(toks[x].t[:1] == "ل" or _occasion_at(toks, x) for x in run) and any(
                toks[x].t in C.GIVEN_NAMES or toks[x].t in C.HONORIFIC_TITLES or head_kind(toks[x].t) == "official"
                or (toks[x].t[:1] in "بو" and head_kind(toks[x].t[1:]) in ("official", "organization")) for x in run)
        if m < n and toks[m].t == ":" and not runs_on:
            marker, k = "colon", m + 1
        elif m < n and m == after + 1 and toks[after].t == "(" and toks[m].t in C.CONTENT_MARKERS:
            marker, k = "an", m  # "فقال سبحانه (إن الله يأمر بالعدل…)": the words open inside the bracket
        elif runs_on:
            # "وقالت إدارة الوقاية من الحرائق إنه…", "وقال جنرال منشق شارك في محاولة انقلاب فاشلة
            # في مايو إنه…", "قال وزير الري والموارد المائية المصري الدكتور حسام مغازي: إن…": a
            # verb that never takes an object, its source read on to its إن or its colon (and
            # marked as read past a boundary, which lowers the confidence)
            last = m - 1 - (toks[m - 1].t == "(")  # ("أحد المختصين ( أن…": the bracket opens the words)
            occasion = next((x for x in range(after, m - 1) if toks[x].t in ("في", "خلال")
                             and strip_article(toks[x + 1].t) in C.SETTING_NOUNS), -1)
            if occasion > after:
                last = occasion - 1  # ("…كيفين كيليا في البيان إن…": the occasion is not the phrase's)
            to_whom = _addressee_at(cue, toks, after, last + 1)
            if to_whom > after:
                last = to_whom - 1
            end = sv.orig(toks[last].s, toks[last].e)[1]
            opener = toks[after].t
            if opener[:1] == "و" and len(opener) > 4 and opener.endswith(_PRONOUNS) and not _definite(opener[1:]):
                end = mention.end  # "وقال المرصد ومقره بريطانيا إن…": a clause about the source, not its name
            mention = Mention(mention.start, end, sv.text[mention.start : end], mention.kind, clean=False,
                              feminine=mention.feminine, plural=mention.plural, named=mention.named)
            marker, k, after = ("colon", m + 1, m) if toks[m].t == ":" else ("quote", m, m) if quoted else ("an", m, m)
    if not marker and not participle and via is None and not words_next and not opens_words and agree != "p" \
            and j < n and cue.lemma not in _CALLS_UPON and cue.lemma != "بين" \
            and (mention is None or mention.start >= sv.orig(toks[j].s, toks[j].e)[0]):
        # "ذكرت لجنة الرقابة على المنشطات أن…", "وذكر مصدر عسكري آخر أن…", "وتؤكد هذه الدول
        # الثلاث أن…": a verb, then a noun phrase that runs on to its أن; whatever the reading of
        # the phrase stopped at, the words between the verb and أن are its subject (VSO).
        last, m = _runs_to_an(sv, j)
        if m > j and _subject_before(sv, ci) is None:
            head = mention if mention is not None else read_source(sv, j + (toks[j].t in _DEMONSTRATIVES))[0]
            to_whom = _addressee_at(cue, toks, j, last)
            mention = _run_mention(sv, j, to_whom if to_whom > j else last, head)
            marker, k, after = "an", m, m
    if not marker and mention is None and not participle and ti + 1 < n and toks[ti].t == "," \
            and cue.lemma in _GOING_ON and toks[ti + 1].t[0].isalpha():
        marker, k = "colon", ti + 1  # "وأضاف، واصلت فرق البحث…": the words after a comma
    if not marker and mention is None and opens_words:
        marker, k = "colon", j  # "وأضاف يجب علينا…"
    if not marker and mention is not None and mention.quoted and not participle and not deferred and j < n \
            and toks[j].t == _QUOTE \
            and (((after >= n or toks[after].t in (".", "!", "?")) and (cue.lemma == "قال" or cue.lemma in _GOING_ON))
                 or (toks[after].t == "," and after + 1 < n and _speech_participle(toks[after + 1].t))):
        # 'وقال "شوهد اختطاف خمسة مقاتلين"، مضيفا…', 'وأضافت «لا أعلم ماذا سأفعل».': a quotation
        # after which the speaker goes on, or that ends what someone said, is what he said, not a
        # quoted name saying nothing. (What was written may be a label: 'وآخر كتب "قروب الصدارة".')
        mention, marker, k = None, "quote", j
    if not marker and mention is not None and not participle and after + 1 < n and toks[after].t == "," \
            and cue.lemma in _GOING_ON and toks[after + 1].t[0].isalpha() and toks[after + 1].t not in C.CONTENT_MARKERS \
            and toks[after + 1].t not in C.TIME_WORDS and toks[after + 1].t not in C.ADVERBS:
        # "وأضاف التقرير، كانت الطريقة…" (but "أضافت الخطوط السعودية، مؤخرا، العديد من الخدمات":
        # a time set off by commas, then what was added)
        marker, k = "colon", after + 1
    if (cue.marked or cue.strict) and marker not in ("an", "colon", "quote") and not (marker == "prep" and cue.preps and not cue.strict):
        return None
    if mention is not None and cue.lemma == "اعتبر" and form in ("يعتبر", "تعتبر") and marker not in ("an", "colon", "quote") \
            and _second_object(sv, mention):
        return None  # "ويعتبر مشروع المترو أحد أهم المشاريع": "is considered", nobody's view
    if cue.needs_prep and not (marker == "prep" or (marker == "an" and k > 0 and toks[k - 1].t in cue.preps)):
        return None
    if mention is not None and order == "vso" and marker not in ("an", "colon", "quote") and via is None \
            and (not _plausible(mention) or _object_with_pronoun(sv, mention)
                 or _verbal_noun_shape(normalize(mention.text).partition(" ")[0]) == "sure") \
            and not (known is not None and known(mention.text)) and _subject_before(sv, ci) is not None:
        # What follows the verb cannot speak ("أكد ضرورة التنسيق", "نفى اتخاذ الاتحاد أي
        # إجراء"): it is the object, and the subject stands before the verb.
        mention = None
        marker, k = "", ti
    if mention is None and order != "pronoun" and not participle and marker in ("an", "colon", "quote", "prep"):
        earlier, opens = _it_was_for(sv, ci)
        if earlier is not None:
            return Cue(opens, e, sv.text[opens:e], cue.lemma, "verb", earlier, True,
                       deferred=deferred, marker=marker, content=_tok_start(sv, k), order="svo")
    if mention is None and order != "pronoun" and not participle:
        # No subject after the verb: one before it (SVO), or none (the previous speaker goes on).
        # (inside another's words, what someone found is those words: "وأوضح أن الولايات المتحدة
        # وجدت أنه…")
        before_np = _subject_before(sv, ci, nested=marker in ("an", "colon", "quote") and toks[ci].t == form
                                    and not cue.strict)
        if before_np is not None and (marker in ("an", "colon", "quote") or (
                (marker or cue.object) and not _after_content_marker(sv, before_np))):
            return Cue(before_np.start, e, sv.text[before_np.start : e], cue.lemma, "verb", before_np,
                       bool(marker), deferred=deferred, marker=marker or "object",
                       content=_tok_start(sv, k) if marker else _tok_start(sv, ti), order="svo")
    if deferred and (marker in ("an", "colon", "quote") or (marker == "prep" and cue.preps)) and k <= after + 1:
        deferred = False  # "…، كما قال الوزير إن…", "…، كما كشفت جوجل أيضا عن…": its own words follow
    if mention is not None:
        plausible = _plausible(mention) or (known is not None and not mention.quoted and known(mention.text)) \
            or (marker in ("an", "colon", "quote") and k in (after, after + 1) and len(mention.text.split()) <= 2) \
            or (marker == "prep" and k == after and _given_and_family(mention))
        if (_pronoun_suffixed(sv, mention) or _object_with_pronoun(sv, mention) or _ours(mention)) \
                and not (known is not None and known(mention.text)) and not (via is not None and mention.kind):
            return None  # ("وأضاف عبده أن…" after "محمد عبده": a name, not "his servant")
        if deferred and not marker and (plausible or _closes_clause(sv, mention, after)):
            # "…، حسب ما نقلت وكالة أنباء الإمارات": the words come before.
            return Cue(s, e, word, cue.lemma, "verb", mention, False, deferred=True, marker="before", via=via, order=order)
        if cue.weak and not marker and not (
                (cue.object or (cue.document and mention.kind in ("document", "outlet", "news agency")))
                and plausible and mention.clean):
            return None
        if (cue.weak or cue.publishing) and not plausible:
            return None
        if marker not in ("an", "colon", "quote") and not plausible:
            return None
        if not marker:
            marker = "object" if (cue.object or not cue.weak) else ""
            k = after
        elif mention.clean and k > after + 1 and after < n and _may_continue(toks[after].t):
            # The words come only after more words that could have been the phrase's own
            # ("الهيئة العامة للطيران | المدني في بيانها أنها…"): a boundary that may be cut short.
            mention = replace(mention, clean=False)
        return Cue(s, e, word, cue.lemma, "verb", mention, marker in ("an", "colon", "quote", "prep"),
                   deferred=deferred, marker=marker, content=_tok_start(sv, k), via=via, order=order)
    if not marker and order == "pronoun" and cue.object:
        marker, k = "object", after  # "وعدّ سموه … إقرار البرنامج نقلة كبيرة"
    if not marker:
        return None
    # Subjectless: "وأضاف أن…", "مشيراً إلى أن…", "وعدّ سموه…", "ونقل التلفزيون عنه قوله…".
    return Cue(s, e, word, cue.lemma, "verb", None, True, continuation=True, deferred=deferred,
               marker=marker, content=_tok_start(sv, k), agree=agree, via=via,
               order="pronoun" if order == "pronoun" else "")
