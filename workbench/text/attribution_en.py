"""English attribution: who says so in an English news sentence.

English news puts the source in a few places, and this module reads each of them:

* before the reporting verb: "The ministry said…", "Smith, a spokesman for the agency, said…",
  "Officials in Geneva, who asked not to be named, said…", "He told reporters that…";
* after it, once a quotation or a clause has been given: '"…," said Smith', '…, the report said';
* at the end of the sentence, after a comma: "The congressman plans to vote for Sanders, Welch
  said" (the whole sentence is Welch's);
* after "according to", "as reported by", "As X reported,", and as the agent of a publishing verb
  ("a video shared by activists");
* documents, polls and data before a verb of finding ("A Gallup poll found…", "Records show…");
* a relative pronoun after the noun phrase it stands for ("…for Sen. Sanders, who said…").

Quotations are read as such: a reporting verb inside quoted speech ('"I said no," he recalled')
belongs to the speaker, not to the article, and is not a cue of its own. A pronoun subject
("he said") is kept as the mention, marked `kind="pronoun"`, for the analyzer to resolve to the
source it stands for; a relative pronoun keeps its antecedent in `Mention.antecedent`. Besides
cues, an English sentence may give "break" cues: where reported words end and the paper's own
clause begins (", but he has not endorsed her"), for the analyzer to cut there.

Works on one sentence at a time through the shared `SentenceView` (normalised text mapped back to
the original offsets) and returns the same `Cue`s as the Arabic side, with `Cue.pattern` naming
the structure that was read, which the confidence of the decision is computed from.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise

from workbench.text.attribution import Cue, Mention, SentenceView

# ---------------------------------------------------------------- lexicon


def _forms(lemma: str, third: str = "", past: str = "", ing: str = "", participle: str = "") -> tuple[str, ...]:
    """A verb's forms: base, third person, past, -ing (regular unless given)."""
    if not third:
        if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
            third = lemma + "es"
        elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            third = lemma[:-1] + "ies"
        else:
            third = lemma + "s"
    if not past:
        if lemma.endswith("e"):
            past = lemma + "d"
        elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            past = lemma[:-1] + "ied"
        else:
            past = lemma + "ed"
    if not ing:
        if lemma.endswith("ie"):
            ing = lemma[:-2] + "ying"
        elif lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
            ing = lemma[:-1] + "ing"
        else:
            ing = lemma + "ing"
    return tuple(dict.fromkeys(f for f in (lemma, third, past, ing, participle) if f))


# Irregular and doubling verbs: lemma -> (third, past, ing, participle).
_IRREGULAR: dict[str, tuple[str, str, str, str]] = {
    "say": ("says", "said", "saying", ""),
    "seek": ("seeks", "sought", "seeking", ""),
    "slam": ("slams", "slammed", "slamming", ""),
    "plan": ("plans", "planned", "planning", ""),
    "tell": ("tells", "told", "telling", ""),
    "write": ("writes", "wrote", "writing", "written"),
    "think": ("thinks", "thought", "thinking", ""),
    "find": ("finds", "found", "finding", ""),
    "show": ("shows", "showed", "showing", "shown"),
    "admit": ("admits", "admitted", "admitting", ""),
    "forecast": ("forecasts", "forecast", "forecasting", ""),
    "read": ("reads", "read", "reading", ""),
    "know": ("knows", "knew", "knowing", "known"),
    "feel": ("feels", "felt", "feeling", ""),
    "quip": ("quips", "quipped", "quipping", ""),
    "omit": ("omits", "omitted", "omitting", ""),
    "tweet": ("tweets", "tweeted", "tweeting", ""),
    "testify": ("testifies", "testified", "testifying", ""),
    "spell": ("spells", "spelled", "spelling", ""),
    "regret": ("regrets", "regretted", "regretting", ""),
    "put": ("puts", "put", "putting", ""),
    "speak": ("speaks", "spoke", "speaking", "spoken"),
    "forbid": ("forbids", "forbade", "forbidding", ""),
    "predict": ("predicts", "predicted", "predicting", ""),
}

# Verbs of saying: with a subject of their own they attribute the clause they govern.
SPEECH_VERBS = (
    "say tell add state claim report announce confirm deny warn note explain insist allege reveal "
    "acknowledge admit argue assert write tweet disclose declare reply respond answer recall conclude "
    "contend stress emphasize emphasise complain concede remark observe testify joke boast vow "
    "pledge promise charge counter caution lament reiterate repeat retort exclaim proclaim affirm predict "
    "forecast speculate quip scoff muse shout yell whisper assure brag posit hint imply opine theorize "
    "clarify recount accuse blame criticize criticise suggest agree estimate urge caution acknowledge "
    "grumble gush concur mention surmise conjecture"
).split()
# Verbs of thinking: the belief of their subject ("Republicans fear that…").
THINKING_VERBS = "think believe fear hope expect worry doubt suspect assume feel know reckon guess".split()
# Verbs of finding: a document, a poll or data as the source ("a poll found", "records show").
FINDING_VERBS = "find show indicate suggest reveal conclude estimate project say state report predict read".split()
# Weak verbs: attribution only with an explicit content marker after them (that, a colon, a
# quotation): "called it 'a disgrace'", "asked whether", "continued:".
WEAK_VERBS = "call ask continue describe post publish cite".split()
# Verbs of stance and intention: what an actor wants, backs or rejects ("Trump wants to build a
# wall", "the union endorsed Clinton"), attributed to that actor.
STANCE_VERBS = ("decline defend reject dismiss blast slam condemn question propose denounce rebuke "
                "want plan seek refuse praise mock decry tout hail applaud lambaste ridicule").split()
# Verbs of saying whose object is what was said ("criticized the deal", "announced his candidacy").
_OBJECT_CONTENT = frozenset("criticize criticise accuse announce call describe cite".split())

# Multi-word cues: "pointed out that", "went on to say".
_PHRASES = {
    "point out": "point out", "points out": "point out", "pointed out": "point out", "pointing out": "point out",
    "go on to say": "say", "goes on to say": "say", "went on to say": "say", "going on to say": "say",
    "make clear": "make clear", "makes clear": "make clear", "made clear": "make clear", "making clear": "make clear",
    "made it clear": "make clear", "makes it clear": "make clear", "making it clear": "make clear",
    "spell out": "spell out", "spelled out": "spell out", "put it": "put it", "puts it": "put it",
    "weigh in": "weigh in", "weighed in": "weigh in", "chimed in": "chime in",
    "call for": "call for", "calls for": "call for", "called for": "call for", "calling for": "call for",
    "call on": "call for", "calls on": "call for", "called on": "call for", "calling on": "call for",
}

_PHRASE_STARTS = frozenset(p.split()[0] for p in _PHRASES)
_VERB_LEMMA: dict[str, str] = {}
_VERB_CLASS: dict[str, str] = {}
for _cls, _lemmas in (("speech", SPEECH_VERBS), ("thinking", THINKING_VERBS), ("weak", WEAK_VERBS),
                      ("stance", STANCE_VERBS)):
    for _lemma in _lemmas:
        _irr = _IRREGULAR.get(_lemma)
        for _f in (_forms(_lemma, *_irr) if _irr else _forms(_lemma)):
            _VERB_LEMMA.setdefault(_f, _lemma)
            _VERB_CLASS.setdefault(_lemma, _cls)
_VERB_CLASS["call for"] = "stance"
for _lemma in ("point out", "make clear", "spell out", "put it", "weigh in", "chime in"):
    _VERB_CLASS[_lemma] = "speech"
_FINDING_FORMS: frozenset[str] = frozenset(
    f for lemma in FINDING_VERBS for f in (_forms(lemma, *_IRREGULAR[lemma]) if lemma in _IRREGULAR else _forms(lemma))
)
for _f in _FINDING_FORMS:
    _VERB_LEMMA.setdefault(_f, next(lemma for lemma in FINDING_VERBS if _f in (
        _forms(lemma, *_IRREGULAR[lemma]) if lemma in _IRREGULAR else _forms(lemma))))

# Verb forms that are nouns as often: they count only with content after them and no determiner
# before ("the report", "campaign promises", "a state").
_NOUN_FORMS = frozenset(
    "state states report reports claim claims note notes charge charges post posts estimate estimates tweet tweets "
    "promise promises answer answers reply replies counter counters vow vows pledge pledges joke jokes hint hints "
    "shout shouts yell yells whisper whispers muse find finds show shows call calls read project projects "
    "concern blame warning notice remark remarks comment comments boast boasts quip quips complaint "
    "protest protests repeat mention mentions forecast forecasts guess doubt doubts fear fears "
    "hope hopes report record records plan plans support attack attacks question questions demand demands "
    "offer offers praise decline push blast welcome".split()
)
_NOUN_BEFORE = frozenset(
    "the a an this that these those his her its their our my your of in on at for to by with from some any no "
    "every each another such what which whose one".split()
)
for _f in ("state", "states"):
    del _VERB_LEMMA[_f]  # "the state", "the United States": "stated" is the verb we read
ENGLISH_VERBS = sorted(_VERB_LEMMA)  # every form, for readers of the lexicon
ENGLISH_PREPOSITIONS = ("according to", "as reported by", "as told to")
ENGLISH_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])

# Head nouns that make a phrase a plausible source, with the kind they give. The last word of a
# noun phrase is its head in English ("the U.N. humanitarian office", "a senior official").
ENGLISH_HEADS: dict[str, str] = {}
for _kind, _words in {
    "unnamed": "official officials source sources spokesperson diplomat diplomats analyst analysts "
    "expert experts researcher researchers scientist scientists meteorologists investigators aide aides "
    "adviser advisers advisor advisors strategist strategists insider insiders observers critics "
    "economists economist lawmakers lawmaker legislators legislator staffer staffers people person "
    "someone officer officers employee employees member members supporters supporter opponents "
    "allies ally operative operatives pollster pollsters donor donors historian historians "
    "professor professors executive executives reporter reporters editor editors author authors founder "
    "consultant consultants organizer organizers speechwriter host man woman friend friends advocate advocates "
    "backer backers veteran veterans delegate delegates pastor businessman businesswoman candidates "
    "commenter commenters reader readers viewer viewers listener listeners blogger bloggers columnist "
    "columnists commentator commentators journalist journalists correspondent pundit pundits specialist "
    "specialists designer owner owners",
    "group": "activists activist residents witnesses witness rebels protesters doctors medics locals "
    "users workers volunteers survivors families villagers fighters voters republicans democrats "
    "conservatives liberals progressives americans citizens parents students teachers leaders",
    "organization": "ministry observatory organization organisation committee council agency army "
    "police government office department commission coalition military forces authority authorities "
    "group un campaign party administration court company firm bank union institute foundation "
    "center centre association board senate house congress embassy mission secretariat fund "
    "university school hospital team movement alliance watchdog regulator prosecutors prosecutor "
    "spokesman spokeswoman ministries organizations committees councils agencies departments commissions "
    "companies firms banks unions groups campaigns parties courts",
    "outlet": "media newspaper newspapers television tv channel station outlet outlets network paper "
    "magazine times post journal tribune herald gazette daily news broadcaster",
    "official": "minister president governor ambassador commander director secretary chief general "
    "senator congressman congresswoman representative mayor chairman chairwoman chair leader "
    "speaker candidate nominee judge attorney lawyer counsel manager ceo democrat republican "
    "ministers senators governors ambassadors directors secretaries judges attorneys lawyers mayors nominees "
    "representatives chairmen managers",
    "document": "report reports study studies poll polls survey surveys data records documents document "
    "analysis statement memo letter filing complaint lawsuit indictment figures numbers statistics "
    "research review audit investigation census estimates estimate email emails book article "
    "editorial column op-ed release findings results transcript tally count projections photos photo "
    "video videos footage images image pictures picture recording recordings ad ads advertisement website polling "
    "math "
    "platform manifesto petition resolution ruling order decision verdict opinion inquiry probe examination "
    "assessment evaluation",
}.items():
    for _w in _words.split():
        ENGLISH_HEADS[_w] = _kind
