"""Analyzer throughput over SaudiNewsNet in one process (no database), beside a plain regular
expression sentence split that turns sentences into claims (`benchmarks/_naive.py`: one regex for
sentences, one for "verb … أن" and "according to", the normalisation the analyzer also uses)
over the same articles in the same run, and the analyzer's cost on ever longer articles dense
with attributions (it must grow linearly).

The baseline is that naive analyzer rather than a bare `re.finditer`: a bare split does no
per-sentence work at all (it runs at ~20,000 articles/s), so the ratio to it would only measure
Python's overhead per sentence. The naive analyzer scores 75/192 on the dev set (the issue
quotes 67/192 for its own) against the analyzer's figure in `benchmarks/accuracy.py`.

    python benchmarks/analyze_rate.py                 # the whole corpus
    python benchmarks/analyze_rate.py --limit 5000
    python benchmarks/analyze_rate.py --limit 0 --no-scaling

The two are timed in alternating blocks of articles, in CPU time of this process, so that
whatever else the machine is doing slows both alike; the ratio is the figure to compare.

The analyzer is measured as it is installed: compiled with mypyc when the install could compile
it (`hatch_build.py`), pure Python otherwise; the first line says which. When it is compiled, the
same measurement is then run on the pure-Python analyzer (WORKBENCH_PURE_PYTHON=1, in a second
process) for comparison, with the share of attribution in its time (--no-pure skips it).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._corpus import corpus_articles, peak_rss_mb
from benchmarks._naive import naive_analyze
from workbench import text as _text
from workbench.text import analyzer as _analyzer
from workbench.text.analyzer import analyze
from workbench.text.attribution import Cue

_BLOCK = 100


# A paragraph dense with attributions of every kind: named speakers, continuations, relays,
# prepositions, quotations, short forms that refer back.
_DENSE = (
    "وقال المتحدث باسم وزارة الصحة الدكتور محمد العبدالعالي في تصريح لـ«عكاظ» إن عدد الإصابات ارتفع إلى 20 حالة. "
    "وأضاف أن الوزارة تتابع الوضع، مشيراً إلى أن الفرق الميدانية تعمل على مدار الساعة. "
    "وأفاد مركز حلب الإعلامي أن القصف استمر، بحسب ناشطين. "
    "ونقلت صحيفة الحياة عن مصدر مسؤول قوله: «الوضع تحت السيطرة». "
    "وأكد الوزير أن الخطة تسير كما رسم لها، وفقاً لبيان صادر عن الوزارة.\n"
)


def _no_cues(*_args: object, **_kwargs: object) -> list[Cue]:
    return []


def scaling() -> None:
    print("linear time: one article of N characters, dense with attributions")
    base = None
    for repeat in (500, 1000, 2000, 4000):
        text = _DENSE * repeat
        t0 = time.process_time()
        claims = len(analyze(text).claims)
        dt = time.process_time() - t0
        per = dt / len(text) * 1e6
        base = base or per
        print(f"  {len(text):>9,} characters: {dt:6.2f} s, {claims:,} claims, {per:.2f} µs a character ({per / base:.2f}× the shortest)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="articles to read (0: the whole corpus)")
    ap.add_argument("--no-scaling", action="store_true", help="skip the long-article lines")
    ap.add_argument("--no-pure", action="store_true", help="when compiled, skip the pure-Python comparison")
    args = ap.parse_args()
    compiled = bool(_text.COMPILED)
    texts = [a.text for a in corpus_articles(args.limit or None)]
    chars = sum(len(t) for t in texts)
    t_split = t_analyze = t_bare = 0.0
    sentences = claims = attributed = 0
    for i in range(0, len(texts), _BLOCK):
        block = texts[i : i + _BLOCK]
        t0 = time.process_time()
        for t in block:
            sentences += len(naive_analyze(t))
        t1 = time.process_time()
        for t in block:
            r = analyze(t)
            claims += len(r.claims)
            attributed += sum(1 for c in r.claims if c.attributed)
        t2 = time.process_time()
        if not compiled:
            # The same pipeline with attribution switched off: what segmenting, normalising and
            # check-worthiness cost on their own. (Compiled code calls the frame readers
            # directly: they cannot be switched off from here.)
            saved = _analyzer.arabic_cues, _analyzer.english_cues
            _analyzer.arabic_cues = _analyzer.english_cues = _no_cues
            try:
                for t in block:
                    analyze(t)
            finally:
                _analyzer.arabic_cues, _analyzer.english_cues = saved
        t3 = time.process_time()
        t_split += t1 - t0
        t_analyze += t2 - t1
        t_bare += t3 - t2
    n = len(texts)
    rate, base = n / t_analyze, n / t_split
    print(f"command: python benchmarks/analyze_rate.py{' --limit ' + str(args.limit) if args.limit else ''}")
    if compiled:
        print(f"analyzer compiled with mypyc ({len(_text.COMPILED)} modules of workbench/text)")
    else:
        print("analyzer in pure Python (not compiled, or WORKBENCH_PURE_PYTHON set)")
    print(f"{n:,} articles ({chars / 1e6:.1f} M characters)")
    print(f"plain regex split into claims (benchmarks/_naive.py): {base:,.0f} articles/s ({sentences:,} claims)")
    print(f"analyzer:                                            {rate:,.0f} articles/s ({claims:,} claims, {attributed:,} attributed, "
          f"{attributed / max(1, claims):.0%})")
    print(f"ratio analyzer / plain split: {rate / base:.2f}")
    if not compiled:
        bare = n / t_bare
        print(f"the analyzer without reading attribution (segmenting, normalising, check-worthiness): "
              f"{bare:,.0f} articles/s, {bare / base:.2f}× the plain split; attribution takes "
              f"{1 - t_bare / t_analyze:.0%} of the analyzer's time")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")
    if compiled and not args.no_pure:
        print("the same on the pure-Python analyzer, for comparison:")
        pure = subprocess.run([sys.executable, __file__, "--limit", str(args.limit), "--no-scaling"],
                              env={**os.environ, "WORKBENCH_PURE_PYTHON": "1"}, capture_output=True, text=True, check=True)
        for line in pure.stdout.splitlines():
            if line.startswith(("analyzer:", "ratio", "the analyzer without")):
                print("  " + line)
    if not args.no_scaling:
        scaling()


if __name__ == "__main__":
    main()
