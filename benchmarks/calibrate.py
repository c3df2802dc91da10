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

The gold above was read to improve the analyzer, so on it every kind looks better than it is on
articles nobody has read. fixtures/gold/arrival.json keeps the decisions the analyzer made on
each random batch the day it arrived, before its errors were read (`benchmarks/arrival_rows.py`):
a kind decided at least 15 times there and right less often than `arrival_floor` (97% less one
standard error on that many decisions, at least 95%) never reaches 0.8, whatever the read gold
says (a source with words between it and what it said, "other", was right 79% of the time there
against 98% on the read gold).
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


ARRIVAL_FLOOR = 0.95  # (fewer decisions there: a kind 97% right may show 95% on a few dozen)


def arrival_floor(n: int) -> float:
    """How often a kind must have been right on `n` arrival decisions to stay eligible: 97% less
    one standard error of a 97% rate on n decisions, and never less than ARRIVAL_FLOOR. A kind
    seen a few dozen times may show 95% by chance; one seen hundreds of times at 95% is not a 97%
    kind ("explicit · marked · strong · alone · tight · busy": 262/275 = 95.3%)."""
    return max(ARRIVAL_FLOOR, 0.97 - math.sqrt(0.97 * 0.03 / n))


def arrival() -> dict[tuple[str, ...], list[int]]:
    """Right and total per kind on the batches as they arrived: a source read after its verb
    and introduced by أن, a colon or a quotation with what stood between (there the rows hold
    exactly what `_gap` reads), and the kinds that read no source phrase (the paper's voice,
    continuations), whose signals have not changed since."""
    table: dict[tuple[str, ...], list[int]] = defaultdict(lambda: [0, 0])
    path = ROOT / "fixtures/gold/arrival.json"
    if not path.exists():
        return table
    for batch in json.loads(path.read_text(encoding="utf-8"))["batches"]:
        for signals, where, ok in batch["rows"]:
            if signals[:2] == ["publisher", "clear"] and where:
                key = ("publisher", "clear", *where.split())  # ("quiet", "actor quoted"…: read by arrival_rows)
            elif signals and signals[0] in ("publisher", "continuation", "background", "same", "quotation"):
                key = tuple(signals)
            elif len(signals) == 5 and signals[1] == "marked" and signals[0] == "explicit":
                # an analyzer that read the gap itself (and "busy", read by arrival_rows)
                key = (*signals, *(["busy"] if where is not None and where.endswith(" busy") else []))
            elif where is not None and len(signals) == 4 and signals[1] == "marked":
                key = (*signals, *where.split())
            else:
                continue
            row = table[key]
            row[0] += ok
            row[1] += 1
    return table


def confidence(right: int, n: int, seen: list[int] | None = None) -> float:
    smoothed = math.floor((right + 1) / (n + 2) * 100) / 100
    vetoed = seen is not None and seen[1] >= 15 and seen[0] / seen[1] < arrival_floor(seen[1])
    if n >= 15 and right / n >= 0.97 and not vetoed:
        return max(0.8, smoothed)
    return min(0.79, smoothed)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", action="store_true")
    args = ap.parse_args()
    table: dict[tuple[str, ...], list[int]] = defaultdict(lambda: [0, 0])
    seen = arrival()
    for signals, ok in outcomes():
        table[signals][0] += ok
        table[signals][1] += 1
    rows = sorted(table.items(), key=lambda kv: (kv[1][0] + 1) / (kv[1][1] + 2))
    if args.python:
        print("_CONFIDENCE: dict[tuple[str, ...], float] = {")
        for signals, (right, n) in sorted(table.items()):
            at = seen.get(signals)
            note = f"; {at[0]}/{at[1]} as batches arrived" if at else ""
            print(f"    {signals!r}: {confidence(right, n, at)},  # {right}/{n}{note}")
        print("}")
        return
    print("command: python benchmarks/calibrate.py")
    for signals, (right, n) in rows:
        at = seen.get(signals)
        note = f"   (as batches arrived: {at[0]}/{at[1]})" if at else ""
        print(f"  {right:>4}/{n:<4} {confidence(right, n, at):.2f}  {' · '.join(signals)}{note}")


if __name__ == "__main__":
    main()