_SOCIAL = re.compile(r"\b(?:twitter|facebook|instagram|youtube|telegram|tiktok|social media)\b", re.IGNORECASE)

# ---------------------------------------------------------------- sentence reading

_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*\.?|''|``|[^\w\s]")
_DETERMINERS = frozenset("the a an these those this that such its their his her our some many several two three "
                         "four five other another both all most few each every one".split())
_CLAUSE_OPENERS = frozenset("that but and while when as because although though if since whereas so yet or "
                            "than where after before until unless".split())
_ADVERBS = frozenset(
    "also has have had was were is are previously later earlier yesterday today tonight recently separately further "
    "again then now once never often already still even publicly privately flatly simply just first quickly "
    "frequently repeatedly reportedly allegedly explicitly bluntly openly angrily confidently calmly quietly "
    "long will would could may might should must did does do not n't 've 's 'd 'll always initially "
    "didn't doesn't don't won't wouldn't hasn't haven't hadn't isn't wasn't can't cannot couldn't "
    "ultimately finally subsequently immediately widely generally largely privately, sharply strongly "
    "emphatically proudly candidly tersely jokingly falsely wrongly correctly rightly curtly "
    "however meanwhile nonetheless nevertheless instead too here himself herself themselves".split()
)
_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tonight morning afternoon "
    "evening night week month year weekend quarter summer spring fall autumn winter season january february "
    "march april june july august september october november december".split()
)
_NP_INNER = frozenset("of for at from in on with to and the a an 's".split())
_NP_STOP = frozenset(
    "who whom whose which that what when where why how if whether than as because while but or nor so "
    "is are was were be been being has have had do does did will would could should may might must can "
    "not no there here this these those it its he she they we i you me him her us them my your our their "
    "said says told tells let let's".split()
)
_OBJECT_PRONOUNS = frozenset("me him her us them it you reporters".split())
_NOT_NAMES = frozenset(
    "the a an in on at as but and or if when while after before during since so yet for with by to of from "
    "this that these those it he she they we i you there here mr mrs ms dr".split()
)
_TITLES = frozenset("mr mrs ms dr sen rep gov gen col lt sgt capt maj adm prof rev sir lord lady".split())


@dataclass(slots=True)
class _W:
    """One English token: normalised text, original text and offsets, and whether it is quoted."""

    n: str
    t: str
    s: int
    e: int
    ns: int
    quoted: bool = False


def _read_words(sv: SentenceView) -> list[_W]:
    out: list[_W] = []
    append = out.append
    text = sv.text
    norm = sv.norm
    # Most English text loses no character to normalisation: offsets then map one to one.
    direct = len(norm) == sv.end - sv.base
    base = sv.base
    for m in _TOKEN.finditer(norm):
        n = m.group()
        if direct:
            ns, ne = m.span()
            s, e = base + ns, base + ne
            if n[-1] == "." and len(n) > 1 and not _keeps_dot(n, text[s:e]):
                # A full stop glued to a word ends the sentence; keep it a token of its own.
                append(_W(n[:-1], text[s : e - 1], s, e - 1, ns))
                append(_W(".", text[e - 1 : e], e - 1, e, ne - 1))
                continue
            append(_W('"' if n in _DOUBLE_MARKS else n, text[s:e], s, e, ns))
            continue
        s, e = sv.orig(m.start(), m.end())
        if n.endswith(".") and len(n) > 1 and not _keeps_dot(n, sv.text[s:e]):
            # A full stop glued to a word ends the sentence; keep it a token of its own.
            s2, e2 = sv.orig(m.start(), m.end() - 1)
            out.append(_W(n[:-1], sv.text[s2:e2], s2, e2, m.start()))
            s3, e3 = sv.orig(m.end() - 1, m.end())
            out.append(_W(".", sv.text[s3:e3], s3, e3, m.end() - 1))
            continue
        if n in ("''", "``"):
            n = '"'
        out.append(_W(n, sv.text[s:e], s, e, m.start()))
    if '"' in norm or "''" in norm or "``" in norm:
        _mark_quotes(out)
    for w in out:
        if w.n in _ACRONYM_CLASH and w.t.isupper() and len(w.t) > 1:
            w.n = w.t  # "WHO says", "US officials": an acronym, not the pronoun
    return out


_DOUBLE_MARKS = frozenset(["''", "``"])
_ACRONYM_CLASH = frozenset(["who", "us", "it"])


def _keeps_dot(n: str, t: str = "") -> bool:
    """"U.S.", "Mr.", "Jr.", "Mass.": a dot that belongs to the word."""
    core = n[:-1].replace(".", "")
    return "." in n[:-1] or n[:-1] in _TITLES or n[:-1] in ("jr", "sr", "st", "inc", "co", "corp", "no") \
        or len(core) == 1 or (n[:-1] in _STATE_ABBREVIATIONS and t[:1].isupper()) \
        or (n[1:2] == "-" and n[:1] in "rdi" and n[2:-1] in _STATE_ABBREVIATIONS)  # "R-Fla."


# The abbreviations of US states news writes after a town ("Ava, Mo.", "Cambridge, Mass.").
_STATE_ABBREVIATIONS = frozenset(
    "ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev okla ore "
    "pa penn tenn tex va vt wash wis wisc wyo".split()
)


def _mark_quotes(words: list[_W]) -> None:
    """Mark the words inside double quotation marks (and the marks themselves)."""
    inside = False
    for w in words:
        if w.n == '"':
            w.quoted = True
            inside = not inside
            continue
        w.quoted = inside


def _kind_of(phrase: list[_W]) -> str:
    """The kind a noun phrase names, from its head noun; "" when it names nobody."""
    if not phrase:
        return ""
    text = " ".join(w.t for w in phrase)
    social = _SOCIAL.search(text)
    if social and not any(ENGLISH_HEADS.get(w.n) in ("outlet",) for w in phrase):
        return "social media"
    cut = 0 if social else next((i for i in range(1, len(phrase) - 1) if phrase[i + 1].n == "by"
                                 and phrase[i].t[:1].islower()
                                 and (phrase[i].n in _AGENT_VERBS or phrase[i].n.endswith("ed"))), 0)
    if cut:
        phrase = phrase[:cut]  # "a report released by the agency" is a report
    # A document is named with what follows its head: "a poll conducted last week", "a survey by the
    # organization", "an average of recent polls": the head is the noun before the first modifier.
    first_modifier = next((i for i in range(1, len(phrase)) if phrase[i].t[:1].islower() and (
        phrase[i].n in _NP_INNER - {"and", "the", "a", "an", "'s"} or phrase[i].n == "by" or phrase[i].n in _AGENT_VERBS
        or phrase[i].n.endswith("ed"))), 0)
    if first_modifier and not social and ENGLISH_HEADS.get(phrase[first_modifier - 1].n) == "document":
        return "document"
    for w in reversed(phrase):
        if w.n in ("of", "for", "at", "from", "in", "on", "with", "to"):
            # "spokesman for the agency": the head is before the preposition.
            continue
        k = ENGLISH_HEADS.get(w.n)
        if k:
            return k
        break
    for w in phrase:
        if w.n in _NP_INNER:
            break
        if ENGLISH_HEADS.get(w.n):
            return ENGLISH_HEADS[w.n]
    if any(w.t[:1].isupper() for w in phrase if w.n not in _NOT_NAMES):
        return "person"
    if phrase[-1].n.endswith("-year-old"):
        return "unnamed"  # "said the 46-year-old"
    return ""


# ---------------------------------------------------------------- cues


_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def english_cues(sv: SentenceView) -> list[Cue]:
    present = set(_WORD.findall(sv.norm))
    opens_in = sv.norm.lstrip()[:3] == "in " and not present.isdisjoint(_SURVEYS)
    if present.isdisjoint(_TRIGGERS) and ":" not in sv.norm and not opens_in:
        return []  # no reporting word, no "according to", no agent, no speaker's colon, no "In a poll,"
    words = _read_words(sv)
    # Whether the sentence is a headline matters only to a capitalised verb or a colon: read lazily.
    headline: bool | None = None
    found: list[Cue] = []
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        if w.quoted:
            i += 1
            continue
        if w.n in ("according", "as"):
            if w.n == "according" and i + 1 < n and words[i + 1].n == "to":
                cue = _according_to(sv, words, i)
                if cue is not None:
                    found.append(cue)
                i += 2
                continue
            if w.n == "as" and i + 2 < n and words[i + 1].n == "reported" and words[i + 2].n == "by":
                # "As reported by Western Journalism, …": the outlet's report, as "according to" gives it.
                cue = _according_to(sv, words, i + 1)
                if cue is not None:
                    cue.start = w.s
                    cue.word = sv.text[w.s : cue.end]
                    cue.lemma = "as reported by"
                    found.append(cue)
                i += 3
                continue
        if w.n in _PHRASE_STARTS:
            lemma, span = _verb_at(words, i)
        else:
            lemma, span = _VERB_LEMMA.get(w.n), 1
        if lemma is None:
            i += 1
            continue
        if headline is None and i > 0 and w.t[:1].isupper():
            headline = _is_headline(sv, words)
        cue = _verb_cue(sv, words, i, i + span, lemma, bool(headline))
        if cue is not None:
            found.append(cue)
        i += span
    found.extend(_by_agent(sv, words))
    if ":" in sv.norm:
        if headline is None:
            headline = _is_headline(sv, words)
        head = _speaker_colon(sv, words, headline)
        if head is not None:
            found.append(head)
    if opens_in and all(c.mention is not None and _SHARE.search(c.mention.text) for c in found):
        # "In a September poll, 75 percent of Republicans said…": the poll is where the figure is
        # from; those it polled speak only through it.
        cue = _in_survey(sv, words)
        if cue is not None:
            found = [cue]
    if not found:
        return found
    # A phrase opening with a preposition sets the scene ("In a statement", "In the wake of the
    # report"); it never names who speaks.
    found = [c for c in found if c.mention is None or c.mention.antecedent is not None
             or _first_word(c.mention.text) not in _NEVER_OPENS_A_SOURCE]
    found.sort(key=lambda c: c.start)
    if words and words[0].n == "asked" and any(w.n == "," for w in words):
        # "Asked if she believed…, Clinton said…": the question is not its subject's claim.
        comma = next(w.s for w in words if w.n == ",")
        found = [c for c in found if c.start > comma or (c.mention is not None and c.mention.start > comma)]
        for c in found:
            if c.start < comma:
                # "Asked about the charges, Rubio said that…": the claim is Rubio's from his name on.
                c.start = next(w.s for w in words if w.s > comma)
                c.word = sv.text[c.start : c.end]
    _keep_nested_speech_whole(sv, found)
    found = _speaker_at_the_end(sv, found)
    _participle_after_its_speaker(sv, found)
    breaks = _reported_words_end(sv, words, found)
    if breaks:
        found = sorted(found + breaks, key=lambda c: c.start)
    return found


_NEW_CLAUSE = frozenset("but while although though whereas yet".split())
_BREAK_HINT = re.compile(r";|, (?:but|while|although|though|whereas|yet) ")


