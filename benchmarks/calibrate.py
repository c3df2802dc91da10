"""The confidence table: how often each kind of attribution decision is right on the gold.

    python benchmarks/calibrate.py            # the table, worst first
    python benchmarks/calibrate.py --python   # the table as the literal `_CONFIDENCE` in analyzer.py

Each decision is reduced to its signals (`workbench.text.analyzer._signals`: the basis, how the
reported words were introduced, how good the source phrase is, what weakens it). The confidence
of a kind is its share right, smoothed towards the middle (Laplace: one right and one wrong
added, so that rare kinds are not called sure) and rounded down to two decimals; only a kind
right at least 97% of the time on at least 15 decisions may reach 0.8 ("confident"), every
other kind stays at 0.79 or below. The blind holdout (fixtures/gold/holdout-*.json) is never
used here.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.text.analyzer import analyze
from workbench.text.gold import corpus_text, evaluate_protocol, group_by_article

SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "saudinewsnet"


def outcomes() -> list[tuple[tuple[str, ...], bool]]:
    exps = json.loads((SHARED / "gold/dev-ar-saudinewsnet.json").read_text(encoding="utf-8"))["expectations"]
    for path in sorted((ROOT / "fixtures/gold").glob("random-*.json")):
        exps += json.loads(path.read_text(encoding="utf-8"))["expectations"]
    rows: list[tuple[tuple[str, ...], bool]] = []
    for article, group in group_by_article(exps).items():
        analysis = analyze(corpus_text(CORPUS, article))
        for o in evaluate_protocol(analysis, group, article):
            holders = [c for c in analysis.claims if o.phrase in c.text]
            if len(holders) == 1:
                rows.append((holders[0].signals, o.ok))
    return rows


def confidence(right: int, n: int) -> float:
    smoothed = math.floor((right + 1) / (n + 2) * 100) / 100
    if n >= 15 and right / n >= 0.97:
        return max(0.8, smoothed)
    return min(0.79, smoothed)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", action="store_true")
    args = ap.parse_args()
    table: dict[tuple[str, ...], list[int]] = defaultdict(lambda: [0, 0])
    for signals, ok in outcomes():
        table[signals][0] += ok
        table[signals][1] += 1
    rows = sorted(table.items(), key=lambda kv: (kv[1][0] + 1) / (kv[1][1] + 2))
    if args.python:
        print("_CONFIDENCE: dict[tuple[str, ...], float] = {")
        for signals, (right, n) in sorted(table.items()):
            print(f"    {signals!r}: {confidence(right, n)},  # {right}/{n}")
        print("}")
        return
    print("command: python benchmarks/calibrate.py")
    for signals, (right, n) in rows:
        print(f"  {right:>4}/{n:<4} {confidence(right, n):.2f}  {' · '.join(signals)}")


if __name__ == "__main__":
    main()
