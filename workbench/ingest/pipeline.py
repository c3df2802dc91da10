"""The analysis pipeline of ingest: an article's identity (its content hash), its analysis into
what storing needs, in plain tuples, and the stream that analyses articles on every core."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice

from workbench.ingest.budget import AnalysisTooSlow, analysis_budget, time_limit
from workbench.ingest.loaders import LoadError, RawArticle
from workbench.sources.registry import Registry, default_registry
from workbench.storage.models import stored_confidence
from workbench.text.analyzer import SourceInfo, analyze
from workbench.text.similar import claim_keys

_INVISIBLE = re.compile("[\u0640\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+")


def content_hash(text: str) -> str:
    """The identity of an article: its text with whitespace collapsed and invisible characters
    (tatweel, zero-width and bidi marks, BOM) removed, so the same article from another encoding,
    crawl or line-wrapping is one article. Fast: a regular expression and a split, in C."""
    folded = " ".join(_INVISIBLE.sub("", text).split())
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()


# What the analysis of an article leaves for storing, in plain tuples: they cross from the worker
# processes in a fraction of the time dataclasses take, and the article's text does not cross back.
# A source: (key, canonical, kind, reliability, mention, start, end).
SourceT = tuple[str | None, str, str, str, str, int | None, int | None]
# A claim: (start, end, attributed, source, cue, rests_on_media, checkworthiness, features, norm,
# attribution_confidence).
ClaimT = tuple[int, int, bool, SourceT | None, str | None, bool, float, str, str, float | None]


@dataclass(slots=True)
class PreparedArticle:
    item: RawArticle
    digest: str
    language: str
    publisher: SourceT | None
    claims: list[ClaimT]
    keys: list[list[int]]  # blocking keys per claim


@dataclass(slots=True)
class Duplicate:
    """An article already stored (or met earlier in this batch): not analysed again."""

    digest: str


_Analysed = tuple[str, "SourceT | None", list[ClaimT], list[list[int]]]


def _source_t(src: SourceInfo) -> SourceT:
    return (src.key, src.canonical, src.kind, src.reliability, src.mention, src.start, src.end)


def _analyse(item: RawArticle, registry: Registry | None = None) -> _Analysed:
    """What storing needs of an article's analysis (its hash is taken before: see `prepared_stream`)."""
    analysis = analyze(item.text, registry or default_registry(), publisher_hint=item.publisher)
    sources: dict[int, SourceT] = {}  # one tuple per source object, so it is pickled once

    def src_t(src: SourceInfo | None) -> SourceT | None:
        if src is None:
            return None
        t = sources.get(id(src))
        if t is None:
            t = sources[id(src)] = _source_t(src)
        return t

    claims = [(c.start, c.end, c.attributed, src_t(c.source), c.cue, c.rests_on_media, c.checkworthiness,
               ",".join(c.features), c.norm, stored_confidence(c.attribution_confidence)) for c in analysis.claims]
    return (analysis.language, src_t(analysis.publisher), claims,
            [claim_keys(c[8]) for c in claims])


def _analyse_safely(item: RawArticle, registry: Registry | None = None) -> _Analysed | str:
    """The analysis, or why it failed: one article the analyzer chokes on (a bug, a recursion
    limit, a text that would take it minutes) is one error line, never the end of the batch."""
    budget = analysis_budget(len(item.text))
    try:
        with time_limit(budget):
            return _analyse(item, registry)
    except AnalysisTooSlow:
        return (f"cannot be analysed in reasonable time (stopped after {budget:.0f} s: a text built to slow the "
                "analysis down?)")
    except RecursionError:
        return "cannot be analysed (nested too deeply)"
    except Exception as exc:
        lines = str(exc).strip().splitlines()
        return f"cannot be analysed ({type(exc).__name__}{': ' + lines[0][:200] if lines else ''})"


def _prepared(item: RawArticle, digest: str, analysed: _Analysed | str) -> PreparedArticle | LoadError:
    if isinstance(analysed, str):
        return LoadError(item.origin, analysed)
    return PreparedArticle(item, digest, *analysed)


def _analyse_chunk(chunk: list[RawArticle]) -> list[_Analysed | str]:
    return [_analyse_safely(item) for item in chunk]


def _lower_priority() -> None:
    """Workers yield to the process that stores: it is the one the others wait for."""
    with contextlib.suppress(OSError):
        os.nice(5)


PARALLEL_AFTER = 200  # articles: below this, starting worker processes costs more than it saves


def prepared_stream(
    items: Iterable[RawArticle | LoadError],
    registry: Registry | None = None,
    workers: int | None = None,
    is_known: Callable[[list[str]], list[bool]] | None = None,
) -> Iterator[PreparedArticle | LoadError | Duplicate]:
    """Hash and analyse articles, in order; on every core for a long stream (analysis is most
    of the cost), reading ahead a bounded number so that memory stays flat whatever the size.
    Articles `is_known` recognises by their hash are not analysed at all."""

    def screened() -> Iterator[tuple[RawArticle | LoadError | Duplicate, str]]:
        source = iter(items)
        while chunk := list(islice(source, 64)):
            digests = [content_hash(i.text) if isinstance(i, RawArticle) else "" for i in chunk]
            flags = is_known(digests) if is_known is not None else [False] * len(chunk)
            for item, digest, known in zip(chunk, digests, flags, strict=True):
                yield (Duplicate(digest) if known else item), digest

    it = screened()
    head = list(islice(it, PARALLEL_AFTER))
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    if n_workers <= 1 or len(head) < PARALLEL_AFTER or (registry is not None and registry is not default_registry()):
        for item, digest in chain(head, it):
            yield _prepared(item, digest, _analyse_safely(item, registry)) if isinstance(item, RawArticle) else item
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    source = chain(head, it)
    Chunk = list[tuple[RawArticle | LoadError | Duplicate, str]]
    with ProcessPoolExecutor(max_workers=n_workers, mp_context=ctx, initializer=_lower_priority) as pool:
        # Only the articles go to the workers, and only what storing needs comes back.
        in_flight: deque[tuple[Chunk, Future[list[_Analysed | str]] | None]] = deque()
        broken = False

        def submit() -> bool:
            chunk = list(islice(source, 32))
            if chunk:
                articles = [item for item, _ in chunk if isinstance(item, RawArticle)]
                in_flight.append((chunk, None if broken else pool.submit(_analyse_chunk, articles)))
            return bool(chunk)

        for _ in range(n_workers * 3):
            if not submit():
                break
        while in_flight:
            chunk, future = in_flight.popleft()
            try:
                results: list[_Analysed | str] | None = future.result() if future is not None else None
            except BrokenProcessPool:
                # A worker was killed (out of memory, a signal): the rest is analysed here.
                broken, results = True, None
            if results is None:
                results = [_analyse_safely(item) for item, _ in chunk if isinstance(item, RawArticle)]
            done = iter(results)
            submit()
            for item, digest in chunk:
                yield _prepared(item, digest, next(done)) if isinstance(item, RawArticle) else item
