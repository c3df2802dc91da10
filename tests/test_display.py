"""The display path (`workbench.text.display`): pieces of data wrapped over several lines keep
the direction of the whole piece."""

from __future__ import annotations

from workbench.text.display import Data, display_block, display_parts

NOTE = "اتصلنا بمكتب الصحيفة في الرياض Reuters وقالت إنها لا تعرف المصدر"


def test_a_wrapped_arabic_note_reads_right_to_left_on_a_line_that_opens_with_an_english_word() -> None:
    said, riyadh = "ﺖﻟﺎﻗﻭ", "ﺽﺎﻳﺮﻟﺍ"  # وقالت, after "Reuters"; الرياض, before it (joined for display)
    for parts in ([Data(NOTE)], ["note: ", Data(NOTE)], ["2026-11-30 08:53  ", Data("amal"), "  note: ", Data(NOTE)]):
        lines = display_block(parts, 30, bidi=True)
        line = next(line for line in lines if "Reuters" in line)
        # Right to left: what comes after the English word is on its left, what comes before on its right.
        assert line.index(said) < line.index("Reuters"), lines
        assert riyadh not in line or line.index(riyadh) > line.index("Reuters"), lines
    assert any(line.strip().endswith("Reuters") for line in display_block([Data(NOTE)], 30, bidi=True))


def test_a_link_with_an_arabic_path_stays_left_to_right_when_wrapped() -> None:
    link = "https://example.org/جاما/study?id=5"
    lines = display_block(["link: ", Data(link)], 22, bidi=True)  # cut inside the Arabic word
    # The piece reads left to right on every line, the line that opens with Arabic too (before,
    # that line took the Arabic's direction and showed "study?id=5/ﺎﻣ").
    assert [line.strip() for line in lines] == ["link:", "https://example.org/ﺎﺟ", "ﺎﻣ/study?id=5"]
    assert display_parts(["link: ", Data(link)], 80, bidi=True) == "link: https://example.org/ﺎﻣﺎﺟ/study?id=5"


def test_the_gaps_our_words_leave_stay_inside_a_line_and_go_at_a_break() -> None:
    parts = ["32 claims:", "   ", "Unchecked 32", "   ", "Verified 0", "   ", "False 0"]
    assert display_block(parts, 80, bidi=True) == ["32 claims:   Unchecked 32   Verified 0   False 0"]
    assert display_block(parts, 26, bidi=True) == ["32 claims:   Unchecked 32", "Verified 0   False 0"]
    assert display_block([Data("a    b")], 80, bidi=True) == ["a b"]  # data is put on one line, spaces folded


def test_a_no_break_space_keeps_a_label_with_its_figure() -> None:
    parts = ["Verified\u00a03", "   ", "In\u00a0progress\u00a012"]
    assert [line.replace("\u00a0", " ") for line in display_block(parts, 20, bidi=True)] == ["Verified 3", "In progress 12"]
