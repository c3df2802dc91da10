"""English attribution: the shapes English news gives its sources (made-up sentences, real shapes)."""

from __future__ import annotations

from pathlib import Path

import pytest

import benchmarks.polnear as polnear
from benchmarks.polnear import Article, Score, claim_finds, parse_ann, score_article
from workbench.text.analyzer import ClaimResult, analyze
from workbench.text.segment import LineKind, classify_lines, split_sentences


def _only(text: str) -> ClaimResult:
    claims = analyze(text).claims
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


def _source(text: str) -> str | None:
    claim = _only(text)
    assert text[claim.start : claim.end] == claim.text
    if not claim.attributed or claim.source is None:
        return None
    assert claim.source.start is not None
    assert text[claim.source.start : claim.source.end] == claim.source.mention
    return claim.source.mention


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        # A quotation, then its speaker, with the verb before or after the name.
        ('"The bridge will reopen next week," said Anna Berg, a spokeswoman for the city.', "Anna Berg"),
        ('"The bridge will reopen next week," the mayor wrote on Tuesday.', "mayor"),
        ('"We have no more beds," Dr. Ruth Mensah added.', "Dr. Ruth Mensah"),
        ('"Why now?" Senator Paul Cole asked.', "Senator Paul Cole"),
        # A subject and a verb of saying before the words, with or without "that".
        ("The health ministry said that 14 people had died.", "health ministry"),
        ("Local officials say the river burst its banks overnight.", "Local officials"),
        ("The ministry said in its weekly update that exports had fallen.", "ministry"),
        # "according to".
        ("According to the Red Cross, 300 families lost their homes.", "Red Cross"),
        ("Turnout reached 71 percent, according to the electoral commission.", "electoral commission"),
        # The addressee of "told" is never the source.
        ("Gomez told reporters that the plant would close in June.", "Gomez"),
        ("The minister told the BBC the deal was dead.", "minister"),
        # A relative clause or an apposition between the speaker and the verb.
        ("The governor, who took office in May, said the budget was balanced.", "governor"),
        ("Tom Reyes, a farmer from Dodge County, Iowa, said the harvest was the worst in years.", "Tom Reyes"),
        # Titles and affiliations stay in the source phrase.
        ("Dr. J. A. Okafor of the University of Lagos said the barriers were never finished.",
         "Dr. J. A. Okafor of the University of Lagos"),
        ("The U.N. humanitarian office said 40,000 people had fled.", "U.N. humanitarian office"),
        # Anonymous sources.
        ("A senior government official, speaking on condition of anonymity, said the talks had failed.",
         "senior government official"),
        ("Two people familiar with the negotiations said the offer was withdrawn.",
         "Two people familiar with the negotiations"),
        # Documents, polls and data.
        ("A new Gallup poll found that 58 percent of voters support the plan.", "new Gallup poll"),
        ("The audit shows the agency overspent by $3 million.", "audit"),
        ("Court records indicate that the firm was fined twice.", "Court records"),
        # A statement, an interview or a tweet is the channel, not the source.
        ("In a statement, the company denied any wrongdoing.", "company"),
        ("Ortiz said in an interview that he would not run again.", "Ortiz"),
        ("The senator tweeted that the vote was rigged.", "senator"),
        # The long tail of verbs of saying.
        ("Economists warned that prices would keep rising.", "Economists"),
        ("The coach insisted the team had done nothing wrong.", "coach"),
        ("Her lawyer acknowledged that the payment was late.", "Her lawyer"),
        ("The company denied it had misled investors.", "company"),
        ('Critics called the plan "a gift to polluters."', "Critics"),
        ("The judge asked whether the documents had been destroyed.", "judge"),
        ("Analysts noted that sales had fallen for a third quarter.", "Analysts"),
        # Headlines and transcripts: a speaker, a colon, quoted words.
        ("Mayor Ellis: 'We will rebuild every home'", "Mayor Ellis"),
        # An addressee, then a clause with its own subject and verb.
        ("Schoen told host Sean Hannity a Clinton loss is increasingly likely.", "Schoen"),
        # Asides that hold commas, quotations, settings or dashes between the speaker and the verb.
        ('Humphrey, who calls Trump a "sociopath," said he would not vote this year.', "Humphrey"),
        ("Clinton, during a town hall meeting in Columbus, Ohio, said the plan would work.", "Clinton"),
        ("Paul Porter, a truck driver from Ava, Mo., who joined the union in 1990, said he was paid well.",
         "Paul Porter"),
        ("Vice President Joe Biden, who was to travel to Columbus, Ohio, on Wednesday, said the rules were fair.",
         "Vice President Joe Biden"),
        ("GOP front-runner Donald Trump - who once said he would win - said at a rally that the polls were wrong.",
         "GOP front-runner Donald Trump"),
        ("Security experts and U.S. officials said Russia was behind the hack.", "Security experts and U.S. officials"),
        # After a quotation, whatever follows the verb is setting or addressee.
        ('"There never was an order to stand down," said the base chief known as Bob.', "base chief"),
        ('"We must never give the board that power," Sanders wrote to his colleagues.', "Sanders"),
        # A document at the head of the sentence; verbs whose object is what was said.
        ("Polls show Clinton ahead in Ohio and Florida.", "Polls"),
        ("The carmaker announced a recall of 40,000 vehicles.", "carmaker"),
        ("The company said it was still operating at a loss.", "company"),
        # A name after the title it bears, at the end; a subject after "where"; a request.
        ("Sanders will stay in the race until the convention, his top aide, Tad Devine, told reporters.",
         "Tad Devine"),
        ("Texas asked a federal judge to block the rules before the school year.", "Texas"),
        ('"The numbers do not add up," Richard Hasen, a law professor, wrote last week after the ruling.',
         "Richard Hasen"),
        ('"They will find a way to corrupt it," wrote one commenter.', "one commenter"),
        # "As X reported, …", "As reported by X, …".
        ('As Politico reported, "Trump would win, and handily."', "Politico"),
        ("As reported by Western Journalism, Seattle was the first city to mandate the wage.", "Western Journalism"),
        # Verbs whose object is what was said or meant.
        ("The senator called the deal a disgrace.", "senator"),
        ("The governor described the storm as the worst in a century.", "governor"),
        ("Her campaign touted its fundraising numbers.", "Her campaign"),
        # A share of those polled; a party and state after a name; people described by what they do.
        ("In a Trump-Clinton matchup, 21 percent said they would not vote at all.", "21 percent"),
        ("Sen. Marco Rubio, R-Fla., appearing on Fox News, said the speech failed.", "Sen. Marco Rubio"),
        ("A local pastor said the church would stay open.", "local pastor"),
        # A speaker named at the end said all that came before; an intention reported by others.
        ("The congressman also plans to vote for Sanders at the convention, Welch said.", "Welch"),
        ("Trump wants the wall finished within a year, according to two campaign aides.", "two campaign aides"),
        # A first name that is also a modal; a title given without its article after a name.
        ('"It is a pretty expensive business model," said Will Doyle, a professor.', "Will Doyle"),
        ("Vikram Amar, dean of the law school, said the court had changed its tone.", "Vikram Amar"),
        # A quantity of those polled; a noun after a possessive is no verb.
        ("More than six in 10 said they were not looking forward to the campaign.", "six in 10"),
        ("Another source familiar with the senator's thinking said he would stay.",
         "Another source familiar with the senator's thinking"),
        # "reported" with a clause that has its own subject and verb, whoever reports.
        ("Reuters reported the deal was signed in March.", "Reuters"),
        # Findings: people who found that…; a study's inquiry.
        ("The authors found that voters in the hardest-hit districts chose more extreme lawmakers.", "authors"),
        ("The inquiry found that the office almost never searched its own email.", "inquiry"),
        # Adverbs between the subject and its verb; a share named with a determiner after "of".
        ("Carter however said he would welcome China's participation.", "Carter"),
        ("Her campaign workers here said they had worked the state since the spring.", "Her campaign workers"),
        ('"There will not be a path," said one of those advisers, who spoke on condition of anonymity.',
         "one of those advisers"),
        # An age for a name; a contracted relative in an aside.
        ('"He is an amazing leader," said the 46-year-old.', "46-year-old"),
        ("Michael Bloomberg, who's thinking about running, said it was impossible.", "Michael Bloomberg"),
        ('Said Comey, "The thought that an error on our part is connected to this is very painful."', "Comey"),
        # Whoever says the quoted words is their source; a title with its setting before a name.
        ('"It is hard enough to come back to work," said the designer, who works for another brand.', "designer"),
        ("Another delegate on the Cruz slate, Jim Poolman, said he was only leaning Cruz.", "Jim Poolman"),
        ("One of his advisers, Tad Devine, told reporters that he would leave it to others.", "Tad Devine"),
        ("An Israeli blogger, Tal Schneider, reported this week that she had obtained a video.", "Tal Schneider"),
        ("The aides, led by campaign manager Terry Sullivan, told the group that they would lose Iowa.", "aides"),
    ],
)
def test_english_source_phrase(text: str, mention: str) -> None:
    assert _source(text) == mention


