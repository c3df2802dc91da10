from workbench.text.segment import LineKind, classify_lines, split_sentences


def spans(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_arabic_never_splits_at_comma_or_colon() -> None:
    t = "قال الوزير: إن القوات، بحسب المصادر، تقدمت. وأضاف أن المعارك مستمرة؟ نعم!"
    assert spans(t) == ["قال الوزير: إن القوات، بحسب المصادر، تقدمت.", "وأضاف أن المعارك مستمرة؟", "نعم!"]


def test_english_abbreviations_decimals_initials_quotes() -> None:
    t = 'Mr. Smith said U.S. forces fired 3.5 rounds. J. K. Rowling agreed. "It is over." She left.'
    assert spans(t) == [
        "Mr. Smith said U.S. forces fired 3.5 rounds.",
        "J. K. Rowling agreed.",
        '"It is over."',
        "She left.",
    ]


def test_publisher_link_byline_heading_lines_are_not_text() -> None:
    t = "عنوان قصير\nقال المرصد إن القصف استمر طوال الليل في المدينة.\nرابط الخبر: http://example.com/x\nكتب: محمد علي\nالمصدر: كلنا شركاء\n(وكالات)"
    kinds = [line.kind for line in classify_lines(t)]
    assert kinds == [LineKind.HEADING, LineKind.TEXT, LineKind.LINK, LineKind.BYLINE, LineKind.PUBLISHER, LineKind.CREDIT]


def test_a_line_without_punctuation_is_bounded() -> None:
    t = "كلمة " * 4000
    parts = split_sentences(t)
    assert all(e - s <= 700 for s, e in parts)
    assert "".join(t[s:e] for s, e in parts).replace(" ", "") == t.replace(" ", "")


def test_a_quotation_closed_before_a_glued_sentence_goes_with_it() -> None:
    from workbench.text.segment import split_sentences

    text = 'وقال: "لن نطلب إذنا من أحد."وبحسب المسح ارتفع الإنتاج.'
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ['وقال: "لن نطلب إذنا من أحد."', "وبحسب المسح ارتفع الإنتاج."]


def test_letters_spelled_out_with_glued_dots_are_one_name() -> None:
    # "بي.واي.دي", "جيه.إل.إل", "بي.سي ماجازين": a company's letters, not three sentences; but a
    # sentence glued to the next one still ends where it ends
    t = "وقالت شركة بي.واي.دي إن الحافلة ليست من إنتاجها. وذكر موقع بي.سي ماجازين أن الخاصية مفيدة."
    assert spans(t) == ["وقالت شركة بي.واي.دي إن الحافلة ليست من إنتاجها.", "وذكر موقع بي.سي ماجازين أن الخاصية مفيدة."]
    assert spans("ارتفعت الأسعار في عام.وفي العام التالي تراجعت.") == [
        "ارتفعت الأسعار في عام.", "وفي العام التالي تراجعت."]
    assert spans("وأغلق الطريق العام الحالي.وقال الوزير إن العمل مستمر.") == [
        "وأغلق الطريق العام الحالي.", "وقال الوزير إن العمل مستمر."]
