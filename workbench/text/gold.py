"""Scoring the analyzer against hand annotations ("gold" files).

An expectation names a phrase that must lie inside exactly one extracted claim, and the source
that claim must be linked to: ``publisher`` (the article's own voice), a registry canonical name,
or the source phrase as the article writes it. A written phrase matches the claim's mention when,
after normalisation, one contains the other (the shorter having at least two words), so that
"مسؤول محلي" matches "مسؤول محلي واحد" but "الشركة" does not match "شركة غو برو".
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.sources.registry import Registry, default_registry
from workbench.text.analyzer import Analysis, ClaimResult
from workbench.text.normalize import match_key


@dataclass(slots=True)
class Outcome:
    phrase: str
    expected: str
    ok: bool
    found_in: int  # how many claims hold the phrase
    got: str | None  # what the holding claim was linked to

    def describe(self) -> str:
        if self.found_in != 1:
            return f"{self.phrase!r}: in {self.found_in} claims"
        return f"{self.phrase!r}: linked to {self.got!r}, expected {self.expected!r}"


def source_matches(claim: ClaimResult, expected: str, registry: Registry | None = None) -> bool:
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


def evaluate(analysis: Analysis, expectations: list[dict[str, str]], registry: Registry | None = None) -> list[Outcome]:
    out: list[Outcome] = []
    for exp in expectations:
        phrase, expected = exp["claim_contains"], exp["source"]
        holders = [c for c in analysis.claims if phrase in c.text]
        if len(holders) != 1:
            out.append(Outcome(phrase, expected, False, len(holders), None))
            continue
        claim = holders[0]
        got = "publisher" if not claim.attributed else (claim.source.mention if claim.source else None)
        out.append(Outcome(phrase, expected, source_matches(claim, expected, registry), 1, got))
    return out