@pytest.mark.parametrize(
    "text",
    [
        "In a subsequent note to staff, the network's coverage was changed.",  # a setting names nobody
        "All told, the group raised $4 million in a month.",  # "all told": in all
        "Rubio hit back again, saying the governor cared more about his campaign.",  # no subject read, none carried
        "The report was published on Monday after months of delay.",  # a noun, not a verb
        "Officials did not respond to requests for comment.",  # nobody says anything
        "The bill is expected to pass the Senate next week.",  # a passive, no speaker
        "The United States imposed new tariffs on steel.",  # "States" is no verb
        "Editor's note: this article was updated on Friday.",  # the publisher's own note
        "She wrote a book about the war in 2004.",  # writing a book says nothing
        "The plan that the mayor said would cut traffic was dropped.",  # the speaker inside a relative clause
        "Mr. Romney found it difficult to win in Miami.",  # finding without "that" is no finding of his
        "He concluded by thanking the volunteers.",  # "by" and a participle that says nothing
        "Said the cat to the dog.",  # a sentence opening with the verb, no quotation after a name
    ],
)
def test_english_publisher_voice(text: str) -> None:
    assert _source(text) is None


def test_pronoun_is_the_mention_and_the_speaker_its_source() -> None:
    text = 'Maria Lopez runs the shelter. "We are full," she said. She added that 40 families were waiting.'
    claims = [c for c in analyze(text).claims if c.attributed]
    assert [c.source.mention for c in claims if c.source] == ["she", "She"]
    assert {c.source.canonical for c in claims if c.source} == {"Maria Lopez"}
    for c in claims:
        assert c.source is not None and c.source.start is not None
        assert text[c.source.start : c.source.end] == c.source.mention


