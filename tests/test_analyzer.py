"""The analyzer against the seed gold, the fixture articles, and hostile text."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ARTICLES, SEED, require_shared
from workbench.text.analyzer import analyze
from workbench.text.segment import MAX_CLAIM_CHARS, LineKind, classify_lines, split_sentences


def _gold() -> dict:
    shared = require_shared()
    return json.loads((shared / "gold" / "seed-000.json").read_text(encoding="utf-8"))


def test_seed_fixture_is_the_shared_seed() -> None:
    shared = require_shared()
    assert SEED.read_bytes() == (shared / "seeds" / "000_8fcdc02fa3f5544c.txt").read_bytes()


def test_every_gold_expectation_holds(seed_text: str) -> None:
    gold = _gold()
    canon = {s["key"]: s["canonical"] for s in gold["sources"]}
    result = analyze(seed_text)
    assert result.language == gold["language"]
    assert result.publisher is not None
    assert result.publisher.mention == gold["publisher"]["mention"]
    assert result.publisher.canonical == gold["publisher"]["canonical"]
    failures = []
    for exp in gold["expectations"]:
        phrase = exp["claim_contains"]
        holders = [c for c in result.claims if phrase in c.text]
        if len(holders) != 1:
            failures.append(f"{phrase!r}: in {len(holders)} claims")
            continue
        claim = holders[0]
        want = canon[exp["source"]]
        got = claim.source.canonical if claim.source else None
        if got != want:
            failures.append(f"{phrase!r}: source {got!r}, expected {want!r}")
        if exp["source"] == "publisher" and claim.attributed:
            failures.append(f"{phrase!r}: publisher's voice marked as attributed")
        if exp.get("rests_on_image") and not claim.rests_on_media:
            failures.append(f"{phrase!r}: not flagged as resting on media")
    for phrase in gold["not_claims"]:
        if any(phrase in c.text for c in result.claims):
            failures.append(f"{phrase!r} is a claim")
    assert not failures, "\n".join(failures)


def test_seed_attributions_name_the_source_phrase(seed_text: str) -> None:
    result = analyze(seed_text)
    mentions = {c.source.mention for c in result.claims if c.attributed and c.source}
    assert {"العربية نت", "مركز حلب الإعلامي", "ناشطو حلب"} <= mentions
    for c in result.claims:
        assert seed_text[c.start : c.end] == c.text
        if c.attributed and c.source and c.source.start is not None:
            assert seed_text[c.source.start : c.source.end] == c.source.mention


def test_offsets_slice_every_fixture_article() -> None:
    for path in sorted(ARTICLES.iterdir()):
        text = path.read_text(encoding="utf-8")
        result = analyze(text)
        assert result.claims, path.name
        for c in result.claims:
            assert text[c.start : c.end] == c.text


@pytest.mark.parametrize(
    ("text", "mention", "canonical"),
    [
        ("وقال المصدر لوكالة الأنباء الألمانية إن الهجوم فشل تماماً.", "المصدر", "المصدر"),
        ("وتشهد المنطقة تصعيداً عسكرياً منذ مطلع الشهر، بحسب المرصد السوري لحقوق الانسان.",
         "المرصد السوري لحقوق الانسان", "Syrian Observatory for Human Rights"),
        ("أعلنت وزارة الصحة تسجيل 5 إصابات جديدة بفيروس كورونا.", "وزارة الصحة", "Saudi Ministry of Health"),
        ("The Syrian Observatory for Human Rights said 12 people were killed.",
         "Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights"),
        ('"We will not leave," said Jens Laerke, a spokesman.', "Jens Laerke", "Jens Laerke"),
        ("According to Reuters, the talks collapsed on Monday.", "Reuters", "Reuters"),
    ],
)
def test_source_phrase_and_registry(text: str, mention: str, canonical: str) -> None:
    claims = analyze(text).claims
    assert len(claims) == 1
    src = claims[0].source
    assert claims[0].attributed and src is not None
    assert src.mention == mention
    assert src.canonical == canonical
    assert text[src.start : src.end] == mention


def test_continuation_carries_the_source_on() -> None:
    t = "قال المرصد السوري لحقوق الإنسان إن 12 مدنياً قتلوا. وأضاف أن بين القتلى أطفالاً."
    a, b = analyze(t).claims
    assert a.source and b.source and b.source.canonical == a.source.canonical == "Syrian Observatory for Human Rights"


@pytest.mark.parametrize(
    ("text", "short", "full"),
    [
        # A bare head noun refers back to an earlier source of its kind that bears it in its name...
        ("The Ministry of Health said 14 people had died. The United Nations said 40,000 people had fled. "
         "The ministry said the roads were open.", "ministry", "Ministry of Health"),
        ("وقالت وزارة الصحة إن 14 شخصا توفوا. وقالت الأمم المتحدة إن 40 ألفا نزحوا. "
         "وأكدت الوزارة أن الطرق مفتوحة.", "الوزارة", "وزارة الصحة"),
        # ... and to nothing else: another organisation, however well known, is not "the ministry".
        ("The United Nations said 40,000 people had fled the fighting. The ministry said the roads were open.",
         "ministry", None),
        ("وقالت الأمم المتحدة إن 40 ألفا نزحوا. وأكدت الوزارة أن الطرق مفتوحة.", "الوزارة", None),
        ("Reuters reported that the border was closed. The ministry said the roads were open.", "ministry", None),
        # ... nor to a name that only mentions it after its head.
        ("According to a report released by the agency, the dam was never inspected. The agency said the report "
         "was final.", "agency", None),
        ("The Health Ministry said 14 people had died. The ministry said the roads were open.", "ministry",
         "Health Ministry"),
    ],
)
def test_a_short_form_refers_back_only_to_a_source_bearing_its_head(text: str, short: str, full: str | None) -> None:
    claim = analyze(text).claims[-1]
    src = claim.source
    assert claim.attributed and src is not None and src.mention == short
    if full is None:
        assert src.reference is None and src.key is None and src.canonical == short
    else:
        assert src.reference is not None and src.reference[0] == full
        assert text[src.reference[1] : src.reference[2]] == full


def test_deploy_sense_of_nashr_is_not_attribution() -> None:
    claims = analyze("ونشر الجيش قوات إضافية على الحدود الشمالية للبلاد.").claims
    assert len(claims) == 1 and not claims[0].attributed


def test_publisher_voice_without_publisher_line_has_no_source() -> None:
    claims = analyze("شنت قوات النظام هجوماً واسعاً على حي بني زيد وسيطرت عليه.").claims
    assert claims[0].attributed is False and claims[0].source is None


HOSTILE = [
    "وقال:",
    "x" * 20000,
    "قال " + "كلمة " * 5000,
    '"quotation that never closes, said nobody and the text goes on ' * 50,
    "قَالَ المَرْصَدُ السُّورِيُّ إِنَّ القَصْفَ اسْتَمَرَّ طَوَالَ اللَّيْلِ.",
    "وی گفت که ۱۲ نفر کشته شدند. پاکستان میں بارش ہوئی۔",
    "\t\u200bقال\u200c المرصد\u200d إن\tالقصف استمر.\u202e evil \u202c",
    "Mixed عربي and English قال المرصد إن the shelling continued.",
    "[bold]not markup[/bold] \x1b[31mred\x1b[0m said the official.",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_never_crashes_or_loses_offsets(text: str) -> None:
    result = analyze(text)
    for c in result.claims:
        assert text[c.start : c.end] == c.text
        assert len(c.text) <= MAX_CLAIM_CHARS


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("قال المرصد إن وأضاف أن، . ؟ ! \n\"«» بحسب مصادر said the ministry, according to Reuters a1٢")), max_size=400))
def test_claims_slice_the_text_and_never_overlap(text: str) -> None:
    claims = analyze(text).claims
    last_end = -1
    for c in claims:
        assert text[c.start : c.end] == c.text
        assert c.start >= last_end
        last_end = c.end


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "قال المرصد إن القصف استمر طوال الليل", "وأضاف أن 12 مدنياً قتلوا", "بحسب مصادر محلية",
    "The ministry said 40 people died", "according to Reuters", "نعم", "x", "،", "«اقتباس طويل. جداً»",
    "وأفاد مركز حلب الإعلامي أن القوات تقدمت", "كشفت “العربية نت” أنه قائد",
]), min_size=1, max_size=12), st.sampled_from([". ", "؟ ", "! ", "\n", "، ", " "]))
def test_splitting_never_loses_or_duplicates_content(parts: list[str], sep: str) -> None:
    """Every word of a sentence of two words or more lies in exactly one claim."""
    text = sep.join(parts)
    claims = analyze(text).claims
    covered = [0] * len(text)
    for c in claims:
        for i in range(c.start, c.end):
            covered[i] += 1
    assert max(covered, default=0) <= 1
    for line in classify_lines(text):
        if line.kind is not LineKind.TEXT:
            continue
        for s, e in split_sentences(text, line.start, line.end):
            words = list(re.finditer(r"\w+", text[s:e]))
            if len(words) < 2 or text[s:e].startswith(("رابط الخبر", "Read more")):
                continue
            lost = [w.group() for w in words if covered[s + w.start()] == 0]
            assert not lost, (text[s:e], lost)


def test_real_articles_from_every_part_of_the_corpus_analyze_whole() -> None:
    # every 60th article of the corpus (about 500, from every day): no error, offsets that slice
    # the text exactly, a confidence in range, a basis and signals for each claim
    import zipfile
    from itertools import islice

    corpus = require_shared() / "corpora" / "saudinewsnet"
    texts: list[str] = []
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                items = json.loads(zf.read(name))
                texts += [a["content"] for a in islice(items, 0, None, 60) if a.get("content")]
    assert len(texts) > 400
    for text in texts:
        for c in analyze(text).claims:
            assert text[c.start : c.end] == c.text
            assert 0.0 <= c.attribution_confidence <= 1.0 and c.attribution_basis and c.signals
            if c.source is not None and c.source.start is not None and c.source.end is not None:
                assert text[c.source.start : c.source.end] == c.source.mention