def _reported_words_end(sv: SentenceView, words: list[_W], found: list[Cue]) -> list[Cue]:
    """"Sanders has said he will vote for Clinton, but he hasn't endorsed her": reported words
    given without quotation marks end where a new clause of the paper's begins (", but he…",
    "; the party…"), when nothing there says it is still reported ("and that…")."""
    out: list[Cue] = []
    if not found or _BREAK_HINT.search(sv.norm) is None:
        return out
    for c in found:
        if c.type != "verb" or c.mention is None or not c.pattern.endswith(("-that", "-clause")):
            continue
        nxt = next((d.start for d in found if d.start > c.end), sv.end)
        i = bisect_left([w.s for w in words], c.end)
        while i < len(words) and words[i].s < nxt:
            w = words[i]
            if w.quoted:
                i += 1
                continue
            opens = (w.n == ";") or (w.n == "," and i + 1 < len(words) and words[i + 1].n in _NEW_CLAUSE)
            if opens:
                k = i + 1 if w.n == ";" else i + 2
                if k < len(words) and words[k].n in _CLAUSE_STARTS and words[k].n != "that" \
                        and _finite_follows(words, k + 1, 4):
                    at = words[i + 1].s if w.n == "," else words[k].s
                    out.append(_cue(sv, at, words[k].e, "", "break", None, False, "break"))
                    break
            i += 1
    return out


def _participle_after_its_speaker(sv: SentenceView, found: list[Cue]) -> None:
    """'…, Nefzi said, adding, "…"': a participle right after "X said," speaks for X, not for the
    subject of the sentence's first clause."""
    for prev, c in pairwise(found):
        if not c.pattern.startswith("participle") or prev.type != "verb" or prev.mention is None:
            continue
        end = max(prev.end, prev.mention.end)
        if end <= c.start and sv.text[end : c.start].strip() == ",":
            c.mention = prev.mention
            c.continuation = False


_CLOSING_COMMA = re.compile(r"[,?!](?:[\"”’]|'')$")


def _speaker_at_the_end(sv: SentenceView, found: list[Cue]) -> list[Cue]:
    """"The congressman plans to vote for Sanders, Welch said.": a speaker named at the end of the
    sentence, after a comma, said all of it; a verb read earlier without "that", a colon or a
    quotation ("plans to", "promised to") is part of those words, not a source of its own."""
    if len(found) < 2:
        return found
    last = found[-1]
    if last.mention is None:
        return found
    head = min(last.start, last.mention.start)
    before = sv.text[sv.base : head].rstrip()
    if last.type == "verb" and _VERB_CLASS.get(last.lemma) == "speech" and _CLOSING_COMMA.search(before) \
            and sv.text[sv.base : sv.base + 2].lstrip()[:1] not in ('"', "“", "'") \
            and sum(before.count(q) for q in ('"', "“", "”")) + before.count("''") <= 2:
        # 'Polling shows that "the public is not comfortable," said Sylke Tempel.': a speaker after
        # the quotation closing the sentence's first part said all of it.
        return [last]
    if not before.endswith(","):
        return found
    if last.type == "prep" and last.pattern == "according" \
            and not sv.text[last.mention.end : sv.end].strip(" .\"”'’"):
        # "Trump wants a wall, according to officials": the intention is theirs to report; a
        # speaker before ("X said…, according to the Post") stays the source.
        return [c for c in found[:-1] if _VERB_CLASS.get(c.lemma) == "speech" or c.type != "verb"] + [last]
    if last.type != "verb" or _VERB_CLASS.get(last.lemma) != "speech" or not last.pattern.endswith(("-end", "inverted")):
        return found
    return [c for c in found[:-1] if c.pattern.endswith(("-that", "-quote", "-colon"))] + [last]


_CLAUSE_BREAK = re.compile(r"[;—–]|,(?:[\"”’]|'')?\s+(?:and|but|while|whereas|although|though|yet)\b|\bwhile\b|\bbut\b",
                           re.IGNORECASE)


_NEVER_OPENS_A_SOURCE = frozenset(
    "in on at during after before with for from by since under despite through among including without amid "
    "following into it's it’s".split()
)


def _first_word(text: str) -> str:
    head = text.split(maxsplit=1)
    return head[0].lower() if head else ""


_SUBORDINATE_OPENERS = frozenset("when after as while although though because if since before once asked until "
                                  "whereas unless".split())


def _keep_nested_speech_whole(sv: SentenceView, found: list[Cue]) -> None:
    """"The official said Trump told him that…": a speaker inside another's reported words opens
    no claim of its own; only a new clause ("…, but Smith said…") does."""
    if len(found) < 2:
        return
    open_at = -1  # where the reported words of the last full cue begin
    aside_end = -1  # where a parenthetical "…, she said," ends
    # "When the moderator pointed out that…, the candidate said…": a subordinate clause at the head
    # of the sentence ends at its comma, and the main clause's speaker is no one's reported words.
    head = sv.text[sv.base : sv.end].lstrip(" \"“'")
    first = head.split(maxsplit=1)[0].lower() if head else ""
    sub_end = -1
    if first in _SUBORDINATE_OPENERS or (first.endswith("ing") and first[:1].isalpha() and head[:1].isupper()):
        comma = sv.text.find(",", sv.base, sv.end)
        sub_end = comma if comma >= 0 else -1
    for c in found:
        if c.full and c.mention is not None and aside_end >= 0 and not sv.text[aside_end : c.start].strip(" ,") \
                and c.pattern.startswith(("subject", "common", "pronoun")):
            c.full = False  # "Instead, she said, her boss told her…": his words are inside hers
        if c.type == "verb" and c.pattern.endswith("-comma"):
            aside_end = c.end
        if c.full and c.mention is not None and open_at >= 0 and c.start > open_at \
                and not c.pattern.startswith("coordinated") \
                and not _CLAUSE_BREAK.search(sv.text, open_at, max(c.start, c.mention.start)) \
                and not (open_at < sub_end < c.start):
            c.full = False
        if c.full and c.type == "verb":
            open_at = c.end


# Labels that stand before a colon at the head of a line without being anyone's words.
_COLON_LABELS = frozenset(
    "editor editor's note update updated related watch photo photos video source sources correction exclusive "
    "breaking read more see also listen caption credit warning disclaimer advertisement sponsored live "
    "analysis opinion commentary transcript excerpt excerpts full text and or but the".split()
)


_NOT_SPACE = re.compile(r"\S")


def _is_headline(sv: SentenceView, words: list[_W]) -> bool:
    """The article's first sentence (its title), or a sentence in Title Case: capitals there do
    not make a verb a name ("Bellwether County Says Trump Should Win"), and a headline's speaker
    before a colon need not quote ("Newspaper: Defense secretary used personal email")."""
    if _NOT_SPACE.search(sv.text, 0, sv.base) is None:
        return True
    alpha = [w for w in words if w.n.isalpha() and len(w.n) > 3]
    return len(alpha) >= 4 and sum(w.t[:1].isupper() for w in alpha) >= 0.8 * len(alpha)


def _speaker_colon(sv: SentenceView, words: list[_W], headline: bool = False) -> Cue | None:
    """"Graham: Trump's rhetoric is destroying the party", "SMITH: We will…", "Poll: Clinton leads":
    headlines and transcripts give the speaker, a colon, then the words."""
    start = 0
    for k in range(min(len(words), 4)):
        if words[k].n in ("-", "–", "—"):
            start = k + 1
    colon = next((k for k in range(start, min(len(words), start + 7)) if words[k].n == ":"), -1)
    if colon <= start or len(words) - colon < 4:
        return None
    phrase = words[start:colon]
    if words[start].quoted or any(not w.n[:1].isalnum() and w.n not in ("(", ")", "-", "'", ".", "&") for w in phrase):
        return None
    if phrase[0].n in _COLON_LABELS or phrase[-1].n in _COLON_LABELS or phrase[0].n in ENGLISH_PRONOUNS:
        return None
    named = [w for w in phrase if w.n[:1].isalnum()]
    if not named or not all(w.t[:1].isupper() or w.n in ("of", "for", "the", "and", "de", "van", "von") for w in named):
        kind = ENGLISH_HEADS.get(named[-1].n, "") if named else ""
        if kind != "document":
            return None
    if any(w.n[:1].isdigit() for w in named):
        return None  # "8:30", "2016: the year…"
    rest = words[colon + 1 :]
    if not headline and not (rest and rest[0].n == '"') and not any(w.n == "'" for w in rest):
        return None  # a label or a transcript turn; the speaker's own words are quoted
    kind = _kind_of(named) or "person"
    return _cue(sv, phrase[0].s, words[colon].e, "colon", "prep", _mention(sv, named, kind), False, "speaker-colon")


def _verb_at(words: list[_W], i: int) -> tuple[str | None, int]:
    if words[i].n not in _PHRASE_STARTS:
        return _VERB_LEMMA.get(words[i].n), 1
    for size in (4, 3, 2):
        if i + size <= len(words):
            phrase = " ".join(w.n for w in words[i : i + size])
            if phrase in _PHRASES:
                return _PHRASES[phrase], size
    lemma = _VERB_LEMMA.get(words[i].n)
    return lemma, 1


def _cue(sv: SentenceView, s: int, e: int, lemma: str, type_: str, mention: Mention | None, full: bool,
         pattern: str, continuation: bool = False) -> Cue:
    return Cue(s, e, sv.text[s:e], lemma, type_, mention, full=full, continuation=continuation, pattern=pattern)


def _mention(sv: SentenceView, phrase: list[_W], kind: str) -> Mention:
    s, e = phrase[0].s, phrase[-1].e
    return Mention(s, e, sv.text[s:e], kind)


def _according_to(sv: SentenceView, words: list[_W], i: int) -> Cue | None:
    phrase = _np_forward(words, i + 2)
    if not phrase:
        return None
    kind = _kind_of(phrase) or "unnamed"
    s, e = words[i].s, words[i + 1].e
    return _cue(sv, s, e, "according to", "prep", _mention(sv, phrase, kind), False, "according")


# A share of those polled: "75 percent of Republicans", "six in 10 voters", "a majority of Democrats".
_SHARE = re.compile(r"\b(?:percent|per cent|in 10|in ten|majority|majorities|half|third|quarter|%)",
                    re.IGNORECASE)
# Documents that hold findings: "In the latest CBS poll, Trump leads…" is the poll's finding.
_SURVEYS = frozenset("poll polls survey surveys study studies census".split())


def _in_survey(sv: SentenceView, words: list[_W]) -> Cue | None:
    """"In a new Fox News poll released Thursday, Trump reached 45 percent": a poll, a survey or a
    study set off at the head of a sentence that has no other source is where its figures come
    from (a statement or an interview there is only the channel of a speaker named after it)."""
    first = 1
    while first < len(words) and (words[first].n in ("a", "an", "the") or words[first].n in _TIME_WORDS):
        first += 1  # "In a September poll"
    phrase = _np_forward(words, first)
    while len(phrase) > 1 and (phrase[-1].n in ("last", "this", "next") or (
            phrase[-1].t[:1].islower() and phrase[-1].n.endswith("ed"))):
        phrase = phrase[:-1]  # "a poll released", "a poll last (month)": the poll
    if not phrase or _kind_of(phrase) != "document" or not any(w.n in _SURVEYS for w in phrase):
        return None
    k = words.index(phrase[-1], first) + 1
    while k < len(words) and words[k].n != "," and k - len(phrase) < 7 and (
            words[k].n in _TIME_WORDS or words[k].n.endswith("ed") or words[k].n in ("by", "of", "last", "this")
            or words[k].t[:1].isupper()):
        k += 1  # "released Thursday", "conducted by Gallup", "of likely voters"
    if k >= len(words) or words[k].n != ",":
        return None
    return _cue(sv, words[0].s, words[0].e, "in", "prep", _mention(sv, phrase, "document"), False, "in-survey")


