"""The Arabic lexicon of attribution: reporting verbs, prepositional cues, source head nouns and
the closed word classes that tell where a source phrase ends.

Everything here is written as a reader would spell it and normalised once at import
(`workbench.text.normalize`: hamza forms to ا, ة to ه, ى to ي, no diacritics), so "أكّد", "اكد" and
"أكد" all meet. Verbs are listed with their common inflections (past, present, feminine, plural,
the adverbial participle "مضيفاً"); each may carry the conjunction و or ف.

A verb's flags say how it attributes:

* *weak* verbs have other common senses (نشر "deploy", ذكر "memory", بين "between", عبر "via",
  تابع "followed"): they count only with a content marker after their source (أن/إن, a colon, a
  quotation, or the preposition that introduces what they report: "أشار إلى", "شدد على");
* *object* verbs report through a direct object as well ("أعلن الوزير اعتماد…", "أظهرت البيانات
  نمو…", "توقع المحلل ارتفاع…");
* *marked* verbs (زاد، واصل، ختم) report only when a colon, a quotation or أن follows at once;
* *publishing* verbs (نشر، بث، تداول، أورد) publish rather than say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, TypeVar

from workbench.text.normalize import normalize

T = TypeVar("T")


def _n(words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words.split())


@dataclass(frozen=True, slots=True)
class VerbCue:
    lemma: str
    forms: tuple[str, ...]
    weak: bool = False
    object: bool = False  # reports through a direct object too
    marked: bool = False  # only with a colon, a quotation or أن right after it
    needs_prep: bool = False  # only with its own preposition ("أعرب عن", "عبّر عن")
    publishing: bool = False
    document: bool = False  # its subject is often a document (a report shows, a statement says)
    preps: tuple[str, ...] = ()  # prepositions that introduce what it reports (normalised)
    feminine: frozenset[str] = frozenset()  # forms whose subject is feminine (normalised)
    plural: frozenset[str] = frozenset()  # forms whose subject is plural (normalised)
    tells: bool = False  # its object is who was told ("أبلغ القاضي أن…"), never who speaks
    strict: bool = False  # reports only with أن/إن, a colon or a quotation, even after its preposition

    @property
    def continuation(self) -> bool:
        """Compatibility with the English cues: any reporting verb without a subject carries the
        previous speaker on."""
        return True


def _v(lemma: str, forms: str, flags: str = "", preps: str = "", fem: str = "", plural: str = "") -> VerbCue:
    return VerbCue(
        lemma,
        tuple(normalize(f) for f in forms.split()),
        weak="w" in flags,
        object="o" in flags,
        marked="m" in flags,
        needs_prep="r" in flags,
        publishing="p" in flags,
        document="d" in flags,
        tells="t" in flags,
        strict="s" in flags,
        preps=tuple(normalize(p) for p in preps.split()),
        feminine=_n(fem),
        plural=_n(plural),
    )


# Forms: past (he, she, they), present (he, she, they), participle (m, f). Feminine and plural forms
# are also listed separately so that a subjectless verb can agree with the right earlier speaker.
ARABIC_VERBS: tuple[VerbCue, ...] = (
    _v("قال", "قال قالت قالوا قلن يقول تقول يقولون قائلا قائلة قائلين", "", "",
       "قالت تقول قائلة قلن", "قالوا يقولون قلن"),
    _v("أفاد", "أفاد أفادت أفادوا يفيد تفيد يفيدون مفيدا مفيدة", "", "ب",
       "أفادت تفيد مفيدة", "أفادوا يفيدون"),
    _v("أكد", "أكد أكدت أكدوا يؤكد تؤكد يؤكدون مؤكدا مؤكدة مؤكدين", "o", "على",
       "أكدت تؤكد مؤكدة", "أكدوا يؤكدون"),
    _v("أشار", "أشار أشارت أشاروا يشير تشير يشيرون مشيرا مشيرة مشيرين", "d", "إلى",
       "أشارت تشير مشيرة", "أشاروا يشيرون"),
    _v("أوضح", "أوضح أوضحت أوضحوا يوضح توضح يوضحون موضحا موضحة موضحين", "d", "",
       "أوضحت توضح موضحة", "أوضحوا يوضحون"),
    _v("بين", "بين بينت بينوا يبين تبين مبينا مبينة مبينين", "wd", "",
       "بينت تبين مبينة", "بينوا"),
    # Bare, "ابان" is also "إبّان" (during): only with أن, a colon or a quotation.
    _v("أبان", "أبان أبانت", "wm", "", "أبانت"),
    _v("أرجع", "أرجع أرجعت مرجعا مرجعة", "wr", "إلى", "أرجعت مرجعة"),
    _v("عزا", "عزا عزت عزوا يعزو تعزو عازيا عازية", "wr", "إلى", "عزت تعزو عازية", "عزوا"),
    # "وتطرق الوزير إلى ضرورة…", "تطرق إلى أن…" (touched on): what the speaker raised
    _v("تطرق", "تطرق تطرقت تطرقوا يتطرق تتطرق متطرقا متطرقة", "wr", "إلى ل", "تطرقت تتطرق متطرقة", "تطرقوا"),
    _v("كتب", "كتب كتبت", "wm", "", "كتبت"),
    # "علمت «عكاظ» من مصادرها أن…": the paper learned it; whom from is the source (read apart).
    _v("علم", "علمت", "wm", "", "علمت"),  # (never the bare "علم": science, a flag)
    # "وجاء في بيان الجيش «…»", "وورد في التقرير أن…": what a document says.
    _v("جاء", "جاء وجاء ورد وورد", "w"),
    _v("استنكر", "استنكر استنكرت استنكروا", "wo", "", "استنكرت", "استنكروا"),
    _v("كشف", "كشف كشفت كشفوا يكشف تكشف يكشفون كاشفا كاشفة", "wod", "عن",
       "كشفت تكشف كاشفة", "كشفوا يكشفون"),
    _v("ذكر", "ذكر ذكرت ذكروا يذكر تذكر يذكرون ذاكرا", "wd", "",
       "ذكرت تذكر", "ذكروا يذكرون"),
    _v("أعلن", "أعلن أعلنت أعلنوا يعلن تعلن يعلنون معلنا معلنة", "wo", "عن",
       "أعلنت تعلن معلنة", "أعلنوا يعلنون"),
    _v("صرح", "صرح صرحت صرحوا يصرح تصرح مصرحا مصرحة", "", "ب", "صرحت تصرح مصرحة", "صرحوا"),
    # (only before its words: "أضافت الشركة خدمات جديدة" adds things)
    _v("أضاف", "أضاف أضافت أضافوا يضيف تضيف مضيفا مضيفة مضيفين", "m", "",
       "أضافت تضيف مضيفة", "أضافوا"),
    _v("تابع", "تابع تابعت تابعوا", "wm", "", "تابعت", "تابعوا"),
    _v("واصل", "واصل واصلت", "wm", "", "واصلت"),
    _v("أكمل", "أكمل أكملت استكمل استكملت", "wm", "", "أكملت استكملت"),
    _v("زاد", "زاد زادت", "wm", "", "زادت"),
    _v("استطرد", "استطرد استطردت مستطردا", "", "", "استطردت"),
    _v("استدرك", "استدرك استدركت مستدركا", "", "", "استدركت"),
    _v("أردف", "أردف أردفت مردفا", "", "", "أردفت"),
    _v("ختم", "ختم ختمت اختتم اختتمت مختتما", "wm", "ب", "ختمت اختتمت"),
    _v("لفت", "لفت لفتت لفتوا لافتا لافتة لافتين", "w", "إلى", "لفتت لافتة", "لفتوا"),
    _v("نوه", "نوه نوهت نوهوا منوها منوهة منوهين", "", "إلى ب", "نوهت منوهة", "نوهوا"),
    _v("شدد", "شدد شددت شددوا يشدد تشدد مشددا مشددة مشددين", "o", "على", "شددت تشدد مشددة", "شددوا"),
    _v("نبه", "نبه نبهت منبها", "w", "إلى", "نبهت"),
    _v("اعتبر", "اعتبر اعتبرت اعتبروا يعتبر تعتبر يعتبرون معتبرا معتبرة معتبرين", "wo", "",
       "اعتبرت تعتبر معتبرة", "اعتبروا يعتبرون"),
    _v("رأى", "رأى رأت رأوا يرى ترى يرون", "w", "", "رأت ترى", "رأوا يرون"),
    _v("اعتقد", "اعتقد اعتقدت يعتقد تعتقد يعتقدون", "w", "", "اعتقدت تعتقد", "يعتقدون"),
    _v("أعرب", "أعرب أعربت أعربوا يعرب تعرب معربا معربة معربين", "wr", "عن", "أعربت تعرب معربة", "أعربوا"),
    _v("عبر", "عبر عبرت عبروا يعبر تعبر معبرا معبرة", "wr", "عن", "عبرت معبرة", "عبروا"),
    _v("أبدى", "أبدى أبدت أبدوا", "wo", "", "أبدت", "أبدوا"),
    _v("حذر", "حذر حذرت حذروا يحذر تحذر محذرا محذرة محذرين", "w", "من", "حذرت تحذر محذرة", "حذروا"),
    _v("أبلغ", "أبلغ أبلغت أبلغوا", "wt", "", "أبلغت", "أبلغوا"),
    _v("أخبر", "أخبر أخبرت", "wt", "", "أخبرت"),
    _v("أورد", "أورد أوردت يورد تورد", "p", "", "أوردت تورد"),
    _v("روى", "روى روت يروي تروي", "w", "", "روت تروي"),
    _v("اتهم", "اتهم اتهمت اتهموا يتهم تتهم", "w", "ب", "اتهمت تتهم", "اتهموا"),
    # Not the present "يدعي": unvowelled, it is also "يُدعى" (is called).
    _v("ادعى", "ادعى ادعت ادعوا مدعيا", "", "", "ادعت", "ادعوا"),
    _v("زعم", "زعم زعمت زعموا يزعم تزعم يزعمون زاعما", "", "", "زعمت تزعم", "زعموا يزعمون"),
    _v("نفى", "نفى نفت نفوا ينفي تنفي ينفون نافيا نافية", "o", "", "نفت تنفي نافية", "نفوا ينفون"),
    _v("أنكر", "أنكر أنكرت", "w", "", "أنكرت"),
    # a complaint or a wish put as an أن-clause: "شكا من أنه…", "تمنى أن…" (only with what
    # introduces the words: "تمنى النجاح" reports no words)
    _v("شكا", "شكا شكت شكوا يشكو تشكو يشكون شاكيا", "wm", "من", "شكت تشكو", "شكوا يشكون"),
    _v("تمنى", "تمنى تمنت تمنوا يتمنى تتمنى متمنيا متمنية", "wm", "", "تمنت تتمنى متمنية", "تمنوا"),
    _v("اعترف", "اعترف اعترفت اعترفوا", "w", "ب", "اعترفت", "اعترفوا"),
    _v("أقر", "أقر أقرت", "w", "ب", "أقرت"),
    _v("دعا", "دعا دعت دعوا يدعو تدعو داعيا داعية داعين", "w", "إلى ل", "دعت تدعو داعية", "دعوا"),
    _v("طالب", "طالب طالبت طالبوا يطالب تطالب مطالبا مطالبة مطالبين", "w", "ب", "طالبت تطالب مطالبة", "طالبوا"),
    _v("وصف", "وصف وصفت وصفوا يصف تصف واصفا واصفة", "w", "ب", "وصفت تصف واصفة", "وصفوا"),
    _v("لاحظ", "لاحظ لاحظت لاحظوا", "w", "", "لاحظت", "لاحظوا"),
    _v("توقع", "توقع توقعت توقعوا يتوقع تتوقع يتوقعون متوقعا", "wod", "", "توقعت تتوقع", "توقعوا يتوقعون"),
    _v("رجح", "رجح رجحت رجحوا يرجح ترجح مرجحا", "wd", "", "رجحت ترجح", "رجحوا"),
    # "جدد الوزير تأكيده أن…", "أعاد التأكيد على أن…": saying again, only before the words
    # (never "جدد العقد", "أعاد الكرة"; "مجدداً" is an adverb; "يعيد نشاط الرياح" restores).
    _v("جدد", "جدد جددت جددوا", "wm", "على", "جددت", "جددوا"),
    _v("أعاد", "أعاد أعادت أعادوا", "wm", "على", "أعادت", "أعادوا"),
    # A proposal in its proposer's words, only before them ("اقترح الصرخي أن تترك…"; never
    # "اقترحت الوزارة مشروعا").
    _v("اقترح", "اقترح اقترحت اقترحوا يقترح تقترح مقترحا مقترحة", "wm", "", "اقترحت تقترح مقترحة", "اقترحوا"),
    _v("قدر", "قدرت يقدر تقدر", "wd", "", "قدرت تقدر"),
    # Not the present "يظهر": unvowelled, it is also "يَظهر" (appears).
    _v("أظهر", "أظهر أظهرت", "wod", "", "أظهرت"),
    # What a study or an inquiry found: "توصلت الدراسة إلى أن…", "وجد الباحثون أن…" (never
    # "توصل الطرفان إلى اتفاق", "وجدت الشرطة جثة").
    _v("توصل", "توصل توصلت توصلوا", "wds", "إلى", "توصلت", "توصلوا"),
    _v("خلص", "خلص خلصت خلصوا", "wds", "إلى", "خلصت", "خلصوا"),
    _v("وجد", "وجد وجدت وجدوا", "wds", "", "وجدت", "وجدوا"),
    _v("أوصى", "أوصى أوصت", "wod", "ب", "أوصت"),
    _v("نص", "نص نصت تنص ينص", "wd", "على", "نصت تنص"),
    _v("اشترط", "اشترط اشترطت يشترط تشترط", "wod", "", "اشترطت تشترط"),
    _v("تضمن", "تضمن تضمنت يتضمن تتضمن", "wod", "", "تضمنت تتضمن"),
    _v("أشاد", "أشاد أشادت أشادوا يشيد تشيد مشيدا مشيدة", "w", "ب", "أشادت تشيد مشيدة", "أشادوا"),
    _v("استغرب", "استغرب استغربت استغربوا مستغربا", "w", "", "استغربت", "استغربوا"),
    _v("انتقد", "انتقد انتقدت انتقدوا ينتقد منتقدا", "w", "", "انتقدت", "انتقدوا"),
    # A stance put in words, only before them: "تصر على أن…", "أصر الكاتب أنه…" (never "أصر على
    # تعيين روكز": an insistence, no words)
    _v("أصر", "أصر أصرت أصروا يصر تصر يصرون مصرا مصرة", "ws", "على", "أصرت تصر مصرة", "أصروا يصرون"),
    _v("رحب", "رحب رحبت رحبوا يرحب مرحبا", "w", "ب", "رحبت", "رحبوا"),
    _v("تحدث", "تحدث تحدثت تحدثوا", "wr", "عن", "تحدثت", "تحدثوا"),
    _v("علق", "علق علقت", "w", "على", "علقت"),
    # "غرد الحبيب عبر حسابه بتويتر، قائلا: …": only with the words marked after it.
    _v("غرد", "غرد غردت غردوا مغردا مغردة", "wm", "", "غردت مغردة", "غردوا"),
    # "أجمع الاقتصاديون الفرنسيون أن…", "أجمع الخبراء على أن…"
    _v("أجمع", "أجمع أجمعت أجمعوا", "wm", "على", "أجمعت", "أجمعوا"),
    _v("أجاب", "أجاب أجابت", "w", "", "أجابت"),
    _v("رد", "رد ردت", "w", "ب", "ردت"),
    _v("ألمح", "ألمح ألمحت يلمح تلمح ملمحا", "w", "إلى", "ألمحت تلمح"),
    _v("عد", "عد عدت", "wo", "", "عدت"),
    _v("أفصح", "أفصح أفصحت", "w", "عن", "أفصحت"),
    _v("نقل", "نقل نقلت نقلوا ينقل تنقل", "wp", "", "نقلت تنقل", "نقلوا"),
    _v("نشر", "نشر نشرت نشروا ينشر تنشر", "wp", "", "نشرت تنشر", "نشروا"),
    _v("بث", "بث بثت يبث تبث", "wp", "", "بثت تبث"),
    _v("وثق", "وثق وثقت وثقوا يوثق توثق", "wp", "", "وثقت توثق", "وثقوا"),
    _v("تداول", "تداول تداولت تداولوا يتداول تتداول يتداولون", "p", "", "تداولت تتداول", "تداولوا يتداولون"),
    _v("بالإشارة", "بالإشارة", "w", "إلى"),
    # "وتوجه إلى العسكريين بالقول: «…»": the words follow a noun of saying.
    _v("بالقول", "بالقول بقوله بقولها", "wm"),
)
# "هذا ما قاله الوزير", "وهو ما أكده التقرير": the source named after what it said. Only after
# "ما" (and spelled with ه, not ة: "إفادة" is a noun).
AFTER_MA_FORMS: Final = frozenset(normalize(f + s) for f in ("قال", "قالت", "أكد", "أكدت", "ذكر", "ذكرت", "أوضح", "أوضحت",
                                                       "كشف", "كشفت", "أعلن", "أعلنت", "أشار", "أشارت", "أفاد", "أفادت")
                           for s in ("ه", "ها"))
ARABIC_VERBS = ARABIC_VERBS + tuple(
    VerbCue(c.lemma, tuple(f + s for f in c.forms[:2] for s in ("ه", "ها")), c.weak, c.object, c.marked,
            c.needs_prep, c.publishing, c.document, c.preps, frozenset(), frozenset())
    for c in ARABIC_VERBS if c.lemma in ("قال", "أكد", "ذكر", "أوضح", "كشف", "أعلن", "أشار", "أفاد")
)
# A publishing verb with an object pronoun in a relative clause: "صورة تداولها ناشطون".
ARABIC_VERBS = ARABIC_VERBS + tuple(
    VerbCue(c.lemma, tuple(f + s for f in c.forms for s in ("ه", "ها", "هم")),
            c.weak, c.object, c.marked, c.needs_prep, c.publishing, c.document, c.preps,
            frozenset(f + s for f in c.feminine for s in ("ه", "ها", "هم")),
            frozenset(f + s for f in c.plural for s in ("ه", "ها", "هم")))
    for c in ARABIC_VERBS if c.publishing
)

# Deferring: the source is named by the verb that follows ("بحسب ما قال الوزير"); also after the
# conjunction فـ ("فبحسب ما…").
_DEFERRING = ("حسبما", "وحسبما", "حسب ما", "وحسب ما", "بحسب ما", "وبحسب ما", "وفق ما", "ووفق ما",
              "وفقا لما", "وفقاً لما", "ووفقا لما", "طبقا لما", "طبقاً لما", "على ما", "بناء على ما",
              "بناءً على ما", "كما", "فبحسب ما", "فحسبما", "فوفقا لما", "فوفقاً لما")
# Prepositional cues: the source follows them; the content is the clause they stand in.
ARABIC_PREPOSITIONS: tuple[str, ...] = (
    "بحسب", "حسب", "وبحسب", "وحسب", "وفق", "ووفق", "وفقا ل", "وفقاً ل", "ووفقا ل", "ووفقاً ل",
    "طبقا ل", "طبقاً ل", "وطبقا ل", "وطبقاً ل", "نقلا عن", "نقلاً عن", "ونقلا عن", "ونقلاً عن",
    "على لسان", "استنادا إلى", "استناداً إلى", "واستنادا إلى", "بموجب",
    # after the conjunction فـ ("أما المرأة، فوفقا لدراسة…", "فبحسب الوزارة، فإن…"; never "فحسب": only)
    "فبحسب", "فوفقا ل", "فوفقاً ل", "فطبقا ل", "فطبقاً ل",
    *_DEFERRING,
)
DEFERRING_PREPOSITIONS: Final = frozenset(normalize(p) for p in _DEFERRING)
# "وفق"، "وفقاً لـ"، "طبقاً لـ"، "بموجب"، "استناداً إلى" before a rule, a plan or a decision mean
# "in accordance with", not "according to": "وفق خطة البحث", "بموجب قرار قادة منطقة اليورو".
CONFORMITY_PREPOSITIONS: Final = frozenset(normalize(p) for p in (
    "وفق", "ووفق", "وفقا ل", "وفقاً ل", "ووفقا ل", "ووفقاً ل", "طبقا ل", "طبقاً ل", "وطبقا ل", "وطبقاً ل",
    "فوفقا ل", "فوفقاً ل", "فطبقا ل", "فطبقاً ل", "بموجب", "استنادا إلى", "استناداً إلى", "واستنادا إلى"))
NORMATIVE_HEADS: Final = _n(
    "نظام أنظمة قانون قوانين لائحة لوائح قرار قرارات خطة خطط برنامج آلية آليات معايير معيار شروط ضوابط "
    "تعليمات توجيهات توجيه أوامر أمر مرسوم اتفاق اتفاقية اتفاقيات عقد عقود أحكام مادة المادة جدول "
    "إجراءات سياسة استراتيجية رؤية مبدأ مبادئ قواعد قاعدة نظم ترتيبات توصيات توصية تصنيف دستور الدستور "
    "نص بنود بند مخطط خطوات نموذج منهج")

# Participles and honorific pronouns that carry the current speaker on ("مضيفاً أن", "وعدّ سموه").
HONORIFIC_PRONOUNS: Final = _n("سموه سموها معاليه معاليها فضيلته سعادته سعادتها فخامته فخامتها سيادته سماحته "
                        "دولته نيافته غبطته")

# The "group" heads that name one member of the group ("الناشط", "المواطن", "الطالبة"): the
# person's own name may follow them ("الناشط المدني جلال الشحماني"), as it never follows a plural.
ONE_OF_A_GROUP: Final = _n("ناشط ناشطة شاهد طالب طالبة موظف موظفة مواطن مواطنة مريض مريضة مستثمر")


# Head nouns that make a phrase a plausible source, with the kind they give.
SOURCE_HEADS: Final[dict[str, str]] = {}
for _kind, _words in {
    "unnamed": "مصادر مصدر مسؤول مسؤولون مسؤولين مسؤولة مسئول مسئولون مسئولين دبلوماسي دبلوماسيون "
    "ضابط قيادي عضو أعضاء جهات خبراء خبير محلل محللون محللين مراقبون مراقب باحث باحثون الباحثين "
    "محققون محققين قيادات متحدث ناطق تسريبات أخبار إشاعات شائعات أنباء معلومات خبيرة باحثة محللة متحدثة ناطقة "
    "عضوة",
    "group": "ناشطون ناشطو ناشطين ناشط ناشطة سكان شهود شاهد أهالي أهالى معارضون مواطنون مواطنين "
    "طالبات طلاب طالب طالبة موظف موظفة موظفون موظفين موظفي موظفو مواطنة مواطن مواطنات معلمون معلمات "
    "معلمين أمهات آباء مرضى مريض مريضة لاجئون لاجئين نازحون نازحين مهاجرون مهاجرين مسافرون مسافرين "
    "زوار الزوار حجاج الحجاج معتمرون مستثمر مستثمرين عمال العمال رجال نساء سيدات شباب الشباب أطفال "
    "خبراء مختصون مختصين متخصصون متخصصين حقوقيون حقوقيين مسؤولي مسؤولو "
    "متظاهرون عناصر مقاتلون أطباء متداولو متداولون مغردون مغردين مدونون قبائل عشائر مشرعون "
    "مشرعين نواب النواب منشدون المنشدون لاعبون لاعبو علماء عاملون موظفون مستثمرون تجار طلاب "
    "جماعات أحزاب فصائل منظمات جماعة الجماعة مشاركون المشاركون مشاركين",
    "organization": "شركة شركات مركز مرصد منظمة لجنة هيئة وزارة مجلس جمعية اتحاد حزب جيش قوات شرطة "
    "الأمم مكتب مديرية رابطة الدفاع تنسيقية تنسيقيات جبهة حركة فصيل بعثة الحكومة حكومة "
    "المفوضية مفوضية النيابة الرئاسة الديوان إدارة غرفة البنك بنك صندوق معهد جامعة كلية مستشفى "
    "نادي النادي منتخب فريق أمانة بلدية محكمة سفارة قنصلية مؤسسة البيت الخارجية الداخلية خطوط الخطوط "
    "الولايات السلطات سلطات الشرطة الجيش التحالف تحالف نقابة نقابات مجموعة ائتلاف المنظمة "
    "المركز المرصد الوكالة الوزارة الهيئة المجلس اللجنة المعهد الجامعة الكلية الجمعية "
    # "الشؤون الصحية", "صحة مكة": a directorate of affairs, the health directorate of a city
    "الشؤون صحة "
    # a university's deanships: "أعلنت عمادة القبول والتسجيل…"
    "عمادة العمادة "
    # a region's governing emirate: "وكانت إمارة منطقة مكة المكرمة قد أعلنت…"
    "إمارة الإمارة "
    # intelligence services and audit courts speak through reports and leaks
    "الاستخبارات استخبارات المخابرات مخابرات ديوان الديوان "
    # guards: "الحرس الثوري", "الحرس المدني الإسباني", "حرس الحدود"
    "حرس الحرس "
    # agencies: "الجهاز المركزي للتعبئة العامة والإحصاء", "جهاز حماية المستهلك"
    "جهاز الجهاز",
    "outlet": "إعلام الإعلام صحف قنوات شبكات صحيفة قناة موقع تلفزيون التلفزيون إذاعة مجلة وسائل راديو "
    "التلفزة جريدة الصحيفة القناة المجلة الجريدة الموقع الإذاعة بوابة البوابة",
    "news agency": "وكالة وكالات",
    "person": "ابن والد والدة شقيق شقيقة زوج زوجة عم خال أم أب ابنة",
    "official": "قنصل القنصل محامي محام المحامي مفتي قاضي حاكم وزير الوزير رئيس الرئيس المتحدث "
    "الناطق محافظ المحافظ سفير السفير قائد القائد مدير المدير نائب النائب أمين الأمين الملك أمير "
    "الأمير ولي العميد اللواء العقيد الجنرال الشيخ المستشار مستشار منسق المنسق مبعوث المبعوث مندوب ملك عاهل العاهل "
    "المندوب ممثل الممثل وكيل الوكيل مساعد خادم عميد مشرف المشرف رئيسة مديرة المدرب مدرب "
    "السناتور الدكتور المهندس الوزيرة الرئيسة المديرة شيخ جنرال أستاذ الأستاذ أستاذة بروفيسور خطيب "
    # professions that speak as experts: "إخصائية التغذية", "استشاري الأمراض الصدرية"
    "أخصائي أخصائية إخصائي إخصائية اختصاصي اختصاصية استشاري استشارية طبيب طبيبة محاضر "
    "نائبة وكيلة مستشارة ممثلة مندوبة منسقة مبعوثة سفيرة قاضية سكرتير السكرتير سكرتيرة "
    # the feminine of the titles above, bare and with the article ("وزيرة", "السفيرة")
    "وزيرة عميدة النائبة الوكيلة المستشارة المنسقة المبعوثة المندوبة السفيرة القاضية",
    "social media": "تغريدة حساب صفحة مواقع منشور",
    "document": "بيان البيان تقرير التقرير دراسة الدراسة بيانات البيانات إحصاءات الإحصاءات إحصائيات "
    "الإحصائيات تقديرات التقديرات مسح المسح استطلاع الاستطلاع وثيقة الوثيقة وثائق تعميم التعميم "
    "لائحة اللائحة المادة مادة قرار القرار مرسوم المرسوم نظام النظام قانون القانون خطاب الخطاب "
    "رسالة الرسالة مذكرة المذكرة نتائج النتائج تحقيق التحقيق تحليل التحليل أرقام الأرقام "
    "التقارير تقارير الدراسات دراسات المعطيات معطيات سجلات السجلات إحصائية الإحصائية بلاغ البلاغ نص "
    "لوائح اللوائح تعليمات التعليمات ضوابط الضوابط قوانين القوانين توجيهات التوجيهات وثيقة "
    "اتفاقية الاتفاقية معاهدة المعاهدة خطة الخطة",
}.items():
    for _w in _words.split():
        SOURCE_HEADS.setdefault(normalize(_w), _kind)

# Titles that stand before a name and never end a source phrase ("الدكتور علي…", "السناتور بوب…").
HONORIFIC_TITLES: Final = _n(
    "الدكتور الدكتورة د المهندس المهندسة م الشيخ الشيخة الأستاذ الأستاذة أ السيد السيدة الأمير الأميرة اللواء العميد العقيد الفريق "
    "المقدم الرائد النقيب الملازم الجنرال السناتور القاضي الطبيب البروفيسور الكابتن الحاج الإمام "
    "المطران الفنان الفنانة الممثل الممثلة اللاعب اللاعبة الكاتب الكاتبة الإعلامي الإعلامية الشاعر "
    "الداعية المحامي المحامية المواطن المواطنة الطفل الطفلة الشاب الشابة النجم النجمة الناشط "
    "الناشطة الراقصة المطرب المطربة الروائي الباحث الباحثة الخبير الخبيرة المحلل المخرج "
    "المستشار معالي سعادة فضيلة فخامة سمو سماحة دولة صاحب صاحبة العماد السمو الجلالة الفخامة المعالي "
    "المدون المدونة المصور المصورة المؤرخ المفكر الناقد الأديب الأديبة الصحفي الصحفية الصحافي المحاضر "
    "السعادة الفضيلة الملكي"
)
# Words that qualify a title: "القنصل العام بالإنابة", "وكيل الوزارة بالنيابة".
TITLE_MODIFIERS: Final = _n("بالإنابة بالنيابة بالوكالة بالتكليف الركن")
# Military ranks and what qualifies them before the holder's name: "العميد الطيار الركن", "الفريق
# أول ركن", "العقيد البحري".
MILITARY_RANKS: Final = _n("الفريق اللواء العميد العقيد المقدم الرائد النقيب الملازم العماد المشير")
RANK_QUALIFIERS: Final = _n("الطيار طيار البحري بحري الأول أول الركن ركن المهندس مهندس")
# Given names seen at least ten times right after an honorific title ("الدكتور محمد…") in the
# corpus: a name after a title that starts with one of them is a name even before the verb's
# object ("أكد الوزير محمد الجاسر ضرورة…"). Written by `python benchmarks/given_names.py --python`.
GIVEN_NAMES: Final = _n(
    'محمد عبدالله احمد خالد عادل عبدالعزيز عبدالرحمن صالح ابراهيم يوسف عزام فهد عبداللطيف ماجد '
    'سعد سليمان ناصر فيصل بدر بندر راشد حامد سعيد عمر وليد زويد حمد سعود سمير حسين صلاح زياد '
    'طلال طارق تميم حسن سلطان جديع جمعان نبيل عثمان حسام سلمان مفرج سالم زهير حمدان ياسر نايف '
    'جمال عصام هشام عدنان عبدالمحسن فارس علاء حاتم فضل فايز حمود بريكان سيف عايض جابر جعفر '
    'اسماعيل عبده ماهر عيد جميل ايمن مطلق فواز نزار عبدالمجيد عوض طاهر عجب زايد عبدالاله ساعد '
    'مسفر حازم سفر انور عباس عبدالمنعم مشعل ثامر عبدالناصر اياد نديم باسم فواد ظافر جاسر '
    'عبدالحميد زيدان زيد غرم وحي عبدالواحد محسن فيحان بسام عبدالسلام حافظ نجلاء اشرف عبدالوهاب '
    'هوي عاطف'
)
# Words that join parts of a person's name ("عبد الرحمن بن صالح آل الشيخ").
NAME_PARTICLES: Final = _n("بن ابن بنت أبو ابو أبي آل عبد عبدال ولد دي دا فان فون ديل لا")
# Adjectives common in titles and names of bodies, besides the nisba forms (…ي، …ية).
ADJECTIVES: Final = _n(
    "الحرام الشريف الأقصى الأعظم الأبيض البيضاء الأسود السوداء الأخضر الخضراء الأزرق الزرقاء الأصفر "
    "العام العامة الخاص الخاصة الأول الأولى الأعلى العليا الأكبر الكبرى المساعد المساعدة السابق "
    "السابقة الأسبق الجديد الجديدة الرسمي الرسمية المكلف المكلفة المفوض الدائم الدائمة المشترك "
    "المشتركة البارز البارزة الكبير الكبيرة المستقل المستقلة المقيم الحالي المتحدة الموحد الشريفين "
    "المنورة المكرمة المقدسة الأحمر المفدى المختص المختصة المعني المعنية المسؤول المسؤولة المنتخب "
    "المنتهية المؤقت المؤقتة العظمى التنفيذي الإقليمي المحلي المحلية الأمني الأمنية الفني الفنية "
    "الطبي الطبية التقني الأعلى الاستشاري الميداني المناوب المكلّف السامي السامية المناوبة الصادر "
    "الصادرة التابع التابعة التابعين الخاصين العاملة العامل القائم القائمة الثاني الثانية الثالث "
    "الثالثة الرابع الرابعة الخامس الخامسة السادس السادسة السابع السابعة الثامن الثامنة التاسع التاسعة "
    "العاشر العاشرة الحادي الحادية عشر عشرة الأخير الأخيرة"
)
_NISBA = re.compile(r"(?:ي|يه|يين|يون|يان|يتين|يتان)$")

# Content markers: what follows a source when its words come next (أن/إن in all their forms).
_ANNA = "أن إن"
_SUFFIXES = ("", "ه", "ها", "هم", "هما", "هن", "ني", "نا", "ك", "كم")
CONTENT_MARKERS: Final = frozenset(
    normalize(p + a + s) for a in _ANNA.split() for s in _SUFFIXES for p in ("", "ب", "و")
) | _n("أني إني بأني أنني إنني")
# "بالقول:", "بقوله:": the speaker's words follow.
SPEECH_NOUNS: Final = _n("القول قوله قولها قولهم قولهما بالقول بقوله بقولها بقولهم "
                  # "جدد الوزير تأكيده أن…", "أعاد التأكيد على أن…"
                  "التأكيد تأكيده تأكيدها تأكيدهم تأكيداته تأكيداتها")
# "وجاءت تصريحات محمد عبده خلال اللقاء…، حيث قال إن…": whose statements a sentence is about.
STATEMENT_NOUNS: Final = _n("تصريحات تصريح حديث كلام كلمة مقابلة حوار تغريدة تغريدات رسالة شهادة اعترافات "
                     "وتصريحات وحديث وكلام")
# Time words and dates that may stand between a source and its words ("أمس", "اليوم الأحد").
# Nouns of time: never the head of a source ("ذكر الأسبوع الماضي أن"), and skipped between a
# source and its words.
TIME_NOUNS: Final = _n("الأسبوع الشهر العام السنة الساعة الساعات الأيام الأسابيع الأشهر الشهور الفترة "
                "أسبوع شهر عام سنة وقت الوقت صباح مساء ليلة نهار")
# Elatives and quantities that head a construct: "آخر إحصاءات الهيئة", "أبرز نتائج الدراسة".
CONSTRUCT_HEADS: Final = _n("آخر أحدث أبرز أهم أغلب معظم")
TIME_WORDS: Final = _n(
    "اليوم أمس غدا غداً الليلة مساء صباح ظهر فجر أول الأول الماضي الماضية المقبل الحالي يوم "
    "آنذاك حينذاك حينها وقتها يومها "
    "الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد الإثنين مؤخرا مؤخراً حاليا سابقا لاحقا "
    "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر "
    "كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين"
)
# Adverbs and set phrases that sit between a verb and its subject or content.
_ADVERB_WORDS = _n("نصا نصاً حرفيا حرفياً كثيرا كثيراً دائما دائماً أيضا أيضاً كذلك بدوره بدورها بدورهم مجددا مجدداً كما بوضوح صراحة صراحةً تحديدا "
             "فقط أخيرا أخيراً حينها وقتها ساعتها "
             # manners of speaking: "وقال مونتيزيمولو بصراحة إن…"
             "بصراحة بوضوح بشدة بحزم بقوة بثقة بدقة بإيجاز باختصار بتفاؤل بأسف بحسرة بحماس بفخر بغضب "
             "ضمنا ضمنياً ضمنيا مرارا مراراً باستمرار حقا حقاً بكثير "
             # by what means, in whose person: "وقال الخيالي هاتفيا من سبها…", "وأكد الوزير شخصيا أن…"
             "هاتفيا هاتفياً شخصيا شخصياً")
# How or to whom, as a circumstance of the speaker, with its own object: "وقال ظريف مخاطبا نواب
# البرلمان:". They end a source phrase, but after a verb what follows them is their object, never
# the verb's subject ("يقول مخاطبا أعضاء المجلس:").
MANNER_PARTICIPLES: Final = _n("مخاطبا ممازحا مبتسما مداعبا متسائلا معلقا معقبا")
ADVERBS: Final = _ADVERB_WORDS | MANNER_PARTICIPLES
# Words that end a source phrase: particles, prepositions that start the content, demonstratives,
# relatives, pronouns and auxiliaries.
NP_STOPS: Final = _n(
    # (a relay's preposition ends the phrase before it: "رئيس الأركان وفقا للمسؤول", "مرسي وفقا لما")
    "وفقا وفقاً طبقا طبقاً بحسب حسبما استنادا استناداً "
    "نقلا نقلاً قبيل عقب إثر اثر حيث إلى الى خلال عبر هذه هذا ذلك تلك هؤلاء التي الذي الذين اللذين "
    "اللتين اللواتي اللاتي من عن حول بشأن لدى مع بعد قبل منذ حتى كما لكن لكنه لكنها غير بينما حين "
    "عندما أثناء ضد قد لقد لم لن لا ما كان كانت وكان وكانت يكون تكون ليس ليست أصبح أصبحت هو هي "
    "هم نحن أنا أنت إذ إذا لو أو أم ثم بل على علي فيما فإن وإن وأن نحو دون أمام وراء عند إزاء "
    "تجاه جراء بسبب رغم برغم وسط داخل خارج بين لذلك لهذا ردا رداً تعليقا تعليقاً وذلك وهو وهي "
    "وهم إنما مما بما فيه فيها عليه عليها منه منها له لها لهم به بها إليه إليها في وفي ففي عنه عنها عنهم "
    "بالنسبة وبالنسبة حوالي نحو إلا سوى أما بيد كي لكي عبر عما "
    # a preposition on a demonstrative: "وقال بهذا الخصوص إن…" (where, never who)
    "بهذا بهذه بذلك بتلك لهذه لتلك "
    # "عدم" (the lack of) and "مرتين" (twice) open the object or an adverb, never a name
    "عدم مرتين"
)
# Setting nouns after "في": "في تصريح لـ…", "في بيان", "في مؤتمر صحافي".
SETTING_NOUNS: Final = _n(
    "تصريح تصريحات تصريحه تصريحها بيان بيانه بيانها حديث حديثه حديثها مقابلة مقابلته لقاء لقائه "
    "اتصال اتصاله مؤتمر كلمة كلمته رسالة رسالته تغريدة تغريدات تغريدته منشور تدوينة مداخلة "
    "تقرير تقريره تقريرها ندوة جلسة خطاب خطابه خطبة خطبته تعميم حوار حواره محاضرة ورشة اجتماع الاجتماع "
    "معرض افتتاح ختام رده ردها إجابته وقت الوقت ذات سياق السياق إطار معرض تعليق تعليقه "
    "برنامج لقاءات الموجز إفادة شهادته شهادة دراسة"
)
# What a demonstrative points back to when the speaker turns to a topic already named: "وقال
# في هذا الصدد «…»", "وأضاف بهذا الخصوص:" (in this regard).
TOPIC_NOUNS: Final = _n("الصدد الشأن الخصوص السياق الإطار الموضوع المجال الجانب")
# Where a source publishes, named with its pronoun: "قالت الجبهة على موقعها على الإنترنت إنها…".
MEDIUM_NOUNS: Final = _n("موقع حساب صفحة قناة منصة")
# Prepositions that open a setting phrase between a source and its words.
SETTING_PREPS: Final = _n("خلال عقب قبل قبيل أثناء أمام لدى عبر إثر اثر بعد ردا رداً تعليقا تعليقاً")
# Wire agencies named by one word: after لـ they are whom it was told ("قال لرويترز إن…"), and
# no word of ordinary Arabic is spelled like them.
WIRE_NAMES: Final = _n("رويترز الأناضول واس سانا كونا وام بترا شينخوا إرنا فارس تسنيم إيتارتاس نوفوستي يونهاب "
                "فرانس")  # ("لفرانس برس")
# Addressees: "قال المصدر لوكالة الأنباء" — where it was said, not who says it.
ADDRESSEE_PREFIX: Final = re.compile(
    normalize("^(?:لوكالة|لوكالات|لصحيفة|لجريدة|لمجلة|لقناة|لموقع|للصحفيين|للصحافيين|للصحافة|لشبكة|"
              "للتلفزيون|لتلفزيون|لإذاعة|للإذاعة|لمحطة|للمحطة|لراديو|للإعلام|لوسائل|لمراسل|لمراسلي|للجزيرة|للعربية|لبرنامج|للموقع|"
              "للصحيفة|للقناة|للوكالة|للمجلة|للجريدة|لوفد|للمواطنين|للحضور|لنا|لي|له|لها|لهم)$")
)
# Background phrases in the publisher's voice: "يذكر أن", "الجدير بالذكر أن".
BACKGROUND_OPENERS: tuple[tuple[str, ...], ...] = tuple(
    tuple(normalize(p).split())
    for p in ("يذكر أن", "ويذكر أن", "يذكر ان", "ويذكر ان", "يذكر بأن", "ويذكر بأن", "يشار إلى", "ويشار إلى", "الجدير بالذكر",
              "والجدير بالذكر", "تجدر الإشارة", "وتجدر الإشارة", "من المعروف", "ومن المعروف",
              "من المتوقع", "ومن المتوقع", "من المقرر", "ومن المقرر", "من المنتظر", "ومن المنتظر",
              "يبدو أن", "ويبدو أن", "يعتقد أن", "ويعتقد أن", "يتوقع أن", "ويتوقع أن")
)
# Passives without an agent ("قيل إن", "أُفيد بأن"): the paper reports hearsay.
PASSIVE_UNNAMED: Final = _n("قيل أفيد وأفيد وقيل يقال ويقال")
# Passives with an agent after عن ("يُروى عن الفيلسوف أن"): the agent is the source.
PASSIVE_RELAYED: Final = _n("يروى ويروى روي وروي يحكى ويحكى حكي يؤثر أثر")
# "نقلاً عن", "نقل عن": the one relayed speaks.
SAME_SOURCE: Final = re.compile(normalize(r"(?:المصدر|المصادر|المسؤول) (?:نفسه|ذاته|نفسها|ذاتها)"))
# "حسب وصفه", "على حد قوله": the clause's own speaker, referred to by a pronoun.
PRONOUN_ATTRIBUTIONS: Final = _n("وصفه وصفها قوله قولها تعبيره تعبيرها روايته روايتها زعمه زعمها تقديره تقديرها "
                          "رأيه رأيها")
# A quantity before a group: "عدد من النواب", "بعض المسؤولين".
QUANTIFIERS: Final = _n("عدد بعض أحد إحدى مجموعة كثير عشرات مئات آلاف جميع كل معظم غالبية أغلب")
# Negation before a verb: "لم يذكر", "لن يعلن": nothing is reported.
# Numbers written as words: never part of a name ("أعلن الجيش مقتل ثلاثة جنود").
NUMBER_WORDS: Final = _n("واحد اثنان اثنين ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة عشر عشرين ثلاثين أربعين "
                  "خمسين مئة مائة مئات ألف آلاف الآلاف مليون ملايين مليار ثلاث أربع خمس ست سبع ثماني تسع")
NEGATIONS: Final = _n("لم لن لا ما ولم ولن ولا فلم فلا عدم وعدم")
# Auxiliaries before a subject that comes before its verb: "وكان الاتحاد قد ذكر", "وظل درويش يؤكد".
AUXILIARIES: Final = _n("كان كانت وكان وكانت ظل ظلت وظل وظلت بات باتت عاد عادت وعاد وعادت أصبح أصبحت "
                 "وأصبح وأصبحت راح وراح يزال تزال لايزال لاتزال مازال مازالت زال زالت ومازال ومازالت يظل تظل "
                 "مضى مضت ومضى ومضت")  # ("ومضت تقول إن…": went on to say)


def remember(cache: dict[str, T], key: str, value: T) -> T:
    """Store a word class computed on a cache miss and return it. The word-class caches of the
    text modules are plain dicts, looked up by compiled code without a call through a cache
    object; each is emptied when it reaches CACHE_LIMIT words."""
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value


CACHE_LIMIT: Final = 131072
_NISBA_CACHE: Final[dict[str, bool]] = {}


def is_nisba(word: str) -> bool:
    """An adjective of relation ("الإيراني", "الدولية", "السعوديين") in normalised spelling."""
    r = _NISBA_CACHE.get(word)
    if r is None:
        bare = word[2:] if word.startswith("ال") else word
        r = remember(_NISBA_CACHE, word, len(bare) >= 4 and _NISBA.search(bare) is not None)
    return r


class CueMatch:
    """One cue found in normalised text: `prep` or `verb` (the form, without its conjunction) and
    its span. (A plain class: one is made for every cue word of every sentence, and compiled a
    plain class is made far quicker than a frozen dataclass.)"""

    __slots__ = ("end", "prep", "start", "verb")

    def __init__(self, start: int, end: int, prep: str | None = None, verb: str | None = None) -> None:
        self.start = start
        self.end = end
        self.prep = prep
        self.verb = verb

    def __repr__(self) -> str:
        return f"CueMatch(start={self.start}, end={self.end}, prep={self.prep!r}, verb={self.verb!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CueMatch) and (self.start, self.end, self.prep, self.verb) == (
            other.start, other.end, other.prep, other.verb)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.prep, self.verb))


_VERB_BY_FORM: dict[str, VerbCue] = {}
for _cue in ARABIC_VERBS:
    for _f in _cue.forms:
        _VERB_BY_FORM.setdefault(_f, _cue)
# Forms of verbs that report only before أن, a colon or a quotation ("وجد", "توصل إلى").
STRICT_FORMS: Final = frozenset(f for f, c in _VERB_BY_FORM.items() if c.strict)

_PREPS_BY_FIRST_WORD: dict[str, list[str]] = {}
for _p in sorted({normalize(p) for p in ARABIC_PREPOSITIONS}, key=len, reverse=True):
    _PREPS_BY_FIRST_WORD.setdefault(_p.split()[0], []).append(_p)
_WORD_RE = re.compile(r"\w+")
_ANY_CUE_WORD = frozenset(
    [*_PREPS_BY_FIRST_WORD, *_VERB_BY_FORM, *("و" + f for f in _VERB_BY_FORM), *("ف" + f for f in _VERB_BY_FORM),
     *PASSIVE_UNNAMED, *PASSIVE_RELAYED]
)


def verb_form(word: str) -> str | None:
    """The lexicon form of a (normalised) word that is a reporting verb, its conjunction removed."""
    if word in _VERB_BY_FORM:
        return word
    if word[:1] in "وف" and word[1:] in _VERB_BY_FORM:
        return word[1:]
    return None


def verb_cue(form: str) -> VerbCue:
    return _VERB_BY_FORM[form]


def words_of(norm: str) -> list[str]:
    """The words of a normalised text (runs of word characters)."""
    return _WORD_RE.findall(norm)


def find_arabic_cues(norm: str, words: list[str] | None = None) -> list[CueMatch]:
    """Cues in a normalised sentence. The words present (`words_of(norm)`, when the caller has
    them) are intersected with the lexicon (most sentences have none); only the few words that
    are cues are then located and checked, so the cost is linear in the sentence's length."""
    present = _ANY_CUE_WORD.intersection(_WORD_RE.findall(norm) if words is None else words)
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
    if w in PASSIVE_UNNAMED or w in PASSIVE_RELAYED:
        return CueMatch(pos, pos + len(w), verb=w)
    form = verb_form(w)
    if form is not None:
        return CueMatch(pos, pos + len(w), verb=form)
    return None
