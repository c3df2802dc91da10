"""Lines and sentences: where claims can start and end.

Arabic sentences end at `.` `؟` `!` `…` and at line breaks, never at `،` or `:` (news Arabic
strings whole reports together with commas). English sentences end at `.` `?` `!` except after
abbreviations and initials, inside decimals, and they keep their closing quotation marks.
Every span returned is a pair of offsets into the original text; nothing is rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Final

MAX_CLAIM_CHARS: Final = 700

_LINE: Final = re.compile(r"[^\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]+")
_TERMINATOR: Final = re.compile(
    # A terminator before a space or the end; or one glued to the next Arabic sentence
    # ("…العام الحالي.وقال الوزير"), checked in `split_sentences`. (One character class, so the
    # search skips from one terminator to the next; an ellipsis "..." is a run of it.)
    # Invisible marks may stand between it and the space ("…في البلاد.\u200f وذكر").
    # A quotation closed before the glued sentence goes with it: 'حقوقنا."وبحسب'.
    r"[.!?؟…۔]+(?:[\"'”’»)\]\u200b-\u200f\u202a-\u202e\u2066-\u2069]*(?=\s|$)|[\"”»)]?(?=[\u0621-\u064a]))"
)
_GLUED_BEFORE: Final = re.compile(r"[\u0621-\u064a\u0660-\u0669»”\")]")
_ABBREVIATIONS: Final = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "adm", "sen", "rep", "gov", "st", "jr", "sr", "inc", "ltd", "co", "corp", "mt", "ft", "no", "vol", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "al", "approx", "est", "dept", "univ", "assn", "bros", "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m", "rev", "fr", "msgr", "hon", "sens", "reps", "govs", "pres", "supt", "atty", "cmdr", "cpl", "pvt", "ave", "blvd", "messrs"]
)


class LineKind(str, Enum):
    TEXT = "text"
    PUBLISHER = "publisher"
    CREDIT = "credit"  # "(وكالات)", "(Reuters)": a wire credit on a line of its own
    LINK = "link"
    BYLINE = "byline"
    HEADING = "heading"
    DATELINE = "dateline"  # "الرياض - واس" on a line of its own: a place and a wire credit
    BLANK = "blank"


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    kind: LineKind
    # For PUBLISHER and CREDIT lines: the span of the name inside the line.
    name_start: int = -1
    name_end: int = -1


_PUBLISHER: Final = re.compile(
    r"^\s*[(\[]?\s*(?:المصدر|مصدر الخبر|مصدر|المصادر|نقلا عن|نقلاً عن|source|sources)\s*[:：\-–—]\s*"
    r"(?P<name>[^\n]{1,120}?)\s*[)\]]?\s*[.]?\s*$",
    re.IGNORECASE,
)
_CREDIT: Final = re.compile(
    r"^\s*[(\[]\s*(?P<name>وكالات|رويترز|أ\s*ف\s*ب|ا\s*ف\s*ب|د\s*ب\s*أ|واس|سانا|الأناضول|كونا|وام|"
    r"reuters|afp|ap|dpa|agencies|anadolu)\s*[)\]]\s*$",
    re.IGNORECASE,
)
_LINK: Final = re.compile(
    r"^\s*(?:(?:رابط الخبر|رابط المصدر|الرابط|رابط|اقرأ أيضا|اقرأ أيضاً|اقرأ المزيد|link|read more|see also)\b.*"
    r"|(?:https?://|www\.)\S+)\s*$",
    re.IGNORECASE,
)
_BYLINE: Final = re.compile(
    r"^\s*(?:كتب|كتبت|بقلم|إعداد|اعداد|تحرير|تقرير|مراسل|by|reporting by|written by|editing by)"
    r"\s*[:：\-–]?\s*[^\s.!?؟]+(?:\s+[^\s.!?؟]+){0,5}\s*$",
    re.IGNORECASE,
)
_DATELINE_CREDIT: Final = re.compile(
    r"^\s*[^\s\d.!?؟،,]{2,20}(?:\s[^\s\d.!?؟،,]{2,20})?\s*[-–—]\s*\(?(?P<name>[^()\n.!?؟]{2,30}?)\)?\s*[:：]?\s*$"
)
# "GENEVA (Reuters) -" at the head of a text line: the wire that filed the story.
INLINE_DATELINE: Final = re.compile(r"\s*[A-Z][A-Za-z .,'-]{1,40}\((?P<name>[A-Za-z .&-]{2,30})\)\s*[-–—]")
# English wire credits: "(Reporting by Jane Doe; Editing by John Smith)", "Contributing: Ann Lee".
_EN_CREDIT: Final = (r"[(\[]?\s*(?:(?:additional|further)\s+)?(?:reporting|writing|editing|compiled|produced|research|"
              r"graphics|contributing)\b(?:\s+by\b|\s*:)[^\n]{0,300}?[)\]]?\s*[.]?\s*$")
_EN_CREDIT_LINE: Final = re.compile(r"^\s*" + _EN_CREDIT, re.IGNORECASE)
CREDIT_SENTENCE: Final = re.compile(r"\s*[(\[]\s*(?:(?:additional|further)\s+)?(?:reporting|writing|editing)\s+by\b",
                             re.IGNORECASE)
# An English dateline at the head of the first paragraph: "GENEVA (Reuters) -", "RANGOON, Burma —",
# "WASHINGTON –": where and by whom the story was filed, never a claim.
_EN_DATELINE: Final = re.compile(
    r"\s*(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?"
    r"\s*(?:\([A-Za-z .&-]{2,30}\))?|[A-Z][A-Za-z .,'-]{1,40}\([A-Za-z .&-]{2,30}\))\s*[-–—]+\s+(?=\S)"
)


def dateline_end(text: str, start: int, end: int) -> int:
    """Where the text of a paragraph begins after an English dateline (`start` when it has none)."""
    m = _EN_DATELINE.match(text, start, end)
    return m.end() if m else start


_MD_HEADING: Final = re.compile(r"^\s*#{1,6}(?:\s|$)")
_FOUR_WORDS: Final = re.compile(r"\w+(?:\W+\w+){3}")  # a line of at least four words (found without counting them all)


def classify_lines(text: str) -> list[Line]:
    """Split `text` into lines and say what each is. Blank lines are dropped."""
    lines: list[Line] = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        line = m.group()
        if not line.strip():
            continue
        if pm := _PUBLISHER.match(line):
            ns, ne = pm.span("name")
            lines.append(Line(s, e, LineKind.PUBLISHER, s + ns, s + ne))
        elif cm := _CREDIT.match(line):
            ns, ne = cm.span("name")
            lines.append(Line(s, e, LineKind.CREDIT, s + ns, s + ne))
        elif _LINK.match(line):
            lines.append(Line(s, e, LineKind.LINK))
        elif _MD_HEADING.match(line):
            lines.append(Line(s, e, LineKind.HEADING))
        elif (_BYLINE.match(line) and len(line) < 80) or _EN_CREDIT_LINE.match(line):
            lines.append(Line(s, e, LineKind.BYLINE))
        elif dm := _DATELINE_CREDIT.match(line):
            ns, ne = dm.span("name")
            lines.append(Line(s, e, LineKind.DATELINE, s + ns, s + ne))
        elif _FOUR_WORDS.search(line) is None and not re.search(r"[.!?؟…]\s*$", line):
            # A dateline, a section label or a heading with nothing to check in it.
            lines.append(Line(s, e, LineKind.HEADING))
        else:
            lines.append(Line(s, e, LineKind.TEXT))
    return lines


_ARABIC_LETTERS: Final = re.compile(r"[\u0621-\u064a]+")


def _arabic_abbreviation(text: str, dot: int) -> bool:
    """A one-letter title ("د.", "م.") or one letter of a spelled-out acronym ("بي. بي. سي"):
    not the end of a sentence."""
    j = dot
    while j > 0 and "\u0621" <= text[j - 1] <= "\u064a":
        j -= 1
    word = text[j:dot]
    if not word or (j > 0 and text[j - 1].isalnum()):
        return False
    if len(word) == 1:
        return True
    if len(word) != 2:
        return False
    after = _ARABIC_LETTERS.match(text, dot + 1) or _ARABIC_LETTERS.match(text, dot + 2)
    before = text[max(0, j - 4) : j].rstrip()
    return bool(after and len(after.group()) <= 2 and text[after.end() : after.end() + 1] in (".", ")")) or before.endswith(".")


def _dotted_acronym(text: str, dot: int) -> bool:
    """Is the '.' at `dot` inside letters spelled out with glued dots ("بي.واي.دي", "سي.ان.ان",
    "بي.سي"): three or more parts of at most three letters, or two of at most two?"""
    a = dot
    while a > 0 and dot - a <= 16 and ("\u0621" <= text[a - 1] <= "\u064a" or text[a - 1] == "."):
        a -= 1
    b = dot + 1
    while b < len(text) and b - dot <= 16 and ("\u0621" <= text[b] <= "\u064a" or text[b] == "."):
        b += 1
    if dot - a > 16 or b - dot > 16:
        return False  # (a name is short; and a run of dotted letters costs no more than this to look at)
    if a > 0 and text[a - 1].isalnum():
        return False
    parts = text[a:b].strip(".").split(".")
    if any(not p for p in parts):
        return False
    if len(parts) >= 3:
        return all(len(p) <= 3 for p in parts)
    return len(parts) == 2 and all(len(p) <= 2 for p in parts)


def _is_abbreviation(text: str, dot: int) -> bool:
    """Is the '.' at `dot` the end of an abbreviation or an initial rather than a sentence?"""
    if dot == 0:
        return False
    if dot + 1 < len(text) and "\u0621" <= text[dot + 1] <= "\u064a" and "\u0621" <= text[dot - 1] <= "\u064a" \
            and _dotted_acronym(text, dot):
        return True
    if not text[dot - 1].isascii():
        # Only a word of one or two letters can be an Arabic abbreviation.
        short = dot < 2 or not text[dot - 2].isalpha() or dot < 3 or not text[dot - 3].isalpha()
        return short and _arabic_abbreviation(text, dot)
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if not word:
        return False
    if word in _ABBREVIATIONS or word.rstrip(".") in _ABBREVIATIONS:
        return True
    # Initials: "J. K. Rowling", "U.S." — a single Latin capital before the dot.
    if len(word) == 1 and text[dot - 1].isupper() and text[dot - 1].isascii() and (dot < 2 or not text[dot - 2].isdigit()):
        return True
    if "." in word and all(len(p) <= 2 for p in word.split(".")):
        return True
    # A following lowercase word means the sentence goes on ("approx. ten", "e.g. this").
    k = dot + 1
    while k < len(text) and text[k] in ")]":
        k += 1  # "Sen. Ted Cruz (Tex.) said": a bracket closed after the abbreviation
    while k < len(text) and text[k] == " ":
        k += 1
    return k < len(text) and text[k].isascii() and text[k].islower()


def split_sentences(text: str, start: int = 0, end: int | None = None, bound: bool = True) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end], trimmed of surrounding whitespace. Never empty.
    With `bound`, a sentence longer than a claim may be is cut further (`bound_length`); the
    analyzer reads whole sentences and bounds each claim itself."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    quotes = _quoted_spans(text, start, end)
    for m in _TERMINATOR.finditer(text, start, end):
        glued = m.end() < end and not text[m.end()].isspace()
        if glued and (m.start() == 0 or not _GLUED_BEFORE.match(text, m.start() - 1)):
            continue  # "2.5", "www.site.com": not glued Arabic sentences
        if text[m.start()] == "." and m.group().rstrip(")]") == "." and _is_abbreviation(text, m.start()):
            continue
        if quotes and any(qs < m.start() and m.end() < qe for qs, qe in quotes):
            continue  # inside a quotation: «…. …» is one claim in one voice
        if text[m.end() - 1] in _CLOSING_QUOTES and (
                _LOWER_TAIL.match(text, m.end(), end)
                or (text[m.start()] in "!?" and _NAMED_TAIL.match(text, m.end(), end))):
            continue  # '"Get out!" she shouted.', '"Why now?" Smith asked.': the quotation's own attribution
        if _QUOTE_RESUMES.match(text, m.end(), end) and _ATTRIBUTION_TAIL.search(text, cursor, m.end()):
            continue  # '"…," said Smith. "…"': a quotation broken by its attribution is one statement
        spans.append((cursor, m.end()))
        cursor = m.end()
    spans.append((cursor, end))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = _trim(text, s, e)
        if e > s:
            if bound:
                out.extend(bound_length(text, s, e))
            else:
                out.append((s, e))
    return out


# English news breaks a quotation with its attribution: '"We will stay," said Smith, a spokesman.
# "Nobody is leaving."' The sentence that ends with the attribution tail and the quotation that
# resumes right after it are one statement by one speaker.
# The tail may name a programme or a paper in quotation marks ('Trump told NBC's "Today" on Monday.').
_ATTRIBUTION_TAIL: Final = re.compile(
    r"[,.?!—-] ?(?:[\"”’]|'')\s+[A-Za-z](?:[^\"“”\n]|“[^“”\n]{1,60}”|\"[^\"\n]{1,60}\"){2,220}(?:(?<=\.)|(?<=\.[\"”]))$")
_CLOSING_QUOTES: Final = frozenset("\"”’'")
# After a quotation that ends in ! ? or a full stop, the sentence goes on when its attribution
# follows: a lowercase word ("she asked", "said Smith") or a name and a verb of saying.
# A capitalised name after "!" or "?" is the speaker only if its verb of saying closes the tail
# ('"Why now?" Smith asked reporters.'); after a full stop a capital opens a new sentence.
_LOWER_TAIL: Final = re.compile(r"[ \t]+[a-z]")
_NAMED_TAIL: Final = re.compile(
    r"[ \t]+(?:(?:[A-Z][\w.'’-]*|of|the)[ \t]+){1,5}(?:said|says|asked|asks|told|added|adds|wrote|writes|"
    r"tweeted|replied|responded|continued|insisted|explained|recalled|declared|argued|noted|warned|shouted|"
    r"exclaimed|joked|answered|quipped)\b(?:[ \t]+[\w'’-]+){0,4}[ \t]*[.,]"
)
_QUOTE_RESUMES: Final = re.compile(r"\s*(?:[\"“]|'')")

_GUILLEMETS: Final = re.compile(r"«[^«»\n]{1,1500}»|“[^“”\n]{1,1500}”")


def _quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Closed « » and “ ” quotations on the line (the ones that are sure to close); on an English
    line also straight "…" and ''…'' pairs, and a quotation opened at the head of the paragraph
    that does not close in it (news runs a long quotation over paragraphs, closing only the last)."""
    line = text[start:end]
    spans = [m.span() for m in _GUILLEMETS.finditer(text, start, end)] if "«" in line or "“" in line else []
    if _ARABIC_LETTER.search(line) is None:
        spans += _paired(text, start, end, _STRAIGHT_QUOTE)
        if "“" in line and '"' in line:
            spans += _mixed(text, start, end)
        stripped = len(line) - len(line.lstrip())
        head = start + stripped
        opens_unclosed = (line[stripped : stripped + 1] == "“" and "”" not in line) or (
            line[stripped : stripped + 1] == '"' and not line.startswith("''", stripped)
            and len(_STRAIGHT_QUOTE.findall(line)) % 2 == 1)
        if opens_unclosed:
            spans.append((head, end + 1))
        elif _NEXT_REOPENS.match(text, end):
            # English carries a quotation over paragraphs: no closing mark at the end of this
            # one, an opening mark at the head of the next. The quotation runs to the end here.
            curly = line.rfind("“")
            opening = curly if curly > line.rfind("”") else -1
            straight = [m.start() for m in _STRAIGHT_QUOTE.finditer(line) if m.group() == '"']
            if opening < 0 and len(straight) % 2 == 1:
                opening = straight[-1]
            if opening >= 0:
                spans.append((start + opening, end + 1))
    return spans