def _content_after(words: list[_W], j: int, lemma: str) -> tuple[bool, str]:
    """What follows a reporting verb: ("that"|"quote"|"colon"|"clause"|"object"|"end"|"")."""
    n = len(words)
    # Skip an addressee or a setting: "told reporters", "said in a statement", "said Tuesday".
    if lemma in ("tell", "ask") and j < n and not words[j].quoted:
        k = j
        while k < n and k - j < 6 and words[k].n not in ("that", ":", ",", '"', ".", "whether", "if", "why", "how",
                                                         "what", "when", "who", "to") and not words[k].quoted:
            if words[j - 1].n in ("told", "tells") and k > j and words[k].n in _CLAUSE_STARTS \
                    and words[k - 1].n not in _PREPOSITIONS and words[k - 1].n not in _SETTING_PREPOSITIONS \
                    and _finite_follows(words, k + 1):
                # "told host Sean Hannity a Clinton loss is likely", "told reporters he would run":
                # the addressee, then a clause with its own subject and verb.
                return True, "clause"
            k += 1
        if lemma == "ask" and k > j and k + 1 < n and words[k].n == "to" and words[k + 1].t[:1].islower() \
                and words[k + 1].n not in _DETERMINERS:
            return True, "request"  # "asked a federal judge to block the rules"
        j = k
    k = j
    steps = 0
    while k < n and steps < 8:
        t = words[k].n
        if t in _TIME_WORDS or t in ("last", "this", "late", "early", "earlier", "later", "also", "then", "again") \
                or (t.endswith("ly") and t.isalpha() and len(t) > 4 and t not in ("only", "early", "likely")):
            k += 1
            steps += 1
            continue
        break
    if k < n and words[k].n in _SETTING_PREPOSITIONS:
        # "said in its daily update that", "told CNN in an interview,": a setting before the content.
        m = k + 1
        while m < n and m - k < 9 and words[m].n not in ("that", ":", ",", '"', ".", ";", "?", "!") \
                and not words[m].quoted:
            m += 1
        if m < n and words[m].n in ("that", ":", ",", '"', ".", ";", "?", "!"):
            k = m
    if k >= n or words[k].n in (".", "?", "!", ";"):
        return False, "end"
    t = words[k].n
    if t == "that" and not (k + 1 < n and (words[k + 1].n in _TIME_WORDS or words[k + 1].n in ("day", "time"))):
        return True, "that"
    if t == ":":
        return True, "colon"
    if t == '"':
        return True, "quote"
    if t == ",":
        if k + 1 < n and words[k + 1].n == '"':
            return True, "quote"
        return False, "comma"
    if t in ("whether", "if", "why", "how", "what", "when", "who"):
        return True, "wh"
    if k == j and (t in _GAP_VERBS or (t in _VERB_LEMMA and t.endswith("ed"))):
        # "a photo that they said showed…", "the plan he says would cost…": the verb's content
        # has its subject before it; the reporting verb is inside a relative clause.
        return False, "gap"
    if t in ("it", "you") and _finite_follows(words, k + 1, 2):
        return True, "clause"  # "said it was still operating at a loss"
    if t in ("of", "about", "for", "to", "against", "on", "with", "by", "as") or t in _OBJECT_PRONOUNS:
        return False, "object"
    # A bare clause: "said the talks had failed", "says he will run".
    return True, "clause"


# Words that open the subject of a clause after an addressee ("told reporters the plan…").
_CLAUSE_STARTS = frozenset("a an the this these those his her their its our my he she they it we i there "
                           "no some many most every each all".split())


def _finite_follows(words: list[_W], i: int, within: int = 6) -> bool:
    """Does a finite verb come within a few words after token i ("a Clinton loss is…", "he
    would run", "the plan failed"), before any punctuation?"""
    for k in range(i, min(len(words), i + within)):
        w = words[k]
        if not w.n[:1].isalnum():
            return False
        if w.n in _GAP_VERBS or w.n in _AUXILIARIES or w.n in ("won't", "can't", "isn't", "wasn't", "doesn't",
                                                               "didn't", "'s", "'re", "'ll", "'d"):
            return True
        if k > i and w.t[:1].islower() and w.n.endswith("ed") and words[k - 1].n not in _DETERMINERS:
            return True
    return False


def _verb_cue(sv: SentenceView, words: list[_W], v: int, after: int, lemma: str, headline: bool = False) -> Cue | None:
    cls = _VERB_CLASS.get(lemma, "finding")
    verb = words[v]
    full, content = _content_after(words, after, lemma)
    if verb.t[:1].isupper() and v > 0 and after - v == 1 and not headline:
        return None  # "Islamic State", "the Washington Post": a name, not a verb
    if verb.n == "told" and v > 0 and words[v - 1].n == "all":
        return None  # "All told, …": in all
    if v > 0 and words[v - 1].n == "to" and not verb.n.endswith("ing"):
        return None  # "Continuing to explain his view, Carson…": an infinitive has no subject of its own
    to_verb = after + 1 < len(words) and words[after].n == "to" and words[after + 1].t[:1].islower()
    if verb.n in _NOUN_FORMS and v > 0 and words[v - 1].n.endswith(("'s", "s'")):
        return None  # "Editor's note:", "Trump's claim": a possessive makes it a noun
    # A verb right after a name, a pronoun or a head noun ("Polls show", "He claims"); a capital at
    # the head of the sentence says nothing.
    after_name = v > 0 and ((v > 1 and words[v - 1].t[:1].isupper()) or words[v - 1].n in ENGLISH_PRONOUNS
                            or words[v - 1].n in ENGLISH_HEADS) \
        and words[v - 1].n not in _NOUN_BEFORE and not words[v - 1].quoted
    inverted_slot = v > 0 and (words[v - 1].quoted or words[v - 1].n == ",")
    if verb.n in _NOUN_FORMS and not (v > 0 and words[v - 1].n in _AUXILIARIES) and not to_verb and not after_name and not inverted_slot and (
            content not in ("that", "colon", "quote", "wh", "end") or (v > 0 and words[v - 1].n in _NOUN_BEFORE)):
        return None  # "the report", "a state", "campaign promises": a noun
    progressive = v > 0 and words[v - 1].n in ("is", "are", "was", "were") and verb.n.endswith("ing")
    if verb.n.endswith("ing") and lemma not in ("find",) and not progressive:
        return _participle_cue(sv, words, v, after, lemma, full, content)
    # Before the verb: auxiliaries and adverbs, a setting ("on Tuesday", "in a statement"), then
    # the subject, which stands at the head of its clause.
    j = v - 1
    while j >= 0 and (words[j].n in _ADVERBS or _is_ly_adverb(words[j])) and not words[j].quoted:
        if words[j].n in _NEGATIONS or (words[j].n in _PASSIVE_BE and not progressive):
            return None  # "did not respond", "is expected to": no one says anything here
        j -= 1
    j = _skip_setting_back(words, j)
    if j >= 1 and words[j].n in _RELATIVES | {"that"} and not words[j].quoted:
        # "…for Mr. Sanders, who said he would stay", "a poll, which found that…".
        return _relative_cue(sv, words, j, v, after, lemma, cls, content)
    subject = _np_backward(words, j) if j >= 0 and not words[j].quoted else []
    if not subject and j >= 2 and words[j].n == '"' and words[j - 1].n == "," and words[j - 1].quoted \
            and _embedded_quote_start(words, j - 1) >= 0:
        subject = _before_apposition(words, j - 1)  # 'Humphrey, who calls Trump a "sociopath," said'
        if subject:
            quote_before = False
    quote_before = bool(subject) and _quote_before(words, subject)
    if not subject and j >= 0 and words[j].n in ("and", "but") and not words[j].quoted and cls == "speech":
        # "He called the actions lawful, and said there was no attempt…": the clause's subject.
        k = j - 1 if j >= 1 and words[j - 1].n == "," else j
        subject = _clause_subject(words, k)
        if subject and content in ("that", "colon", "quote", "clause", "wh"):
            kind = "pronoun" if len(subject) == 1 and subject[0].n in ENGLISH_PRONOUNS else _kind_of(subject)
            if kind and kind != "document":
                # The claim starts at the conjunction: "…Khan's election | and said he would…".
                return _cue(sv, words[j].s, words[after - 1].e, lemma, "verb", _mention(sv, subject, kind), full,
                            f"coordinated-{content}")
        return None
    if not subject and j >= 1 and content in ("comma", "end", "quote", "colon") and cls in ("speech", "finding"):
        as_cue = _as_source(sv, words, j, v, after, lemma)
        if as_cue is not None:
            return as_cue
    if not subject:
        prev = words[j].n if j >= 0 else ""
        if j < 0 or prev in (",", '"', ":", ";", "—", "–", "-", "(") or words[j].quoted:
            # The source comes after the verb ('"…," said Smith' / '…, says the report').
            return _inverted_cue(sv, words, v, after, lemma, cls, j, full)
        return None
    if content == "gap":
        return None
    if content in ("that", "colon", "quote", "wh", "request"):
        pass
    elif content in ("end", "comma") and (quote_before or cls in ("speech", "finding")):
        pass  # '"…," Smith continued.' / 'the economy is weak, the report said.'
    elif quote_before and content in ("object", "clause") and cls in ("speech", "weak"):
        pass  # '"…," Sanders wrote to his colleagues.', '"…," she said by telephone.', '"…," Hasen wrote last
        # week after the court's ruling.': the quotation is what was said; the rest is setting
    elif content in ("clause", "object", "comma") and lemma in _BARE_CONTENT:
        pass  # "Smith said the talks failed", "the poll shows Clinton ahead"
    elif content == "clause" and lemma in ("report", "reveal", "announce", "write", "note") and (
            _kind_of(subject) in ("outlet", "news agency", "document")
            or (words[after].n in _CLAUSE_STARTS and words[after].n not in ("a", "an", "this", "these", "those")
                and _finite_follows(words, after + 1, 5))):
        pass  # "The Washington Post reports Clinton's last press conference was…", "Reuters reported
        # the deal was signed": a clause with its own subject and verb
    elif (cls == "stance" or lemma in _OBJECT_CONTENT) and content in ("clause", "object"):
        pass  # "rejected the plan", "called for a recount"
    elif cls == "weak" and content in ("clause", "object") and _quote_follows(words, after):
        pass  # 'called him "a loser"', 'described the meeting as a "positive step"'
    elif cls == "weak" or (lemma not in _BARE_CONTENT and content != "end"):
        return None
    first = subject[0]
    if len(subject) == 1 and first.n in ENGLISH_PRONOUNS:
        if first.n == "it" and cls not in ("finding", "speech"):
            return None
        if cls == "thinking" and (first.n in ("i", "we", "it") or not (
                content == "that" or (content == "clause" and _finite_follows(words, after, 5)))):
            return None  # "I think", "he believes in…": a belief is a source's claim only with its clause
        kind = "pronoun"
        pattern = "pronoun"
    else:
        pattern = ""
        kind = _kind_of(subject)
        if not kind and cls == "speech" and _is_common_np(subject):
            # Whoever says something is a source: "the lawyers said", "respondents said".
            kind = "group" if subject[-1].n.endswith("s") else "unnamed"
            pattern = "common"
        if not kind:
            return None
        if cls == "finding" and kind not in ("document", "social media") and not (
                content == "that" and lemma in ("find", "conclude")):
            return None  # "the authors found that…" is their finding; "Romney found it hard" is not
        if cls == "thinking" and kind == "document":
            return None
        pattern = "common" if pattern == "common" else "subject"
    mention = _mention(sv, subject, kind)
    if quote_before:
        full = False  # '"…," Smith said, "…"': the quotation before is its content; no new claim starts
    return _cue(sv, _clause_head(words, subject[0]), words[after - 1].e, lemma, "verb", mention, full,
                f"{pattern}-{content}" if content else pattern)