def test_a_subordinate_clause_with_its_own_speaker_starts_at_its_conjunction() -> None:
    text = "The furor reached the Capitol, where Senate Minority Leader Harry Reid told reporters that he was angry."
    paper, reid = analyze(text).claims
    assert paper.text == "The furor reached the Capitol" and not paper.attributed
    assert reid.text.startswith("where Senate") and reid.source is not None
    assert reid.source.mention == "Senate Minority Leader Harry Reid"


def test_a_subordinate_clause_at_the_head_gives_the_main_clause_its_own_speaker() -> None:
    text = "When the moderator pointed out that Trump had not answered, the candidate said the judges were unfair."
    moderator, candidate = analyze(text).claims
    assert moderator.source is not None and moderator.source.mention == "moderator"
    assert candidate.source is not None and candidate.source.mention == "candidate"
    # The question of "Asked if…" is nobody's claim.
    text = "Asked if she believed the report, Clinton said she would not jump to that conclusion."
    question, answer = analyze(text).claims
    assert not question.attributed and answer.source is not None and answer.source.mention == "Clinton"


def test_a_speaker_after_the_closing_quotation_said_the_whole_sentence() -> None:
    text = 'Polling shows that "the public is not comfortable with the military," said Sylke Tempel, an editor.'
    claim = analyze(text).claims[0]
    assert len(analyze(text).claims) == 1 and claim.source is not None and claim.source.mention == "Sylke Tempel"


