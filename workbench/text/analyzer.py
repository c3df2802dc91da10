"""The analyzer: an article's text in, its claims with their sources out.

`analyze(text)` is pure (no database): lines are classified (publisher lines, links, bylines and
headings are not claims), text lines are split into sentences, sentences into clauses where the
attribution changes, and each clause is linked to the source its cue names, to the previous
source when a cue carries it on ("وأضاف", "he added"), or to the publisher's own voice.
All offsets are Python str offsets into `text`, end exclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

from workbench.sources.registry import Registry, default_registry
from workbench.text.attribution import Cue, Mention, SentenceView, arabic_cues
from workbench.text.attribution_en import (
    english_confidence,
    english_cues,
    name_before,
    plural_before,
    pronoun_kinds,
)
from workbench.text.checkworthy import rests_on_media, score_claim
from workbench.text.language import detect_language, is_arabic_script
from workbench.text.normalize import match_key
from workbench.text.segment import (
    INLINE_DATELINE,
    LineKind,
    bound_length,
    classify_lines,
    split_sentences,
)

_WORDS = re.compile(r"\w+")
# A bare common noun that refers back to the last source of its kind: "the agency", "الوكالة".
_GENERIC_BACK_REFERENCES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("agency", "وكاله"), ("news agency", "organization")),
    **dict.fromkeys(("ministry", "وزاره"), ("organization",)),
    **dict.fromkeys(("organization", "organisation", "منظمه", "group"), ("organization",)),
    **dict.fromkeys(("observatory", "مرصد"), ("organization",)),
    **dict.fromkeys(("newspaper", "paper", "صحيفه", "جريده"), ("outlet",)),
    **dict.fromkeys(("channel", "قناه"), ("outlet",)),
}
_LINK_SENTENCE = re.compile(r"(?:رابط الخبر|رابط المصدر|اقرأ أيضا|اقرأ أيضاً|Read more|Related:)", re.IGNORECASE)
_MENTION_WORDS = re.compile(r"[^\s]+")
_OPENING_QUOTE = re.compile(r"^[\"“«„'‘]")
_EDGE_PUNCT = "،,؛;:-–— \t"


@dataclass(slots=True)
class SourceInfo:
    mention: str
    start: int | None
    end: int | None
    canonical: str
    kind: str
    key: str | None = None  # registry key when the mention resolved to a registry entry
    reliability: str = "unknown"

    def to_json(self) -> dict[str, Any]:
        return {
            "mention": self.mention,
            "start": self.start,
            "end": self.end,
            "canonical": self.canonical,
            "kind": self.kind,
            "registry_key": self.key,
            "reliability": self.reliability,
        }


@dataclass(slots=True)
class ClaimResult:
    text: str
    start: int
    end: int
    attributed: bool
    source: SourceInfo | None
    cue: str | None = None
    rests_on_media: bool = False
    checkworthiness: float = 0.0
    features: list[str] = field(default_factory=list)
    norm: str = ""  # the claim folded for matching, whitespace as in the text (not in the JSON contract)
    # How sure the analyzer is of its decision, a source or the publisher's own voice (0-1).
    attribution_confidence: float = 0.5

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "attributed": self.attributed,
            "source": self.source.to_json() if self.source else None,
            "cue": self.cue,
            "rests_on_media": self.rests_on_media,
            "checkworthiness": self.checkworthiness,
            "features": self.features,
            "attribution_confidence": self.attribution_confidence,
        }


@dataclass(slots=True)
class Analysis:
    language: str
    publisher: SourceInfo | None
    claims: list[ClaimResult]

    def to_json(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "publisher": self.publisher.to_json() if self.publisher else None,
            "claims": [c.to_json() for c in self.claims],
        }


class _ArticleState:
    """What earlier sentences established: the last source, and the full names seen."""

    def __init__(self, registry: Registry, text: str = "") -> None:
        self.registry = registry
        self.text = text
        self.last: SourceInfo | None = None
        self.last_was_quote = False
        self.seen: list[SourceInfo] = []

    def resolve(self, mention: Mention) -> SourceInfo | None:
        if mention.kind == "pronoun":
            return self._pronoun(mention)
        text = mention.text
        entry = None
        leading = self.registry.resolve_leading(text)
        if leading is not None:
            # Keep the mention to the words that name the source.
            entry, n = leading
            words = list(_MENTION_WORDS.finditer(text))
            if n < len(words) and len(match_key(text).split()) == len(words):
                cut = words[n - 1].end()
                text = text[:cut]
                mention = Mention(mention.start, mention.start + cut, text, mention.kind, mention.quoted)
        else:
            entry = self.registry.resolve(text)
        if entry is not None:
            info = SourceInfo(text, mention.start, mention.end, entry.canonical, entry.kind, entry.key, entry.reliability)
        else:
            info = self._short_form(mention) or SourceInfo(
                text, mention.start, mention.end, _clean_name(text), mention.kind or "person"
            )
        self.seen.append(info)
        return info

    def _pronoun(self, mention: Mention) -> SourceInfo | None:
        """English "he said": the mention stays the pronoun, the source is the one it stands for,
        the last compatible source quoted or a person named since (None when there is neither)."""
        kinds = pronoun_kinds(mention.text)
        earlier = next((s for s in reversed(self.seen) if s.kind in kinds), None)
        found = earlier
        if mention.text.lower() in ("he", "she"):
            named = name_before(self.text, mention.start)
            if named is not None and (earlier is None or earlier.start is None or named[1] > earlier.start):
                name, at = named
                found = self._short_form(Mention(at, at + len(name), name, "person")) or SourceInfo(
                    name, at, at + len(name), name, "person")
        elif found is None and mention.text.lower() == "they":
            named = plural_before(self.text, mention.start)
            if named is not None:
                name, at = named
                found = SourceInfo(name, at, at + len(name), name, "group")
        if found is None:
            return None
        info = SourceInfo(mention.text, mention.start, mention.end, found.canonical, found.kind, found.key,
                          found.reliability)
        self.seen.append(info)
        return info

    def _short_form(self, mention: Mention) -> SourceInfo | None:
        """"المرصد" after "المرصد السوري لحقوق الإنسان", "the agency" after "the World Health
        Organization": the full name seen earlier."""
        key = match_key(mention.text).split()
        if not key:
            return None
        kinds = _GENERIC_BACK_REFERENCES.get(" ".join(key))
        if kinds:
            for earlier in reversed(self.seen):
                if earlier.kind in kinds and earlier.key is not None:
                    return SourceInfo(mention.text, mention.start, mention.end, earlier.canonical,
                                      earlier.kind, earlier.key, earlier.reliability)
        for earlier in reversed(self.seen):
            ek = match_key(earlier.mention).split()
            if len(ek) > len(key) and (ek[: len(key)] == key or set(key) <= set(ek)):
                return SourceInfo(mention.text, mention.start, mention.end, earlier.canonical,
                                  earlier.kind, earlier.key, earlier.reliability)
        return None