# Verbs whose content may follow without "that", a colon or a quotation ("said the talks failed",
# "believes it will pass", "a poll shows Clinton ahead"); other verbs take a plain object too often
# ("wrote a book", "announced a plan", "responded to criticism") to count without a marker.
_BARE_CONTENT = frozenset(
    "say tell argue insist claim suggest warn admit acknowledge note predict accuse promise hope "
    "believe think fear concede contend assert allege estimate show find indicate conclude "
    "point out make clear vow pledge urge blame complain explain recall stress emphasize emphasise "
    "speculate assure theorize posit concur forecast deny confirm reveal disclose".split()
)
_SETTING_PREPOSITIONS = frozenset("in on at during via through from after before while with".split())
_GAP_VERBS = frozenset("is are was were would will could can should might may must has had have showed shows "
                       "did does do were caused led made".split())
_AUXILIARIES = frozenset("has have had will would could should may might must also".split())
_NEGATIONS = frozenset("not n't never didn't doesn't don't won't wouldn't hasn't haven't hadn't isn't wasn't "
                       "can't cannot couldn't".split())
_PASSIVE_BE = frozenset("is are was were be been being".split())


def _relative_cue(sv: SentenceView, words: list[_W], j: int, v: int, after: int, lemma: str, cls: str,
                  content: str) -> Cue | None:
    """"…, who said he would stay", "the report, which found that…", "a poll that shows…": the
    relative pronoun is the mention (PolNeAR and the pronoun rule of the analyzer alike), standing
    for the noun phrase before it; the claim starts at the pronoun."""
    if content not in ("that", "clause", "quote", "colon", "wh") or cls not in ("speech", "finding", "thinking"):
        return None
    if cls == "speech" and content == "clause" and lemma not in _BARE_CONTENT:
        return None
    rel = words[j]
    k = j - 1
    comma = words[k].n == ","
    if comma:
        k -= 1
    antecedent = _antecedent(words, k)
    if not antecedent:
        return None
    first = words.index(antecedent[0], max(0, k - 12))
    while first > 0 and words[first - 1].n in _DETERMINERS:
        first -= 1
    if first >= 2 and words[first - 1].n == "and" and antecedent[0].t[:1].isupper():
        # "Jeb Bush and Chris Christie, who say…": both names stand for the pronoun.
        more = _antecedent(words, first - 2)
        if more and more[0].t[:1].isupper():
            antecedent = words[words.index(more[0], max(0, first - 10)) : k + 1]
            first = words.index(antecedent[0], max(0, first - 10))
    if first >= 1 and (words[first - 1].n in ("particularly", "especially", "notably", "including")
                       or _is_ly_adverb(words[first - 1])):
        first -= 1  # "…his rivals, particularly Chris Christie, who…"
    before = words[first - 1] if first > 0 else None
    if before is None or not (before.n in _OBJECT_SLOT or _looks_verbal(before)
                              or (before.n.endswith(("ed", "ing")) and before.t[:1].islower())):
        # "Mr. Trump, who said…, issued a statement", "A new poll, which found…, was released":
        # a relative clause inside the subject; the sentence goes on to say what the paper says.
        # Only after a verb or a preposition does it run to the end of the sentence.
        return None
    kind = _kind_of(antecedent)
    if rel.n == "who" and kind not in ("person", "official", "unnamed", "group", "organization"):
        return None
    if rel.n in ("which", "that") and (kind not in ("document", "organization", "outlet", "news agency")
                                        or (cls == "speech" and kind == "document")):
        return None
    if rel.n == "that" and comma:
        return None
    ante = _mention(sv, antecedent, kind)
    mention = Mention(rel.s, rel.e, rel.t, kind, antecedent=ante)
    return _cue(sv, rel.s, words[after - 1].e, lemma, "verb", mention, True, f"relative-{content}")


# Words after which a noun phrase is an object, not the subject of the sentence.
_OBJECT_SLOT = frozenset("for to with by of against from about on at like as including among between toward "
                         "towards behind beside into onto over under than".split())


def _antecedent(words: list[_W], k: int) -> list[_W]:
    """The noun phrase a relative pronoun stands for, ending at token k: a name with its title
    ("Sen. Bernie Sanders"), or a head noun with the nouns and names before it ("Trump
    campaign officials", "a Quinnipiac poll")."""
    if k < 0 or words[k].quoted or not words[k].n[:1].isalpha():
        return []
    head = words[k]
    if not (head.t[:1].isupper() or head.n in ENGLISH_HEADS) or head.n in _NOT_NAMES or head.n in ENGLISH_PRONOUNS:
        return []
    m = k
    while m - 1 >= 0 and k - m < 6:
        w = words[m - 1]
        if w.quoted or not w.n[:1].isalnum():
            break
        if w.t[:1].isupper() and w.n not in _NOT_NAMES:
            m -= 1
        elif w.n in ENGLISH_HEADS and w.t[:1].islower() and not head.t[:1].isupper():
            m -= 1  # "campaign officials"
        elif w.n in ("of", "for") and m - 2 >= 0 and words[m - 2].n in ENGLISH_HEADS:
            m -= 2  # "director of communications"
        else:
            break
    return words[m : k + 1]


def _as_source(sv: SentenceView, words: list[_W], j: int, v: int, after: int, lemma: str) -> Cue | None:
    """"As The Daily Caller reported, …", "…, as Smith said.": the source of the clause it sets off."""
    k = j
    while k >= 0 and j - k < 9 and words[k].n != "as" and words[k].n not in _BOUNDARY_PUNCT and not words[k].quoted:
        k -= 1
    if k < 0 or words[k].n != "as" or k == j or (k > 0 and words[k - 1].n in ("such", "so", "just", "same")):
        return None
    phrase = words[k + 1 : j + 1]
    while len(phrase) > 1 and phrase[0].n in ("the", "a", "an"):
        phrase = phrase[1:]
    if any(w.n in _NP_STOP and not (len(phrase) == 1 and w.n in ENGLISH_PRONOUNS) for w in phrase) or any(
            _looks_verbal(w) for w in phrase):
        return None
    kind = "pronoun" if len(phrase) == 1 and phrase[0].n in ENGLISH_PRONOUNS else _kind_of(phrase)
    if not kind:
        return None
    return _cue(sv, words[k].s, words[after - 1].e, lemma, "verb", _mention(sv, phrase, kind), False, "as-comma")


def _is_ly_adverb(w: _W) -> bool:
    """"memorably", "flatly": a manner adverb between a subject and its verb."""
    return w.n.endswith("ly") and w.n.isalpha() and len(w.n) > 4 and w.t[:1].islower() and w.n not in (
        "only", "early", "likely", "family", "ally", "rally", "july", "italy", "assembly", "supply", "reply",
        "daily", "weekly", "monthly", "quarterly", "yearly", "bully", "anomaly", "monopoly", "fly")


_SUBORDINATORS = frozenset("where while although though whereas but".split())


def _clause_head(words: list[_W], first: _W) -> int:
    """Where the clause of a subject begins: its determiner ("the ministry"), or the sentence's
    start when only a setting precedes it ("In a statement, the ministry…", "On Monday, Smith…"),
    so that no claim is cut off that holds nothing but the setting."""
    i = words.index(first)
    if i > 0 and words[i - 1].n in ("the", "a", "an"):
        i -= 1
    if i > 0 and words[i - 1].n in _SUBORDINATORS:
        return words[i - 1].s  # "…, where Harry Reid told reporters…": the clause starts at its conjunction
    if i > 1 and words[i - 1].n == ",":
        # "…, the director of the FBI, James B. Comey, said": the name's title opens the clause.
        k = i - 2
        while k >= 0 and words[k].n not in (",", ";", ":", '"') and not words[k].quoted:
            k -= 1
        title = words[k + 1 : i - 1]
        cut = next((m for m, w in enumerate(title) if m > 0 and w.n in ("of", "for", "at")), len(title))
        if 0 < cut <= 5 and ENGLISH_HEADS.get(title[cut - 1].n) in ("official", "unnamed") \
                and title[cut - 1].t[:1].islower() and not any(_looks_verbal(w) for w in title):
            i = k + 1
    if 0 < i <= 9 and words[i - 1].n == "," and all(
            not _looks_verbal(w) and not w.quoted and w.n not in (";", ":") for w in words[: i - 1]) \
            and (all(w.n != "," for w in words[: i - 1]) or _settings_only(words[: i - 1])):
        return words[0].s
    return words[i].s


_SETTING_OPENERS = _SETTING_PREPOSITIONS | frozenset(
    "however meanwhile still also instead later earlier then but and so yet last this".split())


def _settings_only(stretch: list[_W]) -> bool:
    """Is every comma-separated part of a sentence's opening a setting ("On Monday", "On
    Wednesday, however,", "In a statement")? Then no claim is cut off that holds only that."""
    part: list[_W] = []
    for w in [*stretch, None]:
        if w is None or w.n == ",":
            if part and not (part[0].n in _SETTING_OPENERS or all(x.n in _TIME_WORDS for x in part)):
                return False
            if w is not None and not part:
                return False
            part = []
        else:
            part.append(w)
    return True


def _quote_follows(words: list[_W], i: int, within: int = 10) -> bool:
    """Does a quotation open within a few words after token i (before the clause ends)?"""
    for k in range(i, min(len(words), i + within)):
        if words[k].n == '"':
            return True
        if words[k].n in (".", ";", "?", "!"):
            return False
    return False


def _quote_before(words: list[_W], subject: list[_W]) -> bool:
    """Does a quotation end right before the subject ('"…," Smith said')?"""
    i = words.index(subject[0]) - 1
    if i >= 0 and words[i].n == ",":
        i -= 1
    return i >= 0 and words[i].quoted


def _skip_setting_back(words: list[_W], j: int) -> int:
    """Step back over "on Tuesday", "in a statement", "Tuesday night" between subject and verb."""
    k = j
    while k >= 0 and (words[k].n in _TIME_WORDS or words[k].n in ("night", "morning", "last", "late", "early")):
        k -= 1
    if k < j and k >= 0 and words[k].n in ("on", "in", "late", "early", "last"):
        k -= 1
    if k >= 1 and words[k].n in ("statement", "interview", "email", "speech", "tweet", "letter", "post", "release"):
        m = k - 1
        while m >= 0 and m > k - 4 and words[m].n not in ("in", "on", "via", "through"):
            m -= 1
        if m >= 0 and words[m].n in ("in", "on", "via", "through"):
            return m - 1
    return k


def _said_then_quote(words: list[_W], v: int, after: int) -> bool:
    """'Said Comey, "The thought…"': a verb of saying in the past, a name, a comma, a quotation."""
    if v != 0 or words[v].n not in ("said", "added", "wrote", "says", "adds", "writes"):
        return False
    k = after
    while k < len(words) and k - after < 6 and words[k].t[:1].isupper() and not words[k].quoted:
        k += 1
    return k > after and k + 1 < len(words) and words[k].n == "," and words[k + 1].n == '"'


def _inverted_cue(sv: SentenceView, words: list[_W], v: int, after: int, lemma: str, cls: str, j: int,
                  full: bool) -> Cue | None:
    """'"…," said Smith' and '…, the report said': a source after the verb, content before it."""
    n = len(words)
    verb = words[v]
    if after < n and words[after].n in _OBJECT_PRONOUNS and lemma != "tell":
        return None
    if verb.n.endswith("ing"):
        return None
    quote_before = j >= 0 and (words[j].quoted or (words[j].n == "," and j > 0 and words[j - 1].quoted))
    if j < 0 and not quote_before and not _said_then_quote(words, v, after):
        # A sentence that opens with the verb is a question or an order, not an attribution
        # ('Said Comey, "…"' is news style: the name, a comma and the quotation).
        return None
    if lemma == "tell" or (after < n and words[after].n in ("of", "in", "on", "at", "for", "to", "by", "with", "from",
                                                            "what", "which", "whose", "that", "this", "these",
                                                            "those", "it")):
        return None
    phrase = _np_forward(words, after)
    if not phrase:
        return None
    k = words.index(phrase[-1], after) + 1
    if k < n and not (words[k].n in (",", ".", ";", ":", "—", "–", "-", "(", "?", "!", '"', "who", "in", "on", "at",
                                     "to", "from", "during", "after", "before", "and", "but", "of", "for", "with")
                      or words[k].n in _TIME_WORDS
                      or (quote_before and words[k].t[:1].islower() and (
                          words[k].n.endswith(("ing", "ed")) or words[k].n in ("known", "whose", "whom", "by")))):
        # ('"…," said the base chief known as Bob', '"…," said a voter wearing a Trump hat')
        return None  # "…, said the group had failed": a content clause, not a speaker after the verb
    kind = "pronoun" if len(phrase) == 1 and phrase[0].n in ENGLISH_PRONOUNS else _kind_of(phrase)
    if not kind and quote_before and cls == "speech" and _is_common_np(phrase) and phrase[0].t[:1].islower():
        kind = "unnamed"  # '"…," said the designer': whoever says the quoted words is their source
    if not kind:
        return None
    if cls == "finding" and kind not in ("document", "pronoun"):
        return None
    mention = _mention(sv, phrase, kind)
    pattern = "inverted-quote" if quote_before else "inverted"
    return _cue(sv, verb.s, verb.e, lemma, "verb", mention, False, pattern)


