"""How matching survives what is done to recycled photos, against plain pHash.

The bank: the 16 photographs shipped with scikit-image of the first round, Grace Hopper's portrait
(shipped with textual-image) and two blank images. Every query goes through the whole pipeline
(`analyse` + `find_known`: hashes, thumbnails, panels, local features), as `images match` runs it.

- First round: the 16 photographs × 17 transformations.
- Second round: 13 harder families (heavy crops, 10-15° rotations, collages, side by side, meme
  bars, photos of a screen, sepia, channel swaps, noise and blur, thumbnails, mirrored crops in a
  phone screenshot) with parameters drawn at random from ranges, on photographs never used to tune
  (`--tuning` shows the draw on the tuning photographs that thresholds were set on).
- Negatives: composites of unregistered photos only, other photographs of similar textures, and
  flat or near-flat pictures: none may be a match.

Per family: matched (the right photo is the first finding and a "match"), possible (found, but only
as "possible"), wrong (a "match" for a photo that is not in the query), and for negatives how many
queries got any match. Beside the full pipeline: the hashes and thumbnails alone (the first round's
matcher) and plain pHash.

    python benchmarks/image_robustness.py [--tuning]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._photos import (
    FAMILIES,
    HELD_OUT_PHOTOS,
    TRANSFORMS,
    TUNING_PHOTOS,
    extra_photos,
    negatives,
    photos,
    unregistered_photos,
)
from workbench.images.features import unpack
from workbench.images.hashing import fingerprint, phash
from workbench.images.keypoint_index import KeypointIndex
from workbench.images.matching import QUERY_WORK, BankIndex, Finding, Known, analyse, find_known

PLAIN_THRESHOLD = 10  # a common single pHash threshold (of 64 bits)


def working_copy(img: Image.Image, size: int) -> Image.Image:
    """What `load_image` hands on: greyscale, longest side at most `size`."""
    g = img.convert("L")
    if max(g.size) > size:
        g = g.copy()
        g.thumbnail((size, size), Image.Resampling.BOX)
    return g


class Bank:
    def __init__(self, imgs: dict[str, Image.Image]) -> None:
        self.names = list(imgs)
        fps = [fingerprint(working_copy(im, 256)) for im in imgs.values()]
        self.index = BankIndex(np.arange(len(fps)), np.array([f.ph for f in fps], dtype=np.uint64),
                               np.array([f.ph_trim for f in fps], dtype=np.uint64),
                               np.array([f.ph_center for f in fps], dtype=np.uint64))
        self.known = [Known(np.frombuffer(f.thumb, dtype=np.uint8).reshape(64, 64), unpack(f.features)) for f in fps]
        self.hashes_only = [Known(k.thumb, None) for k in self.known]
        self.keypoints = KeypointIndex([k.features.desc if k.features else None for k in self.known])
        self.plain = [phash(im) for im in imgs.values()]

    def find(self, query: Image.Image, full: bool) -> list[Finding]:
        known = self.known if full else self.hashes_only
        self.index.keypoints = self.keypoints if full else None
        q = analyse(working_copy(query, QUERY_WORK))
        if not full:
            q.views = q.views[:1]
            q.panels = []
        return find_known(q, self.index, lambda ids: {i: known[i] for i in ids})

    def plain_hits(self, query: Image.Image) -> list[int]:
        h = phash(query)
        return [j for j, p in enumerate(self.plain) if bin(h ^ p).count("1") <= PLAIN_THRESHOLD]


class Tally:
    def __init__(self) -> None:
        self.matched = self.possible = self.wrong = self.total = 0

    def add(self, findings: list[Finding], right: int | None) -> None:
        self.total += 1
        matches = [f for f in findings if f.verdict == "match"]
        if right is None:
            self.matched += bool(matches)  # a negative with a match: a false match
            self.possible += any(f.verdict == "possible" for f in findings)
            return
        if matches and matches[0].index == right:
            self.matched += 1
        elif any(f.index == right for f in findings):
            self.possible += 1
        self.wrong += any(f.index != right for f in matches)

    def cell(self) -> str:
        return f"{self.matched:>3d}/{self.total:<3d} {self.possible:>2d} {self.wrong:>2d}"


def _plain(bank: Bank, query: Image.Image, right: int | None) -> tuple[int, int]:
    hits = bank.plain_hits(query)
    return (int(right in hits) if right is not None else int(bool(hits))), int(any(h != right for h in hits))


def run_rows(bank: Bank, rows: dict[str, list[tuple[Image.Image, int | None]]], title: str) -> None:
    print(f"\n{title}")
    print(f"{'':40s} {'all stages':>17s}   {'hashes+thumbnails':>17s}   {'plain pHash':>11s}")
    print(f"{'':40s} {'matched poss wrong':>17s}   {'matched poss wrong':>17s}   {'matched wrong':>11s}")
    totals = [Tally(), Tally()]
    plain_total = plain_wrong = n = 0
    for name, queries in rows.items():
        tallies = [Tally(), Tally()]
        pm = pw = 0
        for query, right in queries:
            for t, full in zip(tallies, (True, False), strict=True):
                t.add(bank.find(query, full), right)
            a, b = _plain(bank, query, right)
            pm, pw = pm + a, pw + b
        for tot, t in zip(totals, tallies, strict=True):
            tot.matched += t.matched
            tot.possible += t.possible
            tot.wrong += t.wrong
            tot.total += t.total
        plain_total, plain_wrong, n = plain_total + pm, plain_wrong + pw, n + len(queries)
        print(f"{name:40s} {tallies[0].cell():>17s}   {tallies[1].cell():>17s}   {pm:>4d}/{len(queries):<3d}{pw:>3d}")
    print(f"{'total':40s} {totals[0].cell():>17s}   {totals[1].cell():>17s}   {plain_total:>4d}/{n:<3d}{plain_wrong:>3d}")
    m, t = totals[0].matched, totals[0].total
    print(f"matched: all stages {m}/{t} ({m / t:.0%}), hashes and thumbnails alone {totals[1].matched}/{t} "
          f"({totals[1].matched / t:.0%}), plain pHash ≤{PLAIN_THRESHOLD} {plain_total}/{t} ({plain_total / t:.0%}); "
          f"wrong matches: {totals[0].wrong}, {totals[1].wrong}, {plain_wrong}")


def run_negatives(bank: Bank, rows: dict[str, list[Image.Image]]) -> None:
    print(f"\nnegatives (never a match)                {'matched possible':>17s}   {'hashes+thumbnails':>17s}")
    worst = 0
    for name, queries in rows.items():
        tallies = [Tally(), Tally()]
        for q in queries:
            for t, full in zip(tallies, (True, False), strict=True):
                t.add(bank.find(q, full), None)
        worst += tallies[0].matched
        print(f"{name:40s} {tallies[0].matched:>5d}/{len(queries):<3d} {tallies[0].possible:>5d}   "
              f"{tallies[1].matched:>9d}/{len(queries):<3d} {tallies[1].possible:>3d}")
    print(f"negatives matched: {worst}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tuning", action="store_true", help="the second round on the tuning photographs")
    ap.add_argument("--round", choices=("1", "2", "all"), default="all")
    args = ap.parse_args()
    print(f"command: python benchmarks/image_robustness.py{' --tuning' if args.tuning else ''}"
          f"{'' if args.round == 'all' else ' --round ' + args.round}")
    t0 = time.perf_counter()
    first = photos()
    registered = {**first, **extra_photos(),
                  "blank white": Image.new("RGB", (640, 480), "white"), "blank blue": Image.new("RGB", (1, 1), "blue")}
    bank = Bank(registered)
    pos = {n: i for i, n in enumerate(bank.names)}
    if args.round in ("1", "all"):
        rows1: dict[str, list[tuple[Image.Image, int | None]]] = {
            t: [(tf(first[n]), pos[n]) for n in first] for t, tf in TRANSFORMS.items()}
        run_rows(bank, rows1, "first round: 16 photographs × 17 transformations")
    if args.round in ("2", "all"):
        names = TUNING_PHOTOS if args.tuning else HELD_OUT_PHOTOS
        rng = np.random.default_rng(11 if args.tuning else 23)
        fillers = list(unregistered_photos().values())
        rows2: dict[str, list[tuple[Image.Image, int | None]]] = {}
        for fam, make in FAMILIES.items():
            rows2[fam] = [(make(registered[n], rng, fillers), pos[n]) for n in names]
        which = "tuning photographs, seed 11" if args.tuning else "held-out photographs, seed 23"
        run_rows(bank, rows2, f"second round: {len(names)} {which} × {len(FAMILIES)} families")
        run_negatives(bank, negatives(rng))
    print(f"\ntime: {time.perf_counter() - t0:.1f} s")



if __name__ == "__main__":
    main()