def _clean_name(text: str) -> str:
    return text.strip(" \"'“”«»()[]")


def find_publisher(text: str, registry: Registry, lines: list[Any] | None = None) -> SourceInfo | None:
    """The article's publisher line ("المصدر: كلنا شركاء", "(وكالات)", "Source: Reuters")."""
    lines = classify_lines(text) if lines is None else lines
    for line in reversed(lines):
        if line.kind in (LineKind.PUBLISHER, LineKind.CREDIT):
            return _publisher_info(text, line, registry)
    # A wire credit in a dateline: "الرياض - واس" on its own line, or "GENEVA (Reuters) -".
    for line in lines[:3]:
        if line.kind is LineKind.DATELINE:
            info = _publisher_info(text, line, registry)
            if info.key is not None:
                return info
        if line.kind is LineKind.TEXT:
            m = INLINE_DATELINE.match(text, line.start, line.end)
            if m:
                entry = registry.resolve(m.group("name"))
                if entry is not None:
                    s, e = m.span("name")
                    return SourceInfo(text[s:e], s, e, entry.canonical, entry.kind, entry.key, entry.reliability)
            break
    return None


def _publisher_info(text: str, line: Any, registry: Registry) -> SourceInfo:
    s, e = line.start, line.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    name = _clean_name(text[line.name_start : line.name_end])
    entry = registry.resolve(name)
    if entry is not None:
        return SourceInfo(text[s:e], s, e, entry.canonical, entry.kind if entry.kind != "publisher" else "outlet",
                          entry.key, entry.reliability)
    return SourceInfo(text[s:e], s, e, name, "outlet")


