"""How matching survives what social media does to a photo, against plain pHash.

16 photographs shipped with scikit-image, each put through 17 transformations, matched against a
bank of all 16; every (query, known) pair is judged, so false matches are counted too.

    python benchmarks/image_robustness.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._photos import TRANSFORMS, photos
from workbench.images.hashing import Prepared, best_correlation, fingerprint, phash, query_hashes
from workbench.images.matching import BankIndex, decide

PLAIN_THRESHOLD = 10  # a common single pHash threshold (of 64 bits)


def main() -> None:
    print("command: python benchmarks/image_robustness.py")
    imgs = photos()
    names = list(imgs)
    fps = [fingerprint(imgs[n]) for n in names]
    index = BankIndex(np.arange(len(names)), np.array([f.ph for f in fps], dtype=np.uint64),
                      np.array([f.ph_trim for f in fps], dtype=np.uint64), np.array([f.ph_center for f in fps], dtype=np.uint64))
    bank = [Prepared(np.frombuffer(f.thumb, dtype=np.uint8).reshape(64, 64)) for f in fps]
    plain_bank = [phash(imgs[n]) for n in names]
    total = ours = plain = ours_false = plain_false = 0
    t0 = time.perf_counter()
    print(f"{'transformation':32s} {'workbench':>10s} {'plain pHash':>12s}")
    for tname, tf in TRANSFORMS.items():
        row_ours = row_plain = 0
        for i, n in enumerate(names):
            query = tf(imgs[n])
            q = query_hashes(query)
            qp = [Prepared(t) for t in q.thumbs]
            dist = index.distances(q)
            qplain = phash(query)
            for j in range(len(names)):
                v = decide(int(dist[j]), max(best_correlation(t, bank[j]) for t in qp))
                p = bin(qplain ^ plain_bank[j]).count("1") <= PLAIN_THRESHOLD
                if j == i:
                    row_ours += v == "match"
                    row_plain += p
                else:
                    ours_false += v == "match"
                    plain_false += p
        total += len(names)
        ours += row_ours
        plain += row_plain
        print(f"{tname:32s} {row_ours:>7d}/{len(names)} {row_plain:>9d}/{len(names)}")
    print(f"matched: workbench {ours}/{total} ({ours / total:.0%}), plain pHash ≤{PLAIN_THRESHOLD} {plain}/{total} ({plain / total:.0%})")
    print(f"false matches between different photographs: workbench {ours_false}, plain pHash {plain_false} "
          f"(of {total * (len(names) - 1)} pairs)")
    print(f"time: {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