_NEXT_REOPENS: Final = re.compile(r"[ \t]*(?:\r?\n[ \t]*)+(?:[\"“]|'')")


_ARABIC_LETTER: Final = re.compile(r"[\u0600-\u06FF]")
_STRAIGHT_QUOTE: Final = re.compile(r"''|\"")


def _paired(text: str, start: int, end: int, mark: re.Pattern[str]) -> list[tuple[int, int]]:
    """Spans between successive quotation marks of one kind ("…" or ''…''), one pair after another."""
    out: list[tuple[int, int]] = []
    opened: dict[str, int] = {}
    for m in mark.finditer(text, start, end):
        kind = m.group()
        if kind in opened:
            s = opened.pop(kind)
            if m.end() - s <= 1500:
                out.append((s, m.end()))
        else:
            opened[kind] = m.start()
    return out


def _mixed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quotations that open with “ and close with a straight " (news typography mixes them):
    “ opens, ” closes, a straight mark closes an open quotation and opens one otherwise."""
    out: list[tuple[int, int]] = []
    opened, curly = -1, False
    for m in _ANY_DOUBLE_QUOTE.finditer(text, start, end):
        mark = m.group()
        if opened < 0:
            if mark != "”":
                opened, curly = m.start(), mark == "“"
        elif mark != "“":
            if curly and mark == '"' and m.end() - opened <= 1500:
                out.append((opened, m.end()))
            opened = -1
    return out


_ANY_DOUBLE_QUOTE: Final = re.compile('[“”"]')


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def bound_length(text: str, s: int, e: int, limit: int = MAX_CLAIM_CHARS) -> list[tuple[int, int]]:
    """Cut a span longer than `limit` at commas, else at spaces, else hard: no claim is unbounded."""
    out: list[tuple[int, int]] = []
    while e - s > limit:
        window = text[s : s + limit]
        cut = max(window.rfind("،"), window.rfind(","), window.rfind("؛"), window.rfind(";"))
        if cut < limit // 3:
            cut = window.rfind(" ")
        if cut < limit // 3:
            cut = limit - 1
        a, b = _trim(text, s, s + cut + 1)
        if b > a:
            out.append((a, b))
        s, e = _trim(text, s + cut + 1, e)
    if e > s:
        out.append((s, e))
    return out
