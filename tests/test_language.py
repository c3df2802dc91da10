"""Language detection: which script dominates an article's head, and the letter counts behind it."""

import random

from workbench.text.language import _ARABIC, _LATIN, _counts, detect_language


def test_languages_by_their_letters() -> None:
    assert detect_language("قال المتحدث باسم الوزارة إن الخطة تسير كما رسم لها.") == "ar"
    assert detect_language("The ministry said on Monday that the plan was on track.") == "en"
    assert detect_language("این یک متن فارسی است که گفتگو و چیزهای دیگر دارد") == "fa"
    assert detect_language("1234 … 5678") == "und"
    assert detect_language("") == "und"


def test_letters_counted_on_bytes_are_the_letters_a_search_finds() -> None:
    """The byte counts equal a letter-by-letter search, rare Arabic blocks (supplement,
    presentation forms), other scripts, astral characters and lone surrogates included."""
    rng = random.Random(3)
    pool = "abcXYZ سلام عليكم ٠١ ݐݿ ﭐﻼ \ufeffܐ éñ 中文 \U0001f600 \ud800 1234 .,"
    for _ in range(2000):
        head = "".join(rng.choice(pool) for _ in range(rng.randint(0, 300)))
        assert _counts(head) == (len(_ARABIC.findall(head)), len(_LATIN.findall(head)))