def _participle_cue(sv: SentenceView, words: list[_W], v: int, after: int, lemma: str, full: bool,
                    content: str) -> Cue | None:
    """"…, saying that…", "…, adding: …": the clause's own subject speaks again."""
    cls = _VERB_CLASS.get(lemma, "finding")
    if lemma in _OBJECT_CONTENT and content in ("object", "clause"):
        full = True  # "…, calling the plan a disaster", "…, citing a poll"
    if (cls != "speech" and lemma not in _OBJECT_CONTENT) or not full:
        return None
    j = v - 1
    # "Trump replied by saying he was ready": the subject's words; the claim starts at "by".
    by = j >= 1 and words[j].n == "by" and words[j - 1].n[:1].isalpha() and lemma in _CORE_LEMMAS \
        and content in ("that", "quote", "colon", "clause")
    while j >= 0 and words[j].n in ("also", "while", "before", "after", "and", "by", "in", "then"):
        j -= 1
    verb = words[v]
    if by:
        j = v - 1
    if j < 0 and content in ("that", "quote", "colon"):
        # "Declaring that he alone can fix it, the candidate offered…": the subject follows the clause.
        k = after
        while k < len(words) and words[k].n != "," and k - after < 30:
            k += 1
        subject = _np_forward(words, k + 1) if k < len(words) else []
        kind = _kind_of(subject) if subject else ""
        if subject and kind and kind != "document":
            nxt = words.index(subject[-1], k) + 1
            if nxt < len(words) and words[nxt].n[:1].isalpha():
                return _cue(sv, verb.s, words[after - 1].e, lemma, "verb", _mention(sv, subject, kind), False,
                            f"participle-{content}")
        return None
    if j >= 1 and words[j].n == '"' and words[j - 1].n == ",":
        j -= 1  # '…did not want to address "that person," telling Fox 35 that…'
    if j < 0 or not (words[j].n in (",", "—", "–") or by):
        return None
    subject = _clause_subject(words, j)
    if not subject:
        # No subject found for it: carrying the last speaker on was right once in twenty times on
        # PolNeAR (the clause's own subject, unread, is the speaker); a speaker right before it is
        # read by `_participle_after_its_speaker`.
        return _cue(sv, verb.s, words[after - 1].e, lemma, "verb", None, False, f"participle-{content}")
    kind = "pronoun" if len(subject) == 1 and subject[0].n in ENGLISH_PRONOUNS else _kind_of(subject)
    if not kind and _is_common_np(subject) and subject[0].t[:1].islower():
        kind = "group" if subject[-1].n.endswith("s") else "unnamed"  # "the retired neurosurgeon…, saying"
    if not kind or kind == "document":
        return None
    # "…," Smith said, adding that…": the participle opens a claim of its own.
    return _cue(sv, words[v - 1].s if by else verb.s, words[after - 1].e, lemma, "verb", _mention(sv, subject, kind),
                content in ("that", "quote", "colon", "clause"), f"participle-{content}")


def _clause_subject(words: list[_W], comma: int) -> list[_W]:
    """The subject of the clause a participle hangs on: "Trump attacked Clinton, saying…" -> Trump.
    The clause starts at the sentence start or after a leading setting ("On Monday, …")."""
    start = 0
    opening_quote = bool(words) and words[0].n == '"'
    for k in range(comma):
        if words[k].n in (";", ":") or (opening_quote and words[k].quoted and start == k):
            start = k + 1
    for _ in range(4):
        # Leading conjunctions ("And then Trump went on the attack, saying…") and settings ("On
        # Thursday, after remaining neutral, Warren endorsed Clinton, saying…") come before it.
        while start < comma and words[start].n in ("and", "but", "yet", "so", "then", "still", "also"):
            start += 1
        if start < comma and (words[start].n in ("on", "in", "at", "after", "before", "during", "earlier", "later",
                                                 "here", "there",
                                                 "speaking", "last", "meanwhile", "with", "as", "while", "when",
                                                 "since", "despite", "for", "by", "from", "alongside", "amid",
                                                 "unlike", "like", "besides", "beyond", "without", "following",
                                                 "under", "through", "across", "throughout", "among", "if",
                                                 "because", "although", "though", "once", "until", "to")
                              or words[start].n.endswith("ing")
                              or (words[start].n.endswith("ed") and start + 1 < comma
                                  and words[start + 1].t[:1].islower())):
            k = start
            while k < comma and words[k].n != ",":
                k += 1
            if k < comma:
                start = k + 1
                continue
        k = start
        while k < comma and words[k].n != ",":
            k += 1
        if k < comma and k > start and (words[k - 1].n == "ago" or all(
                w.n in _TIME_WORDS or w.n in _TIME_SETTING or w.n.isdigit() for w in words[start:k])):
            start = k + 1  # "Eight years ago, he…", "Last month, the senator…": a time, not the subject
            continue
        break
    phrase = _np_forward(words, start)
    if not phrase or start + len(phrase) >= comma:
        return []
    nxt = words[words.index(phrase[-1], start) + 1]
    if nxt.n in ("who", "which") or not (nxt.n[:1].isalpha() or nxt.n in (",", "(")):
        return []
    return phrase


_AGENT_VERBS = frozenset("shared posted published circulated released issued filmed taken broadcast conducted "
                         "commissioned compiled obtained".split())
# Words one of which a sentence must hold for any cue to be read in it.
_TRIGGERS = frozenset(_VERB_LEMMA) | _PHRASE_STARTS | _AGENT_VERBS | {"according"}


def _by_agent(sv: SentenceView, words: list[_W]) -> list[Cue]:
    """"A video shared by activists on social media": the agent of a publishing verb."""
    out: list[Cue] = []
    for i in range(len(words) - 1):
        if words[i + 1].n != "by" or words[i].n not in _AGENT_VERBS:
            continue
        if words[i].quoted:
            continue
        phrase = _np_forward(words, i + 2)
        k = i + 2 + len(phrase)
        if phrase and k + 1 < len(words) and words[k].n == "on" and words[k + 1].n in (
                "social", "twitter", "facebook", "youtube", "telegram", "instagram"):
            phrase = phrase + words[k : k + (3 if words[k + 1].n == "social" and k + 2 < len(words) else 2)]
        if not phrase:
            continue
        kind = _kind_of(phrase)
        if not kind:
            continue
        out.append(_cue(sv, words[i].s, words[i + 1].e, "by", "prep", _mention(sv, phrase, kind), False, "agent"))
    return out


# ---------------------------------------------------------------- noun phrases


def _np_backward(words: list[_W], j: int) -> list[_W]:
    """The subject that ends at token j and starts a clause: "the ministry", "Russia's defence
    ministry", "Smith, a spokesman for the agency," (the name; its apposition skipped), "officials,
    who asked not to be named," (a relative clause skipped). Empty when the words before the verb
    are not a subject at the head of a clause ("the plan that Smith said…" is)."""
    if j >= 0 and words[j].n in (")", "—", "–", "-"):
        # "Kasich (who has 25 delegates) said", "Democrats — and some Republicans — say", "Trump -
        # who said… - said", "Trump -- who…-- said": step over the brackets or dashes to the name.
        opening = "(" if words[j].n == ")" else words[j].n
        k = j - 1
        while k >= 0 and words[k].n == opening and opening == "-":
            k -= 1  # "--"
        while k >= 0 and words[k].n != opening and j - k < 24:
            k -= 1
        while k >= 1 and words[k - 1].n == opening and opening == "-":
            k -= 1
        if k >= 1 and words[k].n == opening:
            return _np_backward(words, k - 1)
        return []
    if j >= 0 and words[j].n == ",":
        return _before_apposition(words, j)
    k = j
    while k >= 0 and j - k < 16:
        w = words[k]
        if w.quoted or w.n in _BOUNDARY_PUNCT or (w.n in _SUBJECT_OPENERS and w.n != "and"):
            break
        if w.n == "and" and not (k >= 1 and k + 1 <= j and (
                (words[k - 1].t[:1].isupper() and words[k + 1].t[:1].isupper())
                or ENGLISH_HEADS.get(words[k - 1].n) in ("unnamed", "group", "official"))):
            break  # "Sanders and Clinton said", "security experts and U.S. officials said"
        k -= 1
    start = k + 1
    if start > j:
        return []
    opener = words[k].n if k >= 0 else ""
    if opener == "than" and k >= 1 and words[k - 1].n in ("more", "fewer", "less") and (
            words[k + 1].n[:1].isdigit() or words[k + 1].n in _NUMBER_WORDS or words[k + 1].n in ("half", "a")):
        # "More than six in 10 said": a quantity, not a comparison.
        k -= 2
        opener = words[k].n if k >= 0 else ""
        if opener and opener not in _BOUNDARY_PUNCT and opener not in _SUBJECT_OPENERS:
            return []
    if opener in ("who", "that") and k >= 1 and words[k - 1].n[:1].isalnum() and j - k <= 10 and (
            opener == "who" or (words[k - 1].n in ENGLISH_HEADS and words[k + 1].n in _GAP_VERBS)):
        # "Democrats in Iowa who watched the debate said": the relative clause belongs to the subject.
        head = _np_backward(words, k - 1)
        if head and head[-1].n not in _NP_STOP and len(head) <= 7 and not any(
                w.t[:1].islower() and (w.n.endswith("ing") or _looks_verbal(w)) for w in head):
            return head
        return []
    if opener in ("what", "which", "whom", "whose", "than", "as", "how", "who"):
        return []  # ("…, where Senate Minority Leader Harry Reid told reporters that…" has its subject)
    if j - k >= (16 if k < 0 else 12):
        return []
    phrase = words[start : j + 1]
    for i, w in enumerate(phrase):
        if w.n in ENGLISH_PRONOUNS or w.n in _NP_STOP:
            if len(phrase) == 1 and w.n in ENGLISH_PRONOUNS:
                continue
            if i == 0 and len(phrase) > 1 and w.n in _POSSESSIVE_DETERMINERS:
                continue  # "her friend said", "these people said"
            if w.t[:1].isupper() and i > 0:
                continue  # "CBS This Morning": a word of a name
            if w.n in _OBJECT_PRONOUNS and i > 0 and phrase[i - 1].n in _PREPOSITIONS:
                continue  # "a source close to him", "people familiar with it"
            return []
    if len(phrase) > 1 and any(_looks_verbal(w) and not (w.n.endswith("ed") and phrase[i].n in ENGLISH_HEADS)
                               and not phrase[i].n.endswith(("'s", "s'"))  # "Cruz's thinking": a noun
                               for i, w in enumerate(phrase[:-1]) for w in [phrase[i + 1]]):
        return []  # "defeat President Obama believes": a verb in the would-be subject ("a poll released
        # Tuesday shows" keeps its participle)
    while len(phrase) > 1 and phrase[0].n in ("the", "a", "an"):
        phrase = phrase[1:]
    if len(phrase) > 1 and phrase[0].t[:1].islower() and phrase[0].n.endswith("ing") and phrase[0].n not in ENGLISH_HEADS:
        return []  # "…, drawing a sharp reply from Khan": a participle's object, not a subject
    return phrase


