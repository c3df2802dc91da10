"""The queue's filter language: space-separated conditions, all of which must hold.

    status:unchecked   status:false,misleading   kind:unnamed   lang:ar   article:3
    source:reuters   source:المرصد   source:"Aleppo Media Center"   source:«مركز حلب»
    media   seen   worth>0.5   worth<0.2   -media (a leading minus negates)
    confirmed:no   confirmed:yes   conf<0.8   conf>=0.8 (the analyzer's confidence in the source)
    mine   unassigned   assignee:omar   assignee:"أمل الحسن",omar (who holds the claim)

`source:` matches any name the source is known by (its canonical name and every alias, Arabic or
English), spelling folded and the definite article ignored, so "المرصد", "مرصد" and "observatory"
all find the Syrian Observatory. A value with spaces is quoted ("…", “…”, «…» or '…'). `conf<x` also holds for a claim the
analyzer gave no confidence for (stored before it did): like a low one, it needs a look.
`mine` is the claims the checker at the desk holds, `unassigned` those nobody holds, `assignee:`
those the checkers named hold (a name as written, any case).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from workbench.services.claims import QueueRow
from workbench.storage.models import Status
from workbench.text.normalize import match_key

FILTER_HELP = 'mine status:unchecked source:"Aleppo Media Center" confirmed:no conf<0.8 lang:ar worth>0.5 media -seen'
_QUOTES = {'"': '"', "“": "”", "«": "»", "'": "'"}


class FilterError(ValueError):
    pass


def split_terms(spec: str) -> list[str]:
    """The conditions of a filter: split at spaces, except inside quotes (which are dropped)."""
    terms: list[str] = []
    current: list[str] = []
    closing: str | None = None
    quoted = False
    for ch in spec:
        if closing is not None:
            if ch == closing:
                closing = None
            else:
                current.append(ch)
        elif ch in _QUOTES and (not current or current[-1] in ":,"):  # People's is a name, not a quote
            closing, quoted = _QUOTES[ch], True
        elif ch.isspace():
            if current or quoted:
                terms.append("".join(current))
            current, quoted = [], False
        else:
            current.append(ch)
    if closing is not None:
        raise FilterError(f"a quote is not closed: {spec.strip()!r}")
    if current or quoted:
        terms.append("".join(current))
    return terms


def quoted(value: str) -> str:
    """A value written so that the filter reads it whole: in the first kind of quotes it does not hold."""
    for opening, closing in _QUOTES.items():
        if closing not in value:
            return f"{opening}{value}{closing}"
    return value


def _values(raw: str) -> list[str]:
    return [v.strip() for v in raw.split(",") if v.strip()]


def _one(term: str, sources: Mapping[int, str] | None, me: str | None) -> Callable[[QueueRow], bool]:
    neg = term.startswith("-")
    term = term[1:] if neg else term
    m = re.fullmatch(r"worth([<>]=?)(\d*\.?\d+)", term)
    test: Callable[[QueueRow], bool]
    if m:
        op, value = m.group(1), float(m.group(2))
        tests: dict[str, Callable[[QueueRow], bool]] = {
            ">": lambda r: r.checkworthiness > value, ">=": lambda r: r.checkworthiness >= value,
            "<": lambda r: r.checkworthiness < value, "<=": lambda r: r.checkworthiness <= value}
        test = tests[op]
    elif m := re.fullmatch(r"conf(?:idence)?([<>]=?)(\d*\.?\d+)", term):
        op, value = m.group(1), float(m.group(2))
        sure: dict[str, Callable[[float], bool]] = {">": lambda c: c > value, ">=": lambda c: c >= value,
                                                    "<": lambda c: c < value, "<=": lambda c: c <= value}
        compare, unknown = sure[op], op.startswith("<")  # no figure counts as unsure

        def test(r: QueueRow) -> bool:
            return unknown if r.attribution_confidence is None else compare(r.attribution_confidence)
    elif term == "media":
        test = lambda r: r.rests_on_media  # noqa: E731
    elif term == "seen":
        test = lambda r: r.seen_before_id is not None  # noqa: E731
    elif term == "mine":
        if me is None:
            raise FilterError("'mine': whose? (the desk's checker is not known here)")
        test = lambda r: r.assignee == me  # noqa: E731
    elif term == "unassigned":
        test = lambda r: r.assignee is None  # noqa: E731
    elif ":" in term:
        key, _, raw = term.partition(":")
        values = _values(raw)
        if not values:
            raise FilterError(f"{term!r}: a value is missing after ':'")
        if key == "status":
            try:
                wanted = {Status.parse(v).value for v in values}
            except ValueError as exc:
                raise FilterError(str(exc)) from exc
            test = lambda r: r.status in wanted  # noqa: E731
        elif key == "confirmed":
            yes = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False, "false": False, "0": False}
            if any(v.lower() not in yes for v in values):
                raise FilterError(f"{term!r}: confirmed:yes or confirmed:no")
            wanted_flags = {yes[v.lower()] for v in values}
            test = lambda r: r.source_confirmed in wanted_flags  # noqa: E731
        elif key == "kind":
            kinds = {v.replace("_", " ") for v in values}
            test = lambda r: (r.source_kind or "") in kinds  # noqa: E731
        elif key in ("lang", "language"):
            test = lambda r: r.language in values  # noqa: E731
        elif key == "article":
            try:
                ids = {int(v) for v in values}
            except ValueError as exc:
                raise FilterError(f"{term!r}: article ids are numbers") from exc
            test = lambda r: r.article_id in ids  # noqa: E731
        elif key in ("assignee", "checker"):
            holders = {v.casefold() for v in values}
            test = lambda r: r.assignee is not None and r.assignee.casefold() in holders  # noqa: E731
        elif key == "source":
            needles = [match_key(v) for v in values]
            if not all(needles):
                raise FilterError(f"{term!r}: a source name has no letters")
            names = sources or {}

            def test(r: QueueRow) -> bool:
                known = names.get(r.source_id) if r.source_id is not None else None
                hay = known if known is not None else match_key(r.source_name or "")
                return any(n in hay for n in needles)
        else:
            raise FilterError(f"unknown filter {key!r} (status, kind, lang, source, confirmed, article, assignee, media, "
                              "seen, mine, unassigned, worth, conf)")
    else:
        raise FilterError(f"unknown filter {term!r} (status:…, kind:…, lang:…, source:…, confirmed:…, article:…, "
                          "assignee:…, mine, unassigned, media, seen, worth>…, conf<…)")
    return (lambda r: not test(r)) if neg else test


def source_keys(names: Mapping[int, Sequence[str]]) -> dict[int, str]:
    """Each source's names (canonical and aliases) folded into one string to look in."""
    return {sid: " | ".join(match_key(n) for n in ns) for sid, ns in names.items()}


def parse_filter(spec: str, sources: Mapping[int, Sequence[str]] | None = None, *,
                 me: str | None = None) -> Callable[[QueueRow], bool]:
    """The test a filter puts each claim to. `sources` gives every name of each source (by id),
    for `source:`; without it, only the name the queue row carries is looked in. `me` is the
    checker at the desk, for `mine`."""
    keys = source_keys(sources) if sources is not None else None
    tests = [_one(t, keys, me) for t in split_terms(spec)]
    if len(tests) == 1:
        return tests[0]
    return lambda r: all(t(r) for t in tests)
