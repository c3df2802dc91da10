"""Image speed: registering 3-MP JPEGs against fully decoding them, and query time against a bank
of 1,000,000 hashes.

    python benchmarks/image_speed.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._corpus import peak_rss_mb
from benchmarks._photos import TRANSFORMS, photos
from workbench.images.decode import load_image
from workbench.images.hashing import fingerprint, query_hashes
from workbench.images.matching import BankIndex


def main() -> None:
    print("command: python benchmarks/image_speed.py")
    imgs = photos()
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for name, img in list(imgs.items())[:12]:
            big = img.resize((2048, 1536), Image.Resampling.BICUBIC)
            path = Path(tmp) / f"{name}.jpg"
            big.save(path, quality=90)
            files.append(path)
        full, reg = [], []
        for _ in range(3):
            for f in files:
                t = time.perf_counter()
                with Image.open(f) as im:
                    im.load()
                full.append(time.perf_counter() - t)
                t = time.perf_counter()
                img, _facts = load_image(f)
                fingerprint(img)
                reg.append(time.perf_counter() - t)
        fd, rg = statistics.median(full) * 1000, statistics.median(reg) * 1000
        print(f"3-MP JPEG (2048×1536), one core: full decode {fd:.1f} ms; register (1/8-scale grey decode + all hashes) "
              f"{rg:.1f} ms = {rg / fd:.0%} of a full decode")
        # The whole registration path, as `workbench images add` runs it (all cores, database writes).
        from workbench.services.images import add_images
        from workbench.storage.db import Database

        many = []
        for i in range(96):
            src = files[i % len(files)]
            dst = Path(tmp) / f"batch-{i:03d}.jpg"
            Image.open(src).rotate(i % 7 - 3 + i / 1000).save(dst, quality=88)  # distinct files, same size
            many.append(dst)
        full_batch = []
        for f in many:
            t = time.perf_counter()
            with Image.open(f) as im:
                im.load()
            full_batch.append(time.perf_counter() - t)
        db = Database(f"sqlite:///{Path(tmp) / 'bank.db'}")
        t = time.perf_counter()
        report = add_images(db, many)
        elapsed = time.perf_counter() - t
        per = elapsed / len(many) * 1000
        fdb = statistics.mean(full_batch) * 1000
        print(f"images add, {len(many)} files: {len(many) / elapsed:.0f} images/s = {per:.1f} ms an image "
              f"= {per / fdb:.0%} of the {fdb:.1f} ms a full decode takes (added {report.added})")

    rng = np.random.default_rng(7)
    n = 1_000_000
    real = [fingerprint(im) for im in imgs.values()]
    ph = rng.integers(0, 2**63, size=n, dtype=np.uint64) | (rng.integers(0, 2, size=n, dtype=np.uint64) << np.uint64(63))
    pht = ph.copy()
    phc = rng.integers(0, 2**63, size=n, dtype=np.uint64)
    for i, fp in enumerate(real):
        ph[i * 1000], pht[i * 1000], phc[i * 1000] = fp.ph, fp.ph_trim, fp.ph_center
    index = BankIndex(np.arange(n, dtype=np.int64), ph, pht, phc)
    queries = [query_hashes(TRANSFORMS[t](im)) for t in ("crop 12% left", "caption bar", "JPEG quality 25")
               for im in list(imgs.values())[:6]]
    index.search(queries[0])
    times = []
    found = 0
    for q in queries:
        t = time.perf_counter()
        cands = index.search(q)
        times.append(time.perf_counter() - t)
        found += any(c.index % 1000 == 0 and c.index < len(real) * 1000 for c in cands)
    hashes_per_query = len(queries[0].primary) * 2 + len(queries[0].center)
    print(f"query against {n:,} known images ({3 * n:,} stored 64-bit hashes; {hashes_per_query} query hashes): "
          f"median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms; "
          f"right image among candidates for {found}/{len(queries)} queries")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