_POSSESSIVE_DETERMINERS = frozenset("his her their its our my your this these those that".split())
_PREPOSITIONS = frozenset("to with of for at from about near on by".split())
# Words that open an apposition or an aside between a speaker and the verb.
_APPOSITION_STARTS = frozenset(
    "who which whose whom who's a an the one now then himself herself both also like including for however meanwhile "
    "too in instead though likewise similarly indeed at speaking asked interviewed by of his her their its another "
    "among once previously formerly during after before while when despite without under until unlike "
    "along with from".split()
)


_TIME_SETTING = frozenset("last this next early late earlier later on in at since during until by".split())


def _bare_title(inner: list[_W]) -> bool:
    """A stretch that opens with a lowercase noun and holds no verb: a title given without its
    article ("dean of the law school", "chairman of the board", "co-founder of the group")."""
    first = inner[0]
    return first.t[:1].islower() and first.n.replace("-", "").isalpha() and first.n not in _CLAUSE_OPENERS \
        and first.n not in _NP_STOP and first.n not in _ADVERBS and not _looks_verbal(first) \
        and first.n not in _NP_INNER and first.n not in _SETTING_PREPOSITIONS and first.n not in _OBJECT_SLOT \
        and not first.n.endswith(("ly", "ing", "ed")) and first.n not in _VERB_LEMMA \
        and not any(w.n in _GAP_VERBS or w.n in _NP_STOP or _looks_verbal(w) for w in inner[1:] if not w.quoted)


def _finite_before_relative(inner: list[_W]) -> bool:
    """Does a stretch hold a finite verb of its own, not inside a relative clause ("the losses
    would outstrip the gains" does; "a lawyer who has represented him" does not)?"""
    for i, w in enumerate(inner):
        if w.quoted:
            continue
        if w.n in ("who", "which", "whose", "whom", "that"):
            return False
        if w.n in _GAP_VERBS and not (i == 0 and len(inner) > 1 and inner[1].n == "by"):
            return True  # ("led by campaign manager Terry Sullivan" is a participle's phrase)
    return False


_RELATIVES = frozenset("who which whose whom who's".split())
_PARTY_STATE = re.compile(r"[rdi]-[a-z]{2,5}\.?$")  # "R-Fla.", "D-N.Y" (lowercased)


def _embedded_quote_start(words: list[_W], m: int) -> int:
    """For a quoted token m, where its quotation opens when that quotation stands inside a
    phrase (an unquoted word before its opening mark: 'a "sociopath,"'); -1 otherwise."""
    k = m
    while k >= 0 and words[k].quoted and not (words[k].n == '"' and k < m and (k == 0 or not words[k - 1].quoted
                                                                               or words[k - 1].n == '"')):
        k -= 1
    if k < 1 or words[k].n != '"' or k == m:
        return -1
    before = words[k - 1]
    if before.quoted or not before.n[:1].isalnum():
        return -1
    return k


def _before_apposition(words: list[_W], j: int) -> list[_W]:
    """The speaker before the asides that end at the comma j: "Smith, a spokesman for the
    agency, said", "Tom Reyes, a farmer from Dodge County, Iowa, said", "officials, who asked not
    to be named, said". Empty when what precedes the comma is no aside."""
    chunks: list[tuple[int, int]] = []  # comma-separated stretches, nearest the verb first
    k = j
    for _ in range(6):
        m = k - 1
        while m >= 0 and k - m < 18:
            w = words[m]
            if w.quoted:
                # A quotation inside an aside ('Humphrey, who calls Trump a "sociopath," said')
                # stays in it; any other is a boundary, and so is one that closes before a name
                # ('The "question … to consider," Richard Hasen, a law professor, wrote').
                opening = _embedded_quote_start(words, m)
                if opening < 0 or (m + 1 < k and words[m + 1].t[:1].isupper() and m >= 1 and words[m - 1].n == ","):
                    break
                m = opening - 1
                continue
            if w.n in (",", ".", '"', ";", ":", "(", "—"):
                break
            m -= 1
        chunks.append((m + 1, k))
        if m < 1 or words[m].n != "," or (words[m].quoted and _embedded_quote_start(words, m) < 0):
            break
        k = m
    # A relative clause runs over commas ("Biden, who was to travel to Columbus, Ohio, on
    # Wednesday, said"): the stretches after its "who" belong to it.
    relative = max((idx for idx, (a, _b) in enumerate(chunks[:-1]) if words[a].n in _RELATIVES), default=-1)
    skipped_aside = False
    for idx, (a, b) in enumerate(chunks):
        inner = words[a:b]
        if not inner:
            return []
        if idx < relative:
            continue
        # "Trump, the Republican nominee,", "Smith, 68,", "Rubio, R-Fla.,"; never "…, but the mayor,".
        aside = inner[0].n not in ("but", "and", "yet", "so", "while") and (
            inner[0].n in _APPOSITION_STARTS or inner[0].n.isdigit() or inner[0].n.endswith(("ing", "ed"))
            or _kind_of(inner) not in ("", "person")
            or (len(inner) == 1 and _PARTY_STATE.match(inner[0].n) is not None))
        if not aside and idx + 1 < len(chunks) and _bare_title(inner):
            # "Vikram Amar, dean of the law school, said": a title without its article, after a name.
            nxt = words[chunks[idx + 1][0] : chunks[idx + 1][1]]
            aside = bool(nxt) and all(w.t[:1].isupper() or w.n in _NP_INNER for w in nxt) and nxt[-1].t[:1].isupper()
        if aside and _finite_before_relative(inner):
            aside = False  # "…, the losses would outstrip the gains, said Smith": a clause, not an aside
        # "Tom Reyes, a farmer from Dodge County, Iowa, said": a place closing an aside, which itself
        # follows a name ("In July, Sammy Aaron, vice chairman of G-III, told…" has none).
        place = len(inner) <= 3 and all(w.t[:1].isupper() for w in inner) and idx + 2 < len(chunks) and \
            words[chunks[idx + 1][0]].n in _APPOSITION_STARTS
        if idx == 0 and not aside and len(chunks) > 1 and all(w.t[:1].isupper() for w in inner) and len(inner) <= 4:
            # "Sanders's campaign manager, Jeff Weaver, said", "…, his top aide, Tad Devine, told": a
            # name after the title it bears.
            title = words[chunks[1][0] : chunks[1][1]]
            cut = next((i for i, w in enumerate(title) if i > 0 and w.n in ("of", "for", "at", "on", "in", "from",
                                                                            "with")), len(title))
            if cut > 1 or title[0].n not in _NUMBER_WORDS | {"some", "many", "most", "another"}:
                title = title[:cut]  # "the director of the FBI, James B. Comey,"; "one of his advisers" keeps all
            if title and ENGLISH_HEADS.get(title[-1].n) in ("official", "unnamed", "organization"):
                return _np_backward(words, b - 1)
        if (aside or place) and idx < len(chunks) - 1:
            skipped_aside = skipped_aside or aside
            continue
        if idx == 0:
            return []
        if not skipped_aside and not _kind_of(words[chunks[0][0] : chunks[0][1]]):
            return []
        opening_time = all(w.n in _TIME_WORDS or w.n in _TIME_SETTING or w.n.isdigit() for w in inner)
        if idx >= 1 and (opening_time or (
                len(inner) > 1 and inner[0].n.endswith(("ed", "ing")) and inner[0].n not in ENGLISH_HEADS
                and inner[1].t[:1].islower())) and (a == 0 or words[a - 1].n in (".", '"', ":")):
            # "Alarmed by the unrest, Senator Harry Reid, the minority leader, said", "Last month,
            # the Independent, a British newspaper, revealed": the opening participle or time sets
            # the scene; the speaker is the stretch after it.
            a2, b2 = chunks[idx - 1]
            head = _np_backward(words, b2 - 1)
            lead2 = a2 + (words[a2].n in ("the", "a", "an"))
            return head if head and _kind_of(head) and any(w is head[0] for w in words[a2 : lead2 + 1]) else []
        head = _np_backward(words, b - 1)
        # The speaker is the whole stretch before its asides: "Cruz also lacks support…, whom…,
        # said Sabato" has a clause there, not a speaker.
        lead = a
        while lead < b - 1 and words[lead].n in ("but", "and", "so", "yet", "while", "the", "a", "an"):
            lead += 1
        return head if head and next(i for i, w in enumerate(words) if w is head[0]) <= lead else []
    return []


_BOUNDARY_PUNCT = frozenset([",", ";", ":", '"', "(", ")", "—", "–", "-", ".", "?", "!"])
# Words after which a clause, and so a subject, starts.
_SUBJECT_OPENERS = frozenset("that but while because although though if since whereas so yet or than when as "
                             "where after before until unless what which whom whose how who once why "
                             "meanwhile however also and".split())


_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten".split())


def _is_common_np(phrase: list[_W]) -> bool:
    """A plain noun phrase: nouns and adjectives, no verb, no number alone ("the lawyers")."""
    last = phrase[-1]
    if any(w.n in ("percent", "%") for w in phrase) or (len(phrase) >= 3 and phrase[1].n == "in" and (
            phrase[0].n[:1].isdigit() or phrase[0].n in _NUMBER_WORDS)):
        return True  # "45 percent said", "six in 10 said", "58 percent of voters say": a share who said so
    if any(w.n[:1].isdigit() or w.n in ("half", "side") for w in phrase) or phrase[-1].n == "one":
        return False
    return last.n.isalpha() and len(last.n) > 2 and last.n not in _COMMON_VERBS and last.n not in _VERB_LEMMA \
        and not last.n.endswith(("ly", "ing")) and last.n not in _ADVERBS


def _name_word(words: list[_W], k: int) -> bool:
    """A capitalised function word inside the sentence and before another capitalised word is a
    word of a name ('said Will Doyle', 'May Chen'), not a modal."""
    w = words[k]
    return k > 0 and w.t[:1].isupper() and w.n in ("will", "may", "can") and k + 1 < len(words) \
        and words[k + 1].t[:1].isupper() and words[k + 1].n.isalpha() and words[k - 1].n not in (".", "?", "!", ":")


def _looks_verbal(w: _W) -> bool:
    """A lowercase word that is a verb in the middle of a would-be subject: "defeat", "spoke"."""
    if not w.t[:1].islower() or w.n in ENGLISH_HEADS or w.n in _NP_INNER or w.n in _DETERMINERS or w.n in _NOUN_FORMS:
        return False
    return w.n in _VERB_LEMMA or w.n in _COMMON_VERBS


_COMMON_VERBS = frozenset(
    "is are was were be been has have had do does did get got gets make made makes take took takes go went goes "
    "come came comes give gave gives win won wins lose lost loses run ran runs want wanted wants need needed "
    "plan planned try tried seem seemed seems appear appears appeared defeat defeated beat met meet meets spoke speak speaks face faced "
    "faces help helped lead led leads keep kept turn turned become became left leave put sent send "
    # irregular pasts, so that "the pastor stood with…" ends its subject at the verb
    "stood struck went took began brought built bought caught chose drew drove fought flew forgot grew heard "
    "hung knew paid rose shook sold spent swore taught threw understood wore sought".split()
)


