from hypothesis import given
from hypothesis import strategies as st

from workbench.text.normalize import match_key, normalize, normalize_with_map


def test_arabic_spelling_variants_meet() -> None:
    assert normalize("أكّدَ") == normalize("اكد") == normalize("إكد")
    assert normalize("مدرسة") == normalize("مدرسه")
    assert normalize("مستشفى") == normalize("مستشفي")
    assert normalize("الإنسان") == normalize("الانسان")
    assert normalize("ـــقال") == normalize("قال")
    assert normalize("٢٠٠ ألف") == "200 الف"
    assert normalize("«العربية نت»") == normalize('"العربية نت"')


def test_match_key_drops_article_and_punctuation() -> None:
    assert match_key("“العربية نت”") == match_key("عربية نت")
    assert match_key("المرصد السوري") == "مرصد سوري"


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(st.text())
def test_map_points_into_the_original(text: str) -> None:
    norm, index = normalize_with_map(text)
    assert len(norm) == len(index)
    assert all(0 <= i < len(text) for i in index)
    assert list(index) == sorted(index)  # a range when nothing was deleted


def test_long_texts_fold_through_the_array_path_exactly_as_short_ones() -> None:
    """Articles (512 characters and more) are folded by an array lookup: the folded text and the
    offset map are those of the character-by-character translation, deletions, folds and case
    included; a character outside the Basic Multilingual Plane falls back to the translation."""
    import random

    from workbench.text.normalize import _TABLE

    rng = random.Random(7)
    letters = "أإآاىيئؤةكک٠١۲abcİẞ \u064b\u0651\u0640\u200f«»،؛\nxyzABC"
    for n, extra in ((600, ""), (900, ""), (700, "\U0001F600")):
        for _ in range(40):
            text = "".join(rng.choice(letters + extra) for _ in range(n))
            folded, index = normalize_with_map(text)
            expected = text.translate(_TABLE)
            lowered = expected.lower()
            if len(lowered) != len(expected):
                lowered = "".join(ch.lower()[:1] or " " for ch in expected)
            assert folded == lowered
            assert list(index) == [i for i, ch in enumerate(text) if _TABLE.get(ord(ch), ch) is not None]
