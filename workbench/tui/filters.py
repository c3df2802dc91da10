"""The queue's filter language: space-separated conditions, all of which must hold.

    status:unchecked   status:false,misleading   kind:unnamed   lang:ar   source:reuters
    article:3   media   worth>0.5   worth<0.2   seen   -media (a leading minus negates)
"""

from __future__ import annotations

import re
from collections.abc import Callable

from workbench.services.claims import QueueRow
from workbench.storage.models import Status
from workbench.text.normalize import fold


class FilterError(ValueError):
    pass


def _one(term: str) -> Callable[[QueueRow], bool]:
    neg = term.startswith("-")
    term = term[1:] if neg else term
    m = re.fullmatch(r"worth([<>]=?)(\d*\.?\d+)", term)
    if m:
        op, value = m.group(1), float(m.group(2))
        tests = {">": lambda r: r.checkworthiness > value, ">=": lambda r: r.checkworthiness >= value,
                 "<": lambda r: r.checkworthiness < value, "<=": lambda r: r.checkworthiness <= value}
        test = tests[op]
    elif term == "media":
        test = lambda r: r.rests_on_media  # noqa: E731
    elif term == "seen":
        test = lambda r: r.seen_before_id is not None  # noqa: E731
    elif ":" in term:
        key, _, raw = term.partition(":")
        values = [v for v in raw.split(",") if v]
        if not values:
            raise FilterError(f"{term!r}: a value is missing after ':'")
        if key == "status":
            try:
                wanted = {Status.parse(v).value for v in values}
            except ValueError as exc:
                raise FilterError(str(exc)) from exc
            test = lambda r: r.status in wanted  # noqa: E731
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
        elif key == "source":
            needles = [fold(v) for v in values]
            test = lambda r: any(n in fold(r.source_name or "") for n in needles)  # noqa: E731
        else:
            raise FilterError(f"unknown filter {key!r} (status, kind, lang, source, article, media, seen, worth)")
    else:
        raise FilterError(f"unknown filter {term!r} (status:…, kind:…, lang:…, source:…, article:…, media, seen, worth>…)")
    return (lambda r: not test(r)) if neg else test


def parse_filter(spec: str) -> Callable[[QueueRow], bool]:
    tests = [_one(t) for t in spec.split()]
    if len(tests) == 1:
        return tests[0]
    return lambda r: all(t(r) for t in tests)