def publisher_from_name(name: str, registry: Registry | None = None) -> SourceInfo | None:
    """A publisher given outside the text (a feed's `source` field)."""
    name = name.strip()
    if not name:
        return None
    registry = registry or default_registry()
    entry = registry.resolve(name)
    if entry is not None:
        return SourceInfo(name, None, None, entry.canonical, entry.kind, entry.key, entry.reliability)
    return SourceInfo(name, None, None, name, "outlet")


def analyze(text: str, registry: Registry | None = None, publisher_hint: str | None = None) -> Analysis:
    """Split `text` into claims and link each to its source."""
    registry = registry or default_registry()
    language = detect_language(text)
    lines = classify_lines(text)
    publisher = find_publisher(text, registry, lines)
    if publisher is None and publisher_hint:
        publisher = publisher_from_name(publisher_hint, registry)
    voice = replace(publisher, kind="publisher") if publisher else None
    state = _ArticleState(registry, text)
    claims: list[ClaimResult] = []
    for line in lines:
        if line.kind is not LineKind.TEXT:
            continue
        for s, e in split_sentences(text, line.start, line.end):
            if _LINK_SENTENCE.match(text, s, e):
                continue  # "رابط الخبر بصحيفة الوئام: …" at the end of a paragraph
            claims.extend(_sentence_claims(text, s, e, state, voice))
    return Analysis(language, publisher, claims)


def _sentence_claims(text: str, s: int, e: int, state: _ArticleState, voice: SourceInfo | None) -> list[ClaimResult]:
    sv = SentenceView(text, s, e)
    arabic = is_arabic_script(text[s:e])
    found = arabic_cues(sv) if arabic else english_cues(sv)
    # Cut where a new source takes the word: a cue with its own source and a content marker,
    # after at least three words of other content.
    cuts = [s]
    for found_cue in found:
        if (found_cue.type in ("verb", "prep") and found_cue.mention is not None and found_cue.full
                and not found_cue.deferred and len(_WORDS.findall(text[cuts[-1] : found_cue.start])) >= 3):
            cuts.append(found_cue.start)
    bounds = [*cuts, e]
    out: list[ClaimResult] = []
    for a, b in pairwise(bounds):
        in_clause = [c for c in found if a <= c.start < b]
        source, cue = _clause_source(in_clause, state)
        if source is None and not in_clause and state.last_was_quote and _OPENING_QUOTE.match(text[a:b].lstrip()):
            # A quotation that follows an attributed quotation goes on in the same voice.
            source = state.last
        attributed = source is not None
        if source is not None:
            state.last = source
        state.last_was_quote = source is not None and any(q in text[a:b] for q in '"“«')
        for cs, ce in bound_length(text, *_trim_clause(text, a, b)):
            norm = sv.norm_of(cs, ce)
            word_list = _WORDS.findall(norm)
            if len(word_list) < 2:
                continue
            words = set(word_list)
            media = rests_on_media(norm, words)
            src = source if attributed else voice
            score, features = score_claim(text[cs:ce], src.kind if src else None, media, norm, words)
            claim = ClaimResult(text[cs:ce], cs, ce, attributed, src, cue.word if cue else None,
                                media, score, features, norm)
            if not arabic:
                claim.attribution_confidence = english_confidence(cue, claim.text, attributed)
            out.append(claim)
    return out


def _clause_source(cues: list[Cue], state: _ArticleState) -> tuple[SourceInfo | None, Cue | None]:
    """The first cue in the clause that names a source or carries the last one on."""
    for c in cues:
        if c.mention is not None:
            info = state.resolve(c.mention)
            if info is None:
                continue  # an English pronoun that stands for no one named before
            return info, c
        if c.continuation and state.last is not None and c.type != "prep":
            return state.last, c
    for c in cues:
        if c.continuation and state.last is not None:
            return state.last, c
    return None, None


def _trim_clause(text: str, a: int, b: int) -> tuple[int, int]:
    while (a < b and text[a] in _EDGE_PUNCT) or (a < b and text[a].isspace()):
        a += 1
    while b > a and (text[b - 1] in _EDGE_PUNCT or text[b - 1].isspace()):
        b -= 1
    return a, b
