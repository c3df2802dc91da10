"""The source registry: who a mention refers to.

A registry entry has a canonical name, aliases in Arabic, English and transliteration, web domains,
a kind and a starting reliability. Mentions are resolved after normalisation (`match_key`: folded
spelling, quotes and brackets dropped, the Arabic article removed), first exactly, then on their
leading words, then fuzzily with rapidfuzz.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from workbench.resources import fixtures_dir
from workbench.text.normalize import match_key, normalize

KINDS = (
    "publisher",
    "outlet",
    "news agency",
    "organization",
    "official",
    "person",
    "unnamed",
    "group",
    "social media",
    "document",  # a report, a poll, records, a video: what a source published, when the text names no author
)
RELIABILITY = ("credible", "mixed", "not credible", "unknown")
FUZZY_CUTOFF = 90.0


@dataclass(frozen=True, slots=True)
class RegistrySource:
    key: str
    canonical: str
    kind: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    reliability: str = "unknown"
    note: str = ""


@dataclass
class Registry:
    sources: list[RegistrySource]
    _by_key: dict[str, RegistrySource] = field(default_factory=dict, repr=False)
    _keys: list[str] = field(default_factory=list, repr=False)
    # Resolutions already made (the fuzzy step is the costly one); bounded.
    _cache: dict[str, RegistrySource | None] = field(default_factory=dict, repr=False)
    _leading_cache: dict[str, tuple[RegistrySource, int] | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for src in self.sources:
            for name in (src.canonical, *src.aliases, *src.domains):
                k = match_key(name)
                if k:
                    self._by_key.setdefault(k, src)
        self._keys = list(self._by_key)

    @classmethod
    def from_json(cls, path: Path) -> Registry:
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data["sources"] if isinstance(data, dict) else data
        return cls([_entry(d) for d in items])

    def resolve(self, mention: str, fuzzy: bool = True) -> RegistrySource | None:
        """The registry entry `mention` names, or None. Without `fuzzy`, only exact names and
        their leading words count (the analyzer's quick check for people's names)."""
        key = match_key(mention)
        if not fuzzy:
            hit = self._by_key.get(key)
            return hit if hit is not None or key in self._cache else _resolve_key(self, key, fuzzy=False)
        try:
            return self._cache[key]
        except KeyError:
            pass
        if len(self._cache) > 50_000:
            self._cache.clear()
        # A coordinated name ("وزارة الصحة والعمل والضمان الاجتماعي") is another body than its
        # leading words name: it resolves only as a whole.
        coordinated = any(w.startswith("وال") for w in normalize(mention).split()[1:])
        hit = self._cache[key] = _resolve_key(self, key, leading=not coordinated)
        return hit

    def resolve_leading(self, mention: str) -> tuple[RegistrySource, int] | None:
        """The entry named by the leading words of `mention`, and how many words it took:
        "وزارة الصحة تسجيل 5 إصابات" -> (Saudi Ministry of Health, 2)."""
        key = match_key(mention)
        try:
            return self._leading_cache[key]
        except KeyError:
            pass
        if len(self._leading_cache) > 50_000:
            self._leading_cache.clear()
        hit = self._leading_cache[key] = self._leading(key)
        return hit

    def _leading(self, key: str) -> tuple[RegistrySource, int] | None:
        words = key.split()
        for n in range(len(words), 0, -1):
            if n == 1 and len(words[0]) < 4:
                break
            hit = self._by_key.get(" ".join(words[:n]))
            if hit is not None:
                return hit, n
        return None


def _resolve_key(reg: Registry, key: str, fuzzy: bool = True, leading: bool = True) -> RegistrySource | None:
    if not key:
        return None
    hit = reg._by_key.get(key)
    if hit is not None:
        return hit
    words = key.split()
    # Leading words: "وكالة رويترز للأنباء في لندن" -> "وكالة رويترز للأنباء".
    for n in range(len(words) - 1, 1, -1) if leading else ():
        hit = reg._by_key.get(" ".join(words[:n]))
        if hit is not None:
            return hit
    if not fuzzy or len(key) < 5 or len(words) > 8:
        return None  # too short to compare, or a long description no registry name is
    found = process.extractOne(key, reg._keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return reg._by_key[found[0]] if found else None


def _entry(d: dict[str, object]) -> RegistrySource:
    def strs(name: str) -> tuple[str, ...]:
        value = d.get(name) or ()
        return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()

    kind = str(d.get("kind", "organization"))
    if kind not in KINDS:
        raise ValueError(f"source {d.get('key')!r}: unknown kind {kind!r}")
    return RegistrySource(
        key=str(d["key"]),
        canonical=str(d["canonical"]),
        kind=kind,
        aliases=strs("aliases"),
        domains=strs("domains"),
        reliability=str(d.get("reliability", "unknown")),
        note=str(d.get("note", "")),
    )


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """The registry shipped in `fixtures/sources.json`."""
    return Registry.from_json(fixtures_dir() / "sources.json")