def test_a_coordinated_verb_of_saying_starts_its_claim_at_the_conjunction() -> None:
    text = "Trump had welcomed the mayor's election and said he would make an exception for him."
    paper, trump = analyze(text).claims
    assert paper.text == "Trump had welcomed the mayor's election" and not paper.attributed
    assert trump.text.startswith("and said") and trump.source is not None and trump.source.mention == "Trump"


def test_a_participle_speaks_for_the_subject_of_its_clause() -> None:
    text = "The departments declined to give any details, saying they cannot discuss the case."
    assert analyze(text).claims[-1].source is not None
    assert analyze(text).claims[-1].source.mention == "departments"  # type: ignore[union-attr]
    text = "The retired neurosurgeon has given no details, saying only that he was refining his staff."
    assert analyze(text).claims[-1].source.mention == "retired neurosurgeon"  # type: ignore[union-attr]


def test_a_participle_speaks_for_its_clauses_subject_past_settings() -> None:
    text = 'On Thursday, after weeks of silence, Warren endorsed Clinton, saying, "She is a fighter."'
    claim = analyze(text).claims[-1]
    assert claim.text.startswith("saying") and claim.source is not None and claim.source.mention == "Warren"


def test_a_new_speaker_after_but_starts_a_claim_of_its_own() -> None:
    text = ("The ministry said its engineers had worked around the clock, but the mayor, speaking on condition "
            "of anonymity, said the work had barely started.")
    ministry, mayor = analyze(text).claims
    assert ministry.source is not None and ministry.source.mention == "ministry"
    assert mayor.text.startswith("but the mayor") and mayor.source is not None and mayor.source.mention == "mayor"


def test_the_dateline_after_a_title_is_no_part_of_a_claim() -> None:
    text = "Flood talks stall\n\nGENEVA (Reuters) - The ministry said the dam would take six months to repair.\n"
    assert analyze(text).claims[-1].text.startswith("The ministry said")


def test_reported_words_end_where_the_papers_clause_begins() -> None:
    said, paper = analyze("Sanders has said he will vote for Clinton, but he has not endorsed her.").claims
    assert said.source is not None and said.source.mention == "Sanders" and said.text.endswith("Clinton")
    assert not paper.attributed and paper.text == "but he has not endorsed her."
    # "and that…" goes on with the reported words.
    assert len(analyze("Sanders said he will vote for Clinton, and that he will campaign for her.").claims) == 1


def test_a_relative_pronoun_is_the_mention_and_its_antecedent_the_source() -> None:
    text = "The loss was steep for Sen. Bernie Sanders, who said he intended to rest for a day."
    before, relative = analyze(text).claims
    assert not before.attributed
    src = relative.source
    assert relative.attributed and src is not None and relative.text.startswith("who said")
    assert src.mention == "who" and text[src.start : src.end] == "who"
    assert src.canonical == "Sen. Bernie Sanders" and src.reference is not None
    assert text[src.reference[1] : src.reference[2]] == src.reference[0] == "Sen. Bernie Sanders"
    assert relative.attribution_confidence < 0.8
    # Inside the subject, the relative clause is no claim of its own: the sentence goes on in the
    # paper's voice.
    claims = analyze("Mr. Trump, who said last week that the judge was biased, issued a statement on Tuesday.").claims
    assert len(claims) == 1 and not claims[0].attributed
    # After a participle's object, and for names joined by "and".
    relative = analyze("Rubio refrained from attacking Chris Christie, who says the senator lacks experience.").claims[1]
    assert relative.source is not None and relative.source.canonical == "Chris Christie"
    relative = analyze("Rubio met Jeb Bush and Chris Christie, who say the senator lacks experience.").claims[1]
    assert relative.source is not None and relative.source.canonical == "Jeb Bush and Chris Christie"


