"""Analyzer throughput over SaudiNewsNet in one process (no database).

    python benchmarks/analyze_rate.py            # the whole corpus
    python benchmarks/analyze_rate.py --limit 5000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._corpus import corpus_articles, peak_rss_mb
from workbench.text.analyzer import analyze


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    texts = [a.text for a in corpus_articles(args.limit or None)]
    chars = sum(len(t) for t in texts)
    t0 = time.perf_counter()
    claims = attributed = 0
    for t in texts:
        r = analyze(t)
        claims += len(r.claims)
        attributed += sum(1 for c in r.claims if c.attributed)
    dt = time.perf_counter() - t0
    print(f"command: python benchmarks/analyze_rate.py{' --limit ' + str(args.limit) if args.limit else ''}")
    print(f"{len(texts):,} articles ({chars / 1e6:.1f} M characters) in {dt:.1f} s = {len(texts) / dt:,.0f} articles/s")
    print(f"{claims:,} claims, {attributed:,} attributed ({attributed / max(1, claims):.0%})")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
