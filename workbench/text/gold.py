"""Scoring the analyzer against hand annotations ("gold" files).

Two formats are read:

* the annotation protocol of ``../shared/gold/ANNOTATION.md`` (the dev set, and the project's
  own gold grown by random draws): an expectation names a phrase that must lie inside exactly one
  claim and the source phrases a checker accepts for it, or ``["publisher"]`` for the
  newspaper's own voice. A claim's mention is accepted when, after light normalisation
  (diacritics, tatweel, alef/yaa/teh-marbuta forms, punctuation), its fuzzy ratio to one accepted
  form is at least 85;
* the project's first gold (``fixtures/gold/saudinewsnet.json``, ``english.json``): one expected
  source, ``publisher``, a registry canonical name or the phrase as written.

Every miss has a kind: *split* (the phrase is in no claim or in several), *missing* (a source is
cited, none given), *invented* (the paper's own voice, a source given) and *wrong* (another
source given). Wrong and invented are the ones that mislead a checker.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from workbench.sources.registry import Registry, default_registry
from workbench.text.analyzer import Analysis, ClaimResult
from workbench.text.normalize import match_key, normalize

CONFIDENT = 0.8
KINDS = ("split", "missing", "invented", "wrong")
_PUNCT = re.compile(r"[^\w\s]+")


@dataclass(slots=True)
class Outcome:
    phrase: str
    expected: str  # "publisher" or the accepted forms joined by " | "
    ok: bool
    found_in: int  # how many claims hold the phrase
    got: str | None  # what the holding claim was linked to ("publisher" for the paper's voice)
    kind: str = "ok"  # ok, split, missing, invented, wrong
    confidence: float | None = None  # the holding claim's attribution_confidence
    label: str = ""  # the article
    pattern: str = ""

    def describe(self) -> str:
        where = f"{self.label}: " if self.label else ""
        conf = f" (confidence {self.confidence:.2f})" if self.confidence is not None else ""
        if self.found_in != 1:
            return f"{where}[split] {self.phrase!r}: in {self.found_in} claims"
        return f"{where}[{self.kind}] {self.phrase!r}: linked to {self.got!r}, expected {self.expected!r}{conf}"


def light_key(text: str) -> str:
    """The protocol's light normalisation: folded spelling, no punctuation, single spaces."""
    return " ".join(_PUNCT.sub(" ", normalize(text)).split())


def mention_accepted(mention: str, accepted: Iterable[str], threshold: float = 85) -> bool:
    got = light_key(mention)
    return bool(got) and any(fuzz.ratio(got, light_key(a)) >= threshold for a in accepted)


def _classify(claim: ClaimResult, ok: bool, expects_publisher: bool) -> str:
    if ok:
        return "ok"
    if expects_publisher:
        return "invented"
    return "missing" if not claim.attributed or claim.source is None else "wrong"


def _holding(analysis: Analysis, phrase: str) -> list[ClaimResult]:
    return [c for c in analysis.claims if phrase in c.text]


def _got(claim: ClaimResult) -> str | None:
    if not claim.attributed:
        return "publisher"
    return claim.source.mention if claim.source else None


def evaluate_protocol(analysis: Analysis, expectations: list[dict], label: str = "") -> list[Outcome]:
    """Score one article against expectations written to ANNOTATION.md."""
    out: list[Outcome] = []
    for exp in expectations:
        phrase, sources = exp["claim_contains"], exp["sources"]
        publisher = sources == ["publisher"]
        expected = "publisher" if publisher else " | ".join(sources)
        holders = _holding(analysis, phrase)
        if len(holders) != 1:
            out.append(Outcome(phrase, expected, False, len(holders), None, "split", None, label,
                               exp.get("pattern", "")))
            continue
        claim = holders[0]
        if publisher:
            ok = not claim.attributed
        else:
            ok = claim.attributed and claim.source is not None and mention_accepted(claim.source.mention, sources)
        out.append(Outcome(phrase, expected, ok, 1, _got(claim), _classify(claim, ok, publisher),
                           claim.attribution_confidence, label, exp.get("pattern", "")))
    return out


def source_matches(claim: ClaimResult, expected: str, registry: Registry | None = None) -> bool:
    """The first gold format: one expected source, matched by canonical name or contained phrase."""
    if expected == "publisher":
        return not claim.attributed
    src = claim.source
    if not claim.attributed or src is None:
        return False
    if expected == src.canonical:
        return True
    entry = (registry or default_registry()).resolve(expected)
    if entry is not None and entry.canonical == src.canonical:
        return True
    want, got = match_key(expected), match_key(src.mention)
    if not want or not got:
        return False
    if want == got or f" {want} " in f" {got} ":
        return True
    return len(got.split()) >= 2 and f" {got} " in f" {want} "


def evaluate(analysis: Analysis, expectations: list[dict[str, str]], registry: Registry | None = None,
             label: str = "") -> list[Outcome]:
    """Score one article against expectations of the first gold format."""
    out: list[Outcome] = []
    for exp in expectations:
        phrase, expected = exp["claim_contains"], exp["source"]
        holders = _holding(analysis, phrase)
        if len(holders) != 1:
            out.append(Outcome(phrase, expected, False, len(holders), None, "split", None, label))
            continue
        claim = holders[0]
        ok = source_matches(claim, expected, registry)
        out.append(Outcome(phrase, expected, ok, 1, _got(claim), _classify(claim, ok, expected == "publisher"),
                           claim.attribution_confidence, label))
    return out


@dataclass(slots=True)
class Summary:
    total: int
    right: int
    errors: Counter[str]
    confident: int  # expectations whose holding claim has confidence >= CONFIDENT
    confident_right: int

    @property
    def accuracy(self) -> float:
        return self.right / max(1, self.total)

    @property
    def misleading(self) -> float:
        """The share of expectations given a wrong or an invented source."""
        return (self.errors["wrong"] + self.errors["invented"]) / max(1, self.total)

    @property
    def confident_precision(self) -> float:
        return self.confident_right / max(1, self.confident)

    @property
    def coverage(self) -> float:
        return self.confident / max(1, self.total)

    def line(self, name: str) -> str:
        kinds = ", ".join(f"{k} {self.errors[k]}" for k in KINDS)
        return (f"{name}: {self.right}/{self.total} = {self.accuracy:.1%} right ({kinds}; "
                f"wrong+invented {self.misleading:.1%}); confident (>= {CONFIDENT}): "
                f"{self.confident_right}/{self.confident} = {self.confident_precision:.1%} right, "
                f"covering {self.coverage:.1%}")


def summarize(outcomes: list[Outcome]) -> Summary:
    errors: Counter[str] = Counter(o.kind for o in outcomes if not o.ok)
    confident = [o for o in outcomes if o.confidence is not None and o.confidence >= CONFIDENT]
    return Summary(len(outcomes), sum(o.ok for o in outcomes), errors, len(confident),
                   sum(o.ok for o in confident))


@lru_cache(maxsize=64)
def _day(corpus: Path, day: str) -> list[dict]:
    with zipfile.ZipFile(corpus / f"{day}.zip") as zf:
        return json.loads(zf.read(zf.namelist()[0]))


def corpus_text(corpus: Path, article: str) -> str:
    """The text of a SaudiNewsNet article named "YYYY-MM-DD#index" (index into that day's array)."""
    day, _, index = article.partition("#")
    return str(_day(corpus, day)[int(index)]["content"])


def group_by_article(expectations: list[dict]) -> dict[str, list[dict]]:
    by: dict[str, list[dict]] = {}
    for exp in expectations:
        by.setdefault(exp["article"], []).append(exp)
    return by