def test_they_stands_for_the_plural_named_before() -> None:
    text = "Residents of the valley gathered outside city hall. They said the water had been brown for weeks."
    claim = analyze(text).claims[-1]
    assert claim.attributed and claim.source is not None
    assert claim.source.mention == "They" and "Residents" in claim.source.canonical


def test_quotation_broken_by_its_attribution_is_one_claim() -> None:
    text = '"The road is closed," said Ian Kerr, a police spokesman. "Nobody should try to drive through."'
    claim = _only(text)
    assert claim.source is not None and claim.source.mention == "Ian Kerr"
    assert claim.text == text
    assert claim.attribution_confidence >= 0.8


def test_multi_paragraph_quotation_is_carried_on() -> None:
    text = ('"We lost everything in one night," said Rosa Diaz, who runs a bakery on Main Street.\n'
            '"The water came up to the ceiling. We will need months to open again."\n'
            "The bakery opened in 1998.")
    claims = analyze(text).claims
    assert claims[1].attributed and claims[1].source is not None and claims[1].source.canonical == "Rosa Diaz"
    assert not claims[-1].attributed
    assert claims[1].attribution_confidence < claims[0].attribution_confidence


def test_quotation_left_open_at_a_paragraph_end_and_reopened_is_the_speakers() -> None:
    text = ("The senator spoke for an hour on Tuesday.\n\n"
            'Obama said: "There is no magic in the phrase. It is a talking point. It is not a strategy.\n\n'
            '"Calling a threat by another name does not make it go away. This is a distraction.\n\n'
            '"Not once has an adviser of mine said it would help. We will keep going."\n\n'
            "The crowd cheered.")
    claims = analyze(text).claims
    assert [c.text[:12] for c in claims] == ["The senator ", "Obama said: ", '"Calling a t', '"Not once ha',
                                              "The crowd ch"]
    named, *carried = claims[1:4]
    assert named.source is not None and named.source.mention == "Obama"
    for c in carried:
        assert c.attributed and c.source is not None and c.source.canonical == "Obama"
        assert c.attribution_basis == "quotation"
        assert 0.5 < c.attribution_confidence <= named.attribution_confidence < 0.8
    assert not claims[0].attributed and not claims[-1].attributed


def test_a_quotation_reopened_with_curly_marks_goes_on_until_it_closes() -> None:
    text = ("“We tried everything we could,” said Ana Ruiz, the union’s lawyer. “Nothing worked.\n"
            "“We will try again next week. The families deserve it.”\n"
            "Talks resume on Monday.")
    claims = analyze(text).claims
    assert [c.source.mention if c.source else None for c in claims] == ["Ana Ruiz", "Ana Ruiz", None]
    assert claims[1].attribution_basis == "quotation"


def test_a_quotation_after_a_sentence_that_named_a_speaker_is_the_speakers() -> None:
    text = 'Smith, the union leader, said the talks had failed. "We tried everything we could."'
    said, quoted = analyze(text).claims
    assert quoted.attributed and quoted.source is not None and quoted.source.canonical == "Smith"
    assert quoted.attribution_basis == "quotation"
    assert quoted.attribution_confidence <= said.attribution_confidence < 0.8


def test_an_unclosed_quotation_not_reopened_carries_nothing() -> None:
    text = ('Obama said: "There is no magic in the phrase. It is a talking point.\n'
            "Calling a threat by another name does not make it go away.")
    claims = analyze(text).claims
    assert claims[0].source is not None and claims[0].source.mention == "Obama"
    assert not claims[-1].attributed


def test_outlets_resolve_back_and_stay_outlets() -> None:
    text = ("The Washington Post reported that the contract was signed in March. "
            "The Post said the minister had approved it.")
    first, second = analyze(text).claims
    assert first.source is not None and second.source is not None
    assert second.source.mention == "Post"
    assert second.source.canonical == first.source.canonical
    assert second.source.kind == first.source.kind == "outlet"
    claim = _only('"The scheme was never legal," the influential US daily wrote in an editorial.')
    assert claim.source is not None and claim.source.kind == "outlet"


