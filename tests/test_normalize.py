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
