"""Where the SaudiNewsNet corpus is, and a stream of its articles."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from workbench.ingest.loaders import LoadError, RawArticle, iter_articles

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "saudinewsnet"


def corpus_articles(limit: int | None = None) -> Iterator[RawArticle]:
    if not CORPUS.exists():
        sys.exit(f"error: {CORPUS} not found (the benchmarks read ../shared/corpora/saudinewsnet)")
    items = (a for a in iter_articles([CORPUS]) if not isinstance(a, LoadError))
    return islice(items, limit) if limit else items


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