def test_a_document_is_named_by_the_noun_before_its_modifiers() -> None:
    for text in ("A poll conducted last week found that most voters rated the economy as good.",
                 "A survey by the group in March found the mayor ahead by 7 points.",
                 "A tally of recent polls by RealClearPolitics shows the mayor ahead by 13 points."):
        claim = _only(text)
        assert claim.source is not None and claim.source.kind == "document", text


def test_a_claim_starts_at_the_title_before_a_name_after_settings() -> None:
    text = ("On Wednesday, however, the director of the Federal Bureau of Investigation, James B. Comey, "
            "said that the messages were private.")
    claim = _only(text)
    assert claim.source is not None and claim.source.mention == "James B. Comey"
    text = "Asked about the charges, Rubio said that the reforms were no amnesty."
    question, claim = analyze(text).claims
    assert not question.attributed and claim.text.startswith("Rubio said")
    assert claim.source is not None and claim.source.mention == "Rubio"


def test_a_question_or_a_time_before_the_subject_is_no_speaker() -> None:
    text = "Asked whether he would serve, Mr. Clinton shook his head and said, \"No.\""
    claim = analyze(text).claims[-1]
    assert claim.text == 'and said, "No."'
    assert claim.source is not None and claim.source.mention == "Mr. Clinton"
    text = "Eight years ago, Pastor Bill Reed visited the city and said it had been abandoned."
    claim = analyze(text).claims[-1]
    assert claim.source is not None and claim.source.mention == "Pastor Bill Reed"


def test_a_participle_after_the_main_clause_or_by_speaks_for_its_subject() -> None:
    text = "Mr. Trump struck a measured tone, saying he understood the responsibility."
    first, second = analyze(text).claims
    assert not first.attributed
    assert second.text == "saying he understood the responsibility."
    assert second.source is not None and second.source.mention == "Mr. Trump"
    text = "Donald Trump answered by saying he was ready to work."
    first, second = analyze(text).claims
    assert (first.text, second.text) == ("Donald Trump answered", "by saying he was ready to work.")
    assert second.source is not None and second.source.mention == "Donald Trump"
    text = "Marco Rubio flipped his choice on the spot – saying he was rooting for Denver."
    assert analyze(text).claims[-1].source.mention == "Marco Rubio"  # type: ignore[union-attr]


def test_a_poll_set_off_at_the_head_of_a_sentence_is_its_source() -> None:
    claim = _only("In a new Fox News poll released Thursday, Donald Trump reached 45 percent.")
    assert claim.source is not None and claim.source.mention == "new Fox News poll"
    assert claim.source.kind == "document" and claim.attribution_confidence < 0.8
    # A statement is only the channel of the speaker named after it; a place is no source.
    assert _source("In a statement, the company denied any wrongdoing.") == "company"
    assert _source("In the capital, prices rose by 4 percent.") is None


def test_a_wire_story_with_a_title_then_its_dateline() -> None:
    text = ("Yemen cholera cases pass 200,000, WHO says\n\n"
            "SANAA (Reuters) - The number of suspected cases has passed 200,000, the World Health Organization said.\n"
            "In a new Reuters/Ipsos poll released Thursday, 61 percent of Americans said aid should increase.\n")
    analysis = analyze(text)
    assert analysis.publisher is not None and analysis.publisher.canonical == "Reuters"
    title, first, poll = analysis.claims
    # "WHO" in capitals is the organisation, not the relative pronoun.
    assert title.source is not None and title.source.canonical == "World Health Organization"
    assert first.text.startswith("The number") and first.source is not None
    assert poll.text.startswith("In a new") and poll.source is not None
    assert (poll.source.mention, poll.source.kind) == ("new Reuters/Ipsos poll", "document")
    assert _source("US officials said the talks had failed.") == "US officials"


