"""Decisions on a batch of gold as the analyzer made them the day the batch arrived, before any
of its errors was read: the evidence `benchmarks/calibrate.py` holds the confidence table to.

The analyzer of that day is a checkout of the commit the batch was measured at; its claims are
reduced to their signals (basis, how the words were introduced, the source phrase's quality,
competition) and to what stood between the source and its words ("tight", "setting", "other",
"none", read from the claim's text the way `workbench.text.analyzer._gap` reads it) and, for the
paper's own voice, whether its sentence opens with a verb whose subject could speak ("actor" or
"quiet", read by `workbench/text/opening.py` with that day's lexicon, and "quoted" after it when
the clause holds a quotation mark), and each is marked right or wrong under ANNOTATION.md.

    git worktree add /tmp/at-arrival COMMIT
    python benchmarks/arrival_rows.py --code /tmp/at-arrival --commit COMMIT GOLD.json... > rows.json

The rows of every batch measured so far are kept in fixtures/gold/arrival.json.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "saudinewsnet"
_MARKER = re.compile(r'[:«"“]|(?<!\w)(?:ب|ف)?[اإأ]ن(?:ه|ها|هم|نا|ني)?(?!\w)')
_SETTING = ("في", "خلال", "امس", "اليوم", "عبر", "لدي", "عقب", "اثناء", "ضمن", "قبل", "بعد", "اثر", "مساء", "صباح", "ردا",
            "تعليقا")
_PUNCT = " \t\n،,:؛;«»\"“”'()-–"


def gap(text: str, source_end: int, claim_end: int, normalize) -> str:  # type: ignore[no-untyped-def]
    """What stands between a source read after its verb and the words it introduces."""
    rest = text[source_end:claim_end]
    m = _MARKER.search(rest)
    if m is None:
        return "none"
    words = rest[: m.start()].strip(_PUNCT).split()
    if not words:
        return "tight"  # (punctuation and spaces only, a no-break space too)
    first = normalize(words[0])
    if first == "في":
        return "in"  # (the occasion: "في تصريح…"; `workbench.text.analyzer._gap` reads it alike)
    return "setting" if first in _SETTING or first.startswith("ل") else "other"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--code", required=True, help="a checkout of the analyzer as it was that day")
    ap.add_argument("--commit", required=True)
    ap.add_argument("gold", nargs="+")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(args.code).resolve()))
    from workbench.text import arabic as A
    from workbench.text import cues as C
    from workbench.text.analyzer import analyze
    from workbench.text.gold import corpus_text, evaluate_protocol, group_by_article
    from workbench.text.normalize import fold, normalize
    from workbench.text.segment import split_sentences

    # The current reading of how a sentence opens (workbench/text/opening.py, which imports
    # nothing of the package), given that day's lexicon.
    spec = importlib.util.spec_from_file_location("opening_now", ROOT / "workbench/text/opening.py")
    assert spec is not None and spec.loader is not None
    opening = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(opening)
    heads = getattr(A, "_APPOSITION_OPENERS", frozenset())

    def bodies(w: str) -> bool:
        stem = A.strip_article(w)[:-2] if w.endswith("ات") and len(w) > 4 else ""
        return bool(stem) and "organization" in (C.SOURCE_HEADS.get(stem + "ه"), C.SOURCE_HEADS.get(stem))

    def may_speak(w: str) -> bool:  # workbench.text.arabic.may_head_a_speaker, with that day's words
        return A.head_kind(w) is not None or w in C.HONORIFIC_TITLES or w in heads or w in C.QUANTIFIERS \
            or (w.endswith("و") and len(w) >= 5) or bodies(w) or (C.is_nisba(w) and w.endswith(("يين", "يون")))

    def verb_like(w: str) -> bool:  # workbench.text.arabic.verb_like, idem
        return len(w) >= 3 and w[0].isalpha() and not A._definite(w) and A.head_kind(w) is None \
            and w not in C.NP_STOPS and not C.is_nisba(w)

    def is_cue(w: str) -> bool:  # a reporting word of that day's lexicon
        return C.verb_form(w) is not None

    def actor(text: str, at: int) -> str:
        """For the paper's own voice: "actor" if the sentence around `at` opens with a verb whose
        subject could speak, else "quiet"."""
        for s, e in split_sentences(text, bound=False):
            if s <= at < e:
                words = re.findall(r"\w+", normalize(text[s:e]))
                return "actor" if opening.opening_actor(words, verb_like, may_speak) else "quiet"
        return "quiet"

    rows = []
    for path in args.gold:
        exps = json.loads(Path(path).read_text(encoding="utf-8"))["expectations"]
        for article, group in group_by_article(exps).items():
            text = corpus_text(CORPUS, article)
            analysis = analyze(text)
            for o in evaluate_protocol(analysis, group, article):
                holders = [c for c in analysis.claims if o.phrase in c.text]
                if len(holders) != 1:
                    continue
                c = holders[0]
                # (only a source read after its verb: there the text between it and the marker is
                # exactly what `_gap` reads)
                where = None
                if c.attribution_basis == "explicit" and c.source is not None and c.source.end is not None \
                        and c.start <= c.source.end <= c.end:
                    where = gap(text, c.source.end, c.end, normalize)
                    if len(c.signals) > 1 and c.signals[1] == "marked" \
                            and opening.busy_after(fold(text[c.source.end : c.end]), is_cue):
                        where += " busy"  # (read as `workbench.text.analyzer._signals` reads it)
                    if len(c.signals) >= 5 and c.signals[4] == "setting" and where.split()[0] == "in":
                        # (an analyzer that read its own gap before "in" was told apart from
                        # other settings: the same reading, split the same way)
                        rows.append([[*c.signals[:4], "in"], where, bool(o.ok)])
                        continue
                elif list(c.signals[:2]) == ["publisher", "clear"]:
                    # (the analyzer's own reading when it made one, else read here as it would)
                    where = (c.signals[2] if len(c.signals) > 2 else actor(text, c.start)) \
                        + (" quoted" if opening.quoted_words(text[c.start:c.end]) else "")
                rows.append([[x for x in c.signals if x != "busy"], where, bool(o.ok)])
    json.dump({"commit": args.commit, "gold": [Path(p).name for p in args.gold], "rows": rows}, sys.stdout,
              ensure_ascii=False)


if __name__ == "__main__":
    main()
