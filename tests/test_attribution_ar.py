"""Arabic attribution, structure by structure, on made-up sentences of the shapes news uses
(none is taken from a gold file), and the confidence contract."""

from __future__ import annotations

import json
import math
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.text.analyzer import analyze


def _claim(text: str, phrase: str):  # type: ignore[no-untyped-def]
    holders = [c for c in analyze(text).claims if phrase in c.text]
    assert len(holders) == 1, [c.text for c in analyze(text).claims]
    return holders[0]


def _source(text: str, phrase: str) -> str | None:
    c = _claim(text, phrase)
    return c.source.mention if c.attributed and c.source else None


@pytest.mark.parametrize(
    ("text", "phrase", "mention"),
    [
        # verb, source, أن / a colon / a quotation
        ("وأكد مدير عام الدفاع المدني اللواء سالم الهاجري أن الحريق أخمد بالكامل.", "الحريق أخمد",
         "مدير عام الدفاع المدني اللواء سالم الهاجري"),
        ("وقال رئيس الاتحاد: «لن نقبل بالنتيجة».", "لن نقبل بالنتيجة", "رئيس الاتحاد"),
        # an addressee after the source, and one before it
        ("وقال المهندس فهد العتيبي لـ«الرياض» إن المشروع سيكتمل العام المقبل.", "المشروع سيكتمل",
         "المهندس فهد العتيبي"),
        ('وأوضح لـ"الجريدة" مسؤول في الوزارة أن القرار نهائي.', "القرار نهائي", "مسؤول في الوزارة"),
        # a setting between the source and its words
        ("وأشار المتحدث الرسمي باسم الهيئة، في مؤتمر صحافي أمس، إلى أن الأسعار ستنخفض.", "الأسعار ستنخفض",
         "المتحدث الرسمي باسم الهيئة"),
        # apposition after a comma
        ("وقال سامي الراشد، مدير عام الهيئة، إن الخطة جاهزة.", "الخطة جاهزة", "سامي الراشد، مدير عام الهيئة"),
        # a name with its particles
        ("وأفاد عبد الرحمن بن صالح آل الشيخ بأن الاجتماع تأجل.", "الاجتماع تأجل", "عبد الرحمن بن صالح آل الشيخ"),
        # a relayed speaker: the outlet relays, the minister speaks
        ("ونقلت صحيفة الوطن عن وزير النقل قوله إن الطريق سيفتتح قريبا.", "الطريق سيفتتح", "وزير النقل"),
        # a document with its issuer
        ("وكشف تقرير صادر عن هيئة الموانئ أن الواردات تراجعت.", "الواردات تراجعت", "تقرير صادر عن هيئة الموانئ"),
        # subject before the verb, after "وكان … قد"
        ("وكانت وزارة المالية قد ذكرت أن العجز تقلص.", "العجز تقلص", "وزارة المالية"),
        # a preposition set off by a comma
        ("ارتفعت الأسعار بنسبة عشرة في المئة، بحسب هيئة الإحصاء.", "ارتفعت الأسعار", "هيئة الإحصاء"),
        # a source named after its words
        ("تراجعت المبيعات في الربع الأخير، بحسب ما قال رئيس الشركة.", "تراجعت المبيعات", "رئيس الشركة"),
    ],
)
def test_source_phrases(text: str, phrase: str, mention: str) -> None:
    assert _source(text, phrase) == mention


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # "حسب المنطقة" means "depending on the region"
        ("تختلف الأسعار حسب المنطقة والموسم في المملكة.", "تختلف الأسعار"),
        # "بين" (between), "عبر" (via), "نشر" (deploy): other senses of cue words
        ("وقعت اشتباكات بين الطرفين عبر الحدود الشمالية.", "وقعت اشتباكات"),
        ("ونشر الجيش قوات إضافية على طول الحدود.", "قوات إضافية"),
        # a negated verb reports nothing
        ("ولم يذكر البيان عدد الضحايا في الحادث.", "عدد الضحايا"),
        # background in the paper's own voice
        ("يذكر أن المدينة شهدت أمطارا غزيرة الشهر الماضي.", "أمطارا غزيرة"),
        # "نادي" is a club, not "نادى" (called)
        ("فاز نادي الهلال على النصر بهدفين في الدوري.", "بهدفين"),
    ],
)
def test_not_attribution(text: str, phrase: str) -> None:
    c = _claim(text, phrase)
    assert not c.attributed, c.source


def test_the_verbs_object_is_not_part_of_its_source() -> None:
    assert _source("وأكد الوزير ضرورة الإسراع في تنفيذ المشاريع.", "ضرورة الإسراع") == "الوزير"
    assert _source("ووصف وزير الخارجية المفاوضات بأنها صعبة.", "صعبة") == "وزير الخارجية"


def test_the_name_ali_is_not_the_preposition() -> None:
    text = "وقال وزير النفط علي العمير إن الإنتاج سيرتفع."
    assert _source(text, "الإنتاج سيرتفع") == "وزير النفط علي العمير"


def test_a_title_never_ends_the_phrase() -> None:
    text = "وقال مستشار الرئيس الدكتور علي أكبر ولايتي إن المحادثات مستمرة."
    assert _source(text, "المحادثات مستمرة") == "مستشار الرئيس الدكتور علي أكبر ولايتي"


def test_continuations_go_back_to_the_speaker_that_agrees() -> None:
    text = ("قال الوزير إن الموازنة جاهزة. وقالت الصحيفة إن الإعلان تأجل. "
            "وأضاف أن الإيرادات ارتفعت هذا العام.")
    assert _source(text, "الإيرادات ارتفعت") == "الوزير"  # أضاف (he) skips الصحيفة (she)