def test_a_poll_named_after_its_maker_is_the_poll_and_speaks_for_those_it_polled() -> None:
    claim = _only("A Reuters/Ipsos poll found that most voters trust nobody.")
    assert claim.source is not None and claim.source.kind == "document"
    assert claim.source.canonical == "Reuters/Ipsos poll" and claim.source.key is None  # not Reuters
    text = "In a September Washington Post-ABC News poll, 75 percent of Republicans said politicians lie."
    claim = _only(text)
    assert claim.source is not None and claim.source.mention == "Washington Post-ABC News poll"
    assert claim.source.kind == "document"
    assert _source("Reuters reported that the deal was signed.") == "Reuters"


def test_an_opening_participle_sets_the_scene_and_the_name_after_it_speaks() -> None:
    text = "Alarmed by the unrest in Nevada, Senator Harry Reid, the minority leader, said he had called Sanders."
    assert _source(text) == "Senator Harry Reid"
    text = "Fred Kagan, director of the Critical Threats Project, said nothing would make a difference."
    assert _source(text) == "Fred Kagan"
    text = "Last month, the Independent, a British newspaper, revealed that the clothes were made abroad."
    assert _source(text) == "Independent"


def test_a_quotation_resumes_after_a_tail_that_names_a_programme() -> None:
    text = ('"I was sitting in a house in Florida," Trump told NBC\'s "Today" on Monday. '
            '"I could hardly hear what he was saying." The host moved on.')
    first, second = analyze(text).claims
    assert first.text.endswith("hardly hear what he was saying.\"")
    assert first.source is not None and first.source.mention == "Trump"
    assert first.attribution_confidence >= 0.8
    assert not second.attributed


def test_the_agency_and_the_newspaper_resolve_back_to_a_source_named_without_the_noun() -> None:
    text = ("The number of cases passed 200,000, the World Health Organization said on Saturday. "
            "More than 1,300 people have died, the agency said in a statement.")
    first, second = analyze(text).claims
    assert first.source is not None and first.source.canonical == "World Health Organization"
    assert second.source is not None and second.source.mention == "agency"
    assert second.source.canonical == "World Health Organization"
    assert second.source.reference == ("World Health Organization", 40, 65)
    text = ("The New York Times reported that the contract was signed in March. "
            "The newspaper said the minister had approved it.")
    second = analyze(text).claims[1]
    assert second.source is not None and second.source.canonical == "The New York Times"
    assert second.source.kind == "outlet"
    # A title is not a class of body: "the ministry" is not the WHO.
    text = "The World Health Organization said cases rose. The ministry said it had opened clinics."
    second = analyze(text).claims[1]
    assert second.source is not None and second.source.canonical == "ministry" and second.source.reference is None


def test_a_document_named_with_its_agent_is_a_document() -> None:
    claim = _only("According to a report released by the agency, the dam was never inspected.")
    assert claim.source is not None and claim.source.kind == "document"


def test_social_media_only_when_the_text_says_so() -> None:
    claim = _only("A video shared by activists on social media showed the bridge in flames.")
    assert claim.source is not None and claim.source.kind == "social media"
    claim = _only("The Huffington Post reported that the rally was cancelled.")
    assert claim.source is not None and claim.source.kind == "outlet"


def test_credit_lines_bylines_and_datelines_are_never_claims() -> None:
    text = ("By Jane Doe and Omar Hadi\n"
            "GENEVA (Reuters) - A senior official said the talks had collapsed on Monday.\n"
            "The next round was not scheduled.\n"
            "(Reporting by Jane Doe; Editing by Mark Stone)\n")
    analysis = analyze(text)
    assert analysis.publisher is not None and analysis.publisher.canonical == "Reuters"
    texts = [c.text for c in analysis.claims]
    assert texts == ["A senior official said the talks had collapsed on Monday.", "The next round was not scheduled."]
    inline = analyze("Prices rose by 4 percent, the agency said. (Reporting by Ann Lee; Editing by Tom Ray)")
    assert [c.text for c in inline.claims] == ["Prices rose by 4 percent, the agency said."]