def _np_forward(words: list[_W], i: int) -> list[_W]:
    """The noun phrase that starts at token i, up to a comma, a verb or a clause opener."""
    out: list[_W] = []
    k = i
    n = len(words)
    while k < n and len(out) < 9:
        w = words[k]
        if w.quoted and w.n != '"':
            if out and out[-1].quoted:
                out.append(w)
                k += 1
                continue
            break
        if w.n == '"':
            break
        if w.n == "/" and out and out[-1].t[:1].isupper() and k + 1 < n and words[k + 1].t[:1].isupper():
            out.append(w)  # "Reuters/Ipsos", "New York Times/CBS News": two makers of one poll
            k += 1
            continue
        if not (w.n[:1].isalnum() or w.n in ("'", "&", "-", ".")):
            break
        if w.n == "." and (k + 1 >= n or not words[k + 1].n[:1].isalnum()):
            break
        if w.n in _NP_STOP and not (w.n in ENGLISH_PRONOUNS and not out) and not (
                not out and w.n in _POSSESSIVE_DETERMINERS and k + 1 < n and words[k + 1].n[:1].isalpha()) \
                and not _name_word(words, k) and not (
                    out and out[-1].n == "of" and w.n in _POSSESSIVE_DETERMINERS and k + 1 < n
                    and words[k + 1].n[:1].isalpha() and words[k + 1].n not in _NP_STOP):
            break  # ("one of those advisers", "a member of his staff" go on)
        if w.n in _CLAUSE_OPENERS and w.n != "and" and not (not out and w.n == "that" and k + 1 < n
                                                            and words[k + 1].n[:1].isalpha()):
            break
        if w.n == "and" and not (out and out[-1].t[:1].isupper() and k + 1 < n and words[k + 1].t[:1].isupper()):
            break
        if w.n in _TIME_WORDS or (w.n in ("on", "in") and k + 1 < n and words[k + 1].n in _TIME_WORDS):
            break
        if w.n in ("in", "on") and k + 1 < n and words[k + 1].n in ("a", "an") and out:
            break
        if out and _VERB_LEMMA.get(w.n) and w.n not in ENGLISH_HEADS and not w.t[:1].isupper():
            break
        if out and (_looks_verbal(w) or (w.n.endswith("ed") and w.t[:1].islower() and out[-1].t[:1].isupper()
                                          and out[-1].n not in _DETERMINERS)):
            break  # "ProPublica obtained…": the name ends where its verb starts
        if out and out[-1].t[:1].isupper() and out[-1].n not in _DETERMINERS and w.t[:1].islower() \
                and w.n.isalpha() and w.n not in _NP_INNER and w.n not in ENGLISH_HEADS and k + 1 < n \
                and words[k + 1].n in ("a", "an", "the", "his", "her", "their", "its"):
            break  # "Mr. Trump struck a measured tone": a verb and its object after the name
        out.append(w)
        if w.n in ENGLISH_PRONOUNS:
            break
        k += 1
    while out and out[-1].n in ("of", "for", "at", "from", "in", "on", "with", "to", "and", "the", "a", "an", "'",
                                "&", "-", "."):
        out.pop()
    while len(out) > 1 and out[0].n in ("the", "a", "an"):
        out = out[1:]
    return out


# ---------------------------------------------------------------- pronouns

_PERSON_KINDS = frozenset(["person", "official", "unnamed"])
_PLURAL_KINDS = frozenset(["group", "organization", "unnamed", "outlet", "news agency", "document", "official"])
_THING_KINDS = frozenset(["organization", "outlet", "news agency", "document", "social media"])
_NAME = re.compile(
    r"\b(?:(?P<title>Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Maj|Adm|Prof|Rev|President|Senator|Governor|"
    r"Secretary|Judge|Mayor|Chairman|Director|Minister|Speaker)\.?\s+)?"
    r"(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+(?:[A-Z][a-z'’-]+|[A-Z]\.))*)"
)
_NOT_PERSON_WORDS = frozenset(
    "The A An He She It They We I In On At But And Or If When While After Before During Since So Yet For With By "
    "This That These Those There Here His Her Their Our My Its As Not No Yes Now Then Also Still Even "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December Republican Republicans Democrat Democrats Democratic "
    "American Americans President Senate House Congress White State States United Party Committee "
    "Department Court County City University Street Times Post Journal News Washington".split()
)


def pronoun_kinds(pronoun: str) -> frozenset[str]:
    """The kinds of source an English subject pronoun can stand for."""
    p = pronoun.lower()
    if p in ("he", "she", "i"):
        return _PERSON_KINDS
    if p in ("they", "we"):
        return _PLURAL_KINDS
    return _THING_KINDS


def name_before(text: str, before: int, window: int = 1200) -> tuple[str, int] | None:
    """The last person's name written before offset `before` ("Mr. Smith", "Tad Devine"), with
    its offset: what "he"/"she" most likely stands for when no source was quoted since."""
    lo = max(0, before - window)
    best: tuple[str, int] | None = None
    for m in _NAME.finditer(text, lo, before):
        name = m.group("name")
        parts = name.split()
        while parts and parts[0].rstrip(".") in _NOT_PERSON_WORDS:
            parts = parts[1:]
        while parts and parts[-1].rstrip(".") in _NOT_PERSON_WORDS:
            parts = parts[:-1]
        if not parts:
            continue
        titled = m.group("title") is not None
        at_start = m.start() == 0 or text[max(0, m.start() - 2) : m.start()].strip() in ("", ".", '"', "“", "”")
        if len(parts) < 2 and not titled and at_start:
            continue
        if len(parts) < 2 and not titled:
            # A single capitalized word mid-sentence is a name only before a reporting verb or a
            # possessive ("Trump said", "Clinton's"): places and bodies are written the same way.
            tail = text[m.end() : m.end() + 12].lower()
            if not re.match(r"\s*(?:'s|’s|,? (?:who|said|says|told|added|wrote|has|had|was|is|will|would))\b", tail):
                continue
        best = (" ".join(parts), m.start("name") + name.find(parts[0]))
    return best


_PLURAL_HEAD = re.compile(r"\b(?:[A-Z][\w'’.-]*\s+){0,2}(?P<head>[A-Za-z]+s)\b")


def plural_before(text: str, before: int, window: int = 800) -> tuple[str, int] | None:
    """The last plural noun phrase that can speak, written before offset `before` ("the lawyers",
    "Senate Republicans"): what "they" most likely stands for when no source was quoted since."""
    lo = max(0, before - window)
    best: tuple[str, int] | None = None
    for m in _PLURAL_HEAD.finditer(text, lo, before):
        head = m.group("head")
        if ENGLISH_HEADS.get(head.lower()) in ("group", "unnamed", "organization") or (
                head[:1].isupper() and head.lower() not in _NOT_PLURAL_NAMES and m.start("head") > lo
                and text[max(lo, m.start("head") - 2) : m.start("head")].strip() not in ("", ".")):
            best = (m.group(), m.start())
    return best


_NOT_PLURAL_NAMES = frozenset("states news times texas illinois kansas arkansas mass paris athens is was has does "
                              "his its this thus as us plus yes".split())


# ---------------------------------------------------------------- confidence

_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|''.*?''")
_CORE_LEMMAS = frozenset(["say", "tell", "add", "write", "according to", "colon"])
_ANY_REPORTING = frozenset(_VERB_LEMMA) | frozenset(
    "according want wants wanted plan plans planned support supported supports oppose opposed endorse endorsed "
    "urged vowed".split())


# Words outside the quotation that say the paper has them from another report.
_RELAYED = re.compile(r"\baccording to\b|\bas reported by\b|\breported\b|\bquoted\b|\bquoting\b|\bas recalled\b",
                      re.IGNORECASE)


def quote_share(text: str) -> float:
    """The share of a claim's characters that are inside quotation marks."""
    return sum(len(m) for m in _QUOTED.findall(text)) / max(1, len(text))


# A quotation carried on without a cue of its own (the analyzer's `_Decision.carry`), by how it
# was carried. Measured on PolNeAR train and dev by whether the claim's source is the gold
# attribution's source for the content the claim lies in (`benchmarks/polnear.py` rule counts
# these claims wrong when the gold content is the whole quotation over several paragraphs and the
# claim holds less than half of it: a matter of claim size, not of source). Laplace-smoothed,
# rounded down; never more than the decision that named the speaker.
_CARRIED: dict[str, float] = {
    "open": 0.7,  # a quotation opened earlier in the paragraph goes on
    "reopened": 0.7,  # a paragraph that reopens a quotation left open at the end of the one before
    "follows": 0.65,  # a new quotation right after an attributed one
    "after": 0.6,  # a quotation right after a sentence of its paragraph that named a speaker
    "block": 0.6,  # a paragraph that is one quotation, after a paragraph that named its speaker
}


def carried_quotation_confidence(carry: str) -> float:
    """How sure a quotation carried on from an earlier sentence is of its speaker (`_CARRIED`)."""
    return _CARRIED.get(carry, 0.35)


def english_confidence(cue: Cue | None, claim: str, attributed: bool) -> float:
    """How sure the English reading is of a claim's decision, a source or the publisher's voice.

    Calibrated on PolNeAR train (benchmarks/polnear.py; right = the gold attribution found):
    a quotation whose speaker follows it ('"…," Smith said.', '"…," said Smith, a spokesman.')
    is the surest structure of news English (~96% right when the quoted words make at least 30%
    of the claim, unless the paper has it from another report: "…, according to the Post" is
    right less than half the time); a subject and a verb of saying before a clause come next (~88%), then
    "according to" (~86%), pronoun subjects (~88%), documents with verbs of finding (~85%); verbs
    of stance, belief and description, participles and plain noun phrases as speakers are right
    two times in three; a continuation without a cue of its own, and agents of publishing verbs,
    less than half the time (quotations carried on: `carried_quotation_confidence`). The publisher's own voice is never confident in English: a
    quarter of such sentences report someone's belief or intention that these rules do not read,
    and a sentence holding a quotation or a reporting verb is the publisher's less often still.
    """
    if not attributed:
        if "\"" in claim or "“" in claim or "''" in claim:
            return 0.3
        if not _ANY_REPORTING.isdisjoint(_WORD.findall(claim.lower())):
            return 0.45
        return 0.75 if len(claim) < 60 else 0.65
    if cue is None or cue.mention is None:
        return 0.35  # carried on from an earlier sentence, no cue of its own
    pattern = cue.pattern or cue.type
    head, _, content = pattern.partition("-")
    cls = _VERB_CLASS.get(cue.lemma, "finding") if cue.type == "verb" else "prep"
    core = cue.lemma in _CORE_LEMMAS
    opens_with_quote = claim.lstrip()[:1] in ("\"", "“") or claim.lstrip().startswith("''")
    if head == "agent":
        return 0.3
    if head == "speaker":
        # "Graham: 'Trump is destroying the party'"; a headline's speaker without quotation marks
        # ("Newspaper: minister used personal email") is right two times in three.
        return 0.85 if any(q in claim for q in ("\"", "“", "'", "‘")) else 0.6
    if opens_with_quote and head in ("subject", "pronoun", "inverted") and content in ("end", "quote", "comma", "",
                                                                                      "object") \
            and cls in ("speech", "prep"):
        if _RELAYED.search(_QUOTED.sub(" ", claim)):
            # '"…," the judge said, according to the Post': the paper gives another's account of
            # the words (right less than half the time on PolNeAR train, which names the relay).
            return 0.6
        share = quote_share(claim)
        return 0.9 if share >= 0.5 else 0.75 if share >= 0.3 else 0.7
    if head == "according":
        return 0.75
    if head in ("subject", "pronoun") and cls == "speech" and content in ("that", "clause", "quote", "colon", "end"):
        return 0.75 if core or content == "that" else 0.65
    if head == "subject" and cls == "finding":
        return 0.7
    if head == "common" and core:
        return 0.7  # "the lawyers said…"
    if head in ("common", "coordinated", "participle") or cls in ("stance", "weak", "thinking"):
        return 0.55
    return 0.6
