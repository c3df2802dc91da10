"""Attribution accuracy against the hand annotations in fixtures/gold/.

    python benchmarks/accuracy.py [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.text.analyzer import analyze
from workbench.text.gold import Outcome, evaluate

SHARED = ROOT.parent / "shared"


def saudinewsnet_texts() -> dict[str, str]:
    gold = json.loads((ROOT / "fixtures/gold/saudinewsnet.json").read_text(encoding="utf-8"))
    texts: dict[str, str] = {}
    for art in gold["articles"]:
        with zipfile.ZipFile(SHARED / "corpora/saudinewsnet" / art["zip"]) as zf:
            items = json.loads(zf.read(zf.namelist()[0]))
        texts[art["url"]] = next(a["content"] for a in items if a["url"] == art["url"])
    return texts


def run(name: str, pairs: list[tuple[str, str, list[dict[str, str]], list[str]]], verbose: bool) -> tuple[int, int]:
    ok = total = 0
    for label, text, exps, not_claims in pairs:
        analysis = analyze(text)
        outcomes: list[Outcome] = evaluate(analysis, exps)
        ok += sum(o.ok for o in outcomes)
        total += len(outcomes)
        for phrase in not_claims:
            total += 1
            if any(phrase in c.text for c in analysis.claims):
                if verbose:
                    print(f"  {label}: {phrase!r} is a claim")
            else:
                ok += 1
        if verbose:
            for o in outcomes:
                if not o.ok:
                    print(f"  {label}: {o.describe()}")
    print(f"{name}: {ok}/{total} = {ok / max(1, total):.1%}")
    return ok, total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    print("command: python benchmarks/accuracy.py")
    seed = json.loads((SHARED / "gold/seed-000.json").read_text(encoding="utf-8"))
    canon = {s["key"]: s["canonical"] for s in seed["sources"]}
    seed_exps = [{"claim_contains": e["claim_contains"],
                  "source": "publisher" if e["source"] == "publisher" else canon[e["source"]]}
                 for e in seed["expectations"]]
    seed_text = (SHARED / "seeds/000_8fcdc02fa3f5544c.txt").read_text(encoding="utf-8")
    run("seed article", [("seed", seed_text, seed_exps, seed["not_claims"])], args.verbose)
    gold = json.loads((ROOT / "fixtures/gold/saudinewsnet.json").read_text(encoding="utf-8"))
    texts = saudinewsnet_texts()
    run("SaudiNewsNet (hand-annotated)",
        [(a["title"], texts[a["url"]], a["expectations"], a.get("not_claims", [])) for a in gold["articles"]],
        args.verbose)
    eng = json.loads((ROOT / "fixtures/gold/english.json").read_text(encoding="utf-8"))
    run("English wire-style",
        [(a["path"], (ROOT / "fixtures/gold/english" / a["path"]).read_text(encoding="utf-8"), a["expectations"], [])
         for a in eng["articles"]],
        args.verbose)


if __name__ == "__main__":
    main()