def test_english_sentences_keep_quotations_and_their_attribution_together() -> None:
    text = '"Is it safe? Nobody knows," she said. The "final" report. Mr. Lee left.'
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == ['"Is it safe? Nobody knows," she said.', 'The "final" report.', "Mr. Lee left."]
    lines = classify_lines("(Reporting by Ann Lee; Editing by Tom Ray)\nContributing: Deborah Berry.")
    assert [line.kind for line in lines] == [LineKind.BYLINE, LineKind.BYLINE]


def test_confidence_is_highest_for_a_quotation_with_its_speaker() -> None:
    quoted = _only('"The dam held through the night and the water is going down," said Leo Park, the site engineer.')
    said = _only("The site engineer said the dam held.")
    stance = _only("The union rejected the offer.")
    voice = _only("The dam was built in 1962.")
    assert quoted.attribution_confidence >= 0.8 > said.attribution_confidence > stance.attribution_confidence
    assert voice.attribution_confidence < 0.8  # the English publisher's voice is never confident
    # Words the paper has from another outlet's report are the speaker's, but second-hand.
    relayed = _only('"When does it stop?" the judge said, according to the Post.')
    assert relayed.source is not None and relayed.source.mention == "judge"
    assert relayed.attribution_confidence < 0.8
    for c in (quoted, said, stance, voice):
        assert 0.0 <= c.attribution_confidence <= 1.0


def test_polnear_scoring_rule() -> None:
    text = 'The plan failed, Smith said. "It will return," she added. The weather was fine.'
    ann = ("T1\tSource 17 22\tSmith\nT2\tCue 23 27\tsaid\nT3\tContent 0 15\tThe plan failed\n"
           "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
           "T4\tContent 29 47\t\"It will return,\"\nT5\tSource 48 51\tshe\nT6\tCue 52 57\tadded\n"
           "E2\tAttribution:T6 Source:T5 Cue:T6 Content:T4\n")
    gold = parse_ann(ann)
    assert [(g.source, g.content) for g in gold] == [([(17, 22)], [(0, 15)]), ([(48, 51)], [(29, 47)])]
    analysis = analyze(text)
    first, second, third = analysis.claims
    assert claim_finds(first, gold[0]) and not claim_finds(first, gold[1])
    assert claim_finds(second, gold[1])
    assert not third.attributed
    score = Score()
    score_article(Article("made-up", text, gold), analysis, score)
    assert (score.precision, score.recall) == (1.0, 1.0)


def test_polnear_cache_absent_says_how_to_fill_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(polnear, "CACHE", tmp_path / "polnear")
    with pytest.raises(SystemExit) as exc:
        polnear.load_split("dev")
    assert "not found" in str(exc.value) and "--import" in str(exc.value)


def test_polnear_import_copies_train_and_dev_and_never_test(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "PolNeAR"
    for split in ("train", "dev", "test"):
        (source / "data" / split / "text").mkdir(parents=True)
        (source / "data" / split / "attributions").mkdir(parents=True)
        (source / "data" / split / "text" / f"{split}-a.txt").write_text("Smith said it rained.", encoding="utf-8")
        for annotator in ("b", "a"):  # two annotators: the first in a fixed order is kept
            (source / "data" / split / "attributions" / f"{split}-a_{annotator}.ann").write_text(
                f"T1\tSource 0 5\tSmith\n# {annotator}\n", encoding="utf-8")
    cache = tmp_path / "cache"
    monkeypatch.setattr(polnear, "CACHE", cache)
    polnear.import_polnear(source)
    assert sorted(p.name for p in cache.iterdir()) == ["dev", "train"]
    assert sorted(p.name for p in (cache / "dev").iterdir()) == ["dev-a.ann", "dev-a.txt"]
    assert "# a" in (cache / "dev" / "dev-a.ann").read_text(encoding="utf-8")
    assert [a.name for a in polnear.load_split("train")] == ["train-a"]