def test_continuation_across_a_paragraph_and_participles() -> None:
    text = ("أكد مدير المستشفى الدكتور خالد السالم أن الحالة مستقرة.\n"
            "وأوضح أن الفريق الطبي يتابعها، مشيراً إلى أن الخروج متوقع غدا.")
    assert _source(text, "الفريق الطبي يتابعها") == "مدير المستشفى الدكتور خالد السالم"
    assert _source(text, "الخروج متوقع غدا") == "مدير المستشفى الدكتور خالد السالم"


def test_a_quotation_runs_on_across_sentences_until_it_closes() -> None:
    text = ('وقال المدرب: "نحن جاهزون للمباراة. الفريق في حالة ممتازة. سنلعب للفوز". '
            "وتقام المباراة مساء الجمعة.")
    assert _source(text, "الفريق في حالة ممتازة") == "المدرب"
    assert _source(text, "وتقام المباراة مساء") is None


def test_a_stray_quotation_mark_carries_nothing() -> None:
    text = 'وقال المتحدث: "الوضع هادئ. وانتهت الجلسة بعد الظهر. وغادر الوفد العاصمة مساء.'
    assert _source(text, "وغادر الوفد العاصمة") is None


def test_speaker_named_after_the_paragraph() -> None:
    text = "اعتمد المجلس صرف البدل للموظفين اعتبارا من الشهر المقبل، أوضح ذلك مدير الشؤون المالية."
    assert _source(text, "صرف البدل للموظفين") == "مدير الشؤون المالية"


def test_short_forms_keep_the_phrase_and_point_to_the_full_name() -> None:
    text = ("قال وزير الخارجية الإيراني محمد جواد ظريف إن الاتفاق متوازن. "
            "وأكد ظريف أن العقوبات سترفع قريبا.")
    c = _claim(text, "العقوبات سترفع")
    assert c.source is not None and c.source.mention == "ظريف"
    assert c.source.reference is not None
    ref_text, start, end = c.source.reference
    assert text[start:end] == ref_text == "وزير الخارجية الإيراني محمد جواد ظريف"


def test_an_indefinite_description_is_someone_new() -> None:
    text = "قالت مصادر أمنية مطلعة إن الطريق أغلق. وقالت مصادر مطلعة أخرى إن الجسر فتح."
    c = _claim(text, "الجسر فتح")
    assert c.source is not None and c.source.reference is None


def test_relayed_speaker_keeps_the_outlet_as_via() -> None:
    text = "ونقلت وكالة الأنباء عن مسؤول في الوزارة أن الاجتماع انتهى."
    c = _claim(text, "الاجتماع انتهى")
    assert c.source is not None and c.source.mention == "مسؤول في الوزارة"
    assert c.source.via is not None and c.source.via[0] == "وكالة الأنباء"


# ------------------------------------------------------------------ confidence


def test_confidence_is_in_range_and_named() -> None:
    text = ("قال مدير الشرطة العميد سالم الحربي إن الحادث وقع فجرا. وأضاف أن التحقيق بدأ. "
            "وشهدت المدينة أمطارا. وأعلنت الوزارة تسجيل حالات جديدة، بحسب مصادر.")
    for c in analyze(text).claims:
        assert 0.0 <= c.attribution_confidence <= 1.0 and not math.isnan(c.attribution_confidence)
        assert c.attribution_basis
        data = c.to_json()
        assert data["attribution_confidence"] == c.attribution_confidence
        json.dumps(data)


def test_clear_structures_are_confident_and_guesses_are_not() -> None:
    clear = _claim("وقال مدير الشرطة العميد سالم الحربي إن الحادث وقع فجرا.", "الحادث وقع")
    assert clear.attribution_confidence >= 0.8
    plain_voice = _claim("وشهدت المدينة أمطارا غزيرة طوال الليل.", "أمطارا غزيرة")
    assert plain_voice.attribution_confidence >= 0.8 and not plain_voice.attributed
    # a source given only through the verb's object: a guess
    guess = _claim("وأعلنت جهات رسمية تسجيل حالات جديدة في المنطقة.", "تسجيل حالات")
    assert guess.attribution_confidence < 0.8


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("قال الوزير إن وأضاف أن، . « » \" بحسب مصادر ذلك أوضح علي \n")), max_size=300))
def test_confidence_never_nan_on_any_text(text: str) -> None:
    for c in analyze(text).claims:
        assert 0.0 <= c.attribution_confidence <= 1.0


def test_time_grows_linearly_with_the_article() -> None:
    """The work per character stays flat as the article grows (operation count, not a timed
    assertion: the same article repeated eight times costs about eight times as much)."""
    paragraph = ("وقال المتحدث باسم وزارة الصحة إن عدد الإصابات ارتفع. وأضاف أن الوزارة تتابع الوضع، "
                 "مشيراً إلى أن الفرق تعمل. وأفاد مركز حلب الإعلامي أن القصف استمر، بحسب ناشطين.\n")
    small, large = paragraph * 50, paragraph * 400
    t0 = time.process_time()
    analyze(small)
    t1 = time.process_time()
    analyze(large)
    t2 = time.process_time()
    # Eight times the text: a quadratic scan would cost ~64 times as much; allow a wide margin
    # for noise, far below quadratic.
    assert (t2 - t1) < 25 * max(t1 - t0, 1e-3)
