"""Draw SaudiNewsNet articles at random for the project's own gold (fixtures/gold/random-*.json).

    python benchmarks/gold_draw.py --seed 20261130 --n 24

The draw is seeded and runs over the whole corpus, so anyone can repeat it. Eligible: 900-3,500
characters with at least four attribution words from a short fixed list (so that there is
something to annotate), and not already in the dev set or in any gold file of the project (the blind holdout included). The
analyzer is not used: articles are chosen, and annotated, before anyone looks at what the code
does with them. Prints one "YYYY-MM-DD#index<TAB>newspaper<TAB>characters" line per article.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "saudinewsnet"

# Deliberately independent of workbench.text.cues: common reporting words as a reader knows them.
_WORDS = re.compile(
    r"(?<!\w)[وف]?(?:قال|قالت|أكد|أكدت|أوضح|أوضحت|أشار|أشارت|أفاد|أفادت|ذكر|ذكرت|كشف|كشفت|أضاف|أضافت|"
    r"بحسب|حسب|وفق|وفقا|نقلا|صرح|صرحت|أعلن|أعلنت|بين|بينت|لفت|لفتت|تابع|تابعت)(?!\w)"
)


def already_used() -> set[str]:
    used: set[str] = set()
    dev = SHARED / "gold" / "dev-ar-saudinewsnet.json"
    if dev.exists():
        used |= {e["article"] for e in json.loads(dev.read_text(encoding="utf-8"))["expectations"]}
    for path in [*(ROOT / "fixtures" / "gold").glob("random-*.json"), *(ROOT / "fixtures" / "gold").glob("holdout-*.json")]:
        used |= {e["article"] for e in json.loads(path.read_text(encoding="utf-8"))["expectations"]}
    return used


def eligible(used: set[str], first_gold_urls: set[str]) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    for zpath in sorted(CORPUS.glob("*.zip")):
        with zipfile.ZipFile(zpath) as zf:
            items = json.loads(zf.read(zf.namelist()[0]))
        for i, item in enumerate(items):
            key = f"{zpath.stem}#{i}"
            text = item.get("content") or ""
            if key in used or item.get("url") in first_gold_urls or not isinstance(text, str):
                continue
            if 900 <= len(text) <= 3500 and len(_WORDS.findall(text)) >= 4:
                out.append((key, str(item.get("source", "")), len(text)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--n", type=int, default=24)
    args = ap.parse_args()
    if not CORPUS.exists():
        sys.exit(f"error: {CORPUS} not found")
    first = json.loads((ROOT / "fixtures/gold/saudinewsnet.json").read_text(encoding="utf-8"))
    pool = eligible(already_used(), {a["url"] for a in first["articles"]})
    rng = random.Random(args.seed)
    print(f"# python benchmarks/gold_draw.py --seed {args.seed} --n {args.n}: {len(pool):,} eligible articles")
    for key, paper, chars in rng.sample(pool, args.n):
        print(f"{key}\t{paper}\t{chars}")


if __name__ == "__main__":
    main()
