"""Given names seen after honorific titles in the corpus: the lexicon `GIVEN_NAMES` in
workbench/text/cues.py is written from this.

    python benchmarks/given_names.py            # the names, most frequent first, with counts
    python benchmarks/given_names.py --python   # the literal for cues.py

A word right after "الدكتور", "المهندس", "الأستاذ", "الشيخ", "اللواء", "العميد"… is, nearly always,
a person's given name. Kept: words seen there at least MIN_SEEN times that read as a name
(`workbench.text.arabic.given_name`: no article, no reporting verb, no title, no head noun, no
adjective) and are no particle of the phrase grammar. Nothing is downloaded: the corpus is the
project's own (../shared/corpora/saudinewsnet).
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._corpus import corpus_articles
from workbench.text import cues as C
from workbench.text.arabic import given_name
from workbench.text.normalize import normalize

MIN_SEEN = 10
_AFTER_TITLE = re.compile(r"(?<!\S)(?:الدكتور|الدكتورة|المهندس|المهندسة|الأستاذ|الاستاذ|الأستاذة|الشيخ|اللواء|العميد|العقيد)"
                          r"\s+([^\s.,،:؛\"«»()]+)")
# What follows a rank and is no name: "اللواء الركن", "العميد الطيار", "الدكتور دكتور".
_RANKS = {normalize(w) for w in "ركن طيار دكتور".split()}


def names() -> list[tuple[str, int]]:
    seen: Counter[str] = Counter()
    for article in corpus_articles():
        for m in _AFTER_TITLE.finditer(article.text):
            seen[normalize(m.group(1))] += 1
    return [(w, n) for w, n in seen.most_common() if n >= MIN_SEEN and given_name(w) and w not in C.NP_STOPS
            and w not in C.NAME_PARTICLES and w not in _RANKS and not w[0].isdigit() and len(w) >= 2
            and not w.endswith("ا")]  # (an accusative noun: "قرارا", not a name)



def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", action="store_true")
    args = ap.parse_args()
    found = names()
    if args.python:
        lines = textwrap.wrap(" ".join(w for w, _ in found), 89)
        body = "\n".join(f"    {ln + ' ' if i < len(lines) - 1 else ln!r}" for i, ln in enumerate(lines))
        print(f"GIVEN_NAMES = _n(\n{body}\n)")
        return
    for w, n in found:
        print(f"{n:6d} {w}")


if __name__ == "__main__":
    main()
