"""Image speed: registering 3-MP JPEGs against fully decoding them; the global-hash query against a
large bank, sub-linear (multi-index hashing) beside brute force in the same run; and the whole
pipeline (hashes, panels, local features) against 100,000 registered photos.

    python benchmarks/image_speed.py [--bank 1000000] [--pipeline-bank 100000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._corpus import peak_rss_mb
from benchmarks._photos import FAMILIES, TRANSFORMS, photos, unregistered_photos
from workbench.images.decode import load_image
from workbench.images.features import known_features, unpack
from workbench.images.hashing import fingerprint, query_hashes, trim_frame
from workbench.images.matching import QUERY_WORK, BankIndex, Known, analyse, find_known


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20


def registration(imgs: dict[str, Image.Image]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for name, img in list(imgs.items())[:12]:
            big = img.resize((2048, 1536), Image.Resampling.BICUBIC)
            path = Path(tmp) / f"{name}.jpg"
            big.save(path, quality=90)
            files.append(path)
        full, reg, orb = [], [], []
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
                trimmed, _ = trim_frame(img)
                t = time.perf_counter()
                known_features(np.asarray(trimmed))
                orb.append(time.perf_counter() - t)
        fd, rg, ob = statistics.median(full) * 1000, statistics.median(reg) * 1000, statistics.median(orb) * 1000
        print(f"3-MP JPEG (2048×1536), one core: full decode {fd:.1f} ms; register (1/8-scale grey decode + all hashes "
              f"+ keypoints) {rg:.1f} ms = {rg / fd:.0%} of a full decode; of which the keypoints (ORB) {ob:.1f} ms "
              f"= {ob / fd:.0%}")
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


def synthetic_bank(n: int, real: list, spacing: int, seed: int = 7) -> BankIndex:
    rng = np.random.default_rng(seed)
    ph = rng.integers(0, 2**63, size=n, dtype=np.uint64) | (rng.integers(0, 2, size=n, dtype=np.uint64) << np.uint64(63))
    pht = ph.copy()
    phc = rng.integers(0, 2**63, size=n, dtype=np.uint64)
    for i, fp in enumerate(real):
        ph[i * spacing], pht[i * spacing], phc[i * spacing] = fp.ph, fp.ph_trim, fp.ph_center
    return BankIndex(np.arange(n, dtype=np.int64), ph, pht, phc)


def global_query(imgs: dict[str, Image.Image], n: int) -> None:
    real = [fingerprint(im.convert("L")) for im in imgs.values()]
    spacing = n // 100
    before = rss_mb()
    t = time.perf_counter()
    index = synthetic_bank(n, real, spacing)
    index.search(query_hashes(imgs["astronaut"]), exhaustive=False)  # builds the multi-index
    built = time.perf_counter() - t
    extra = rss_mb() - before
    queries = [query_hashes(TRANSFORMS[t](im)) for t in ("crop 12% left", "caption bar", "JPEG quality 25")
               for im in list(imgs.values())[:6]]
    # Each way in its own loop, as a service answering queries one after another runs it (a
    # brute-force pass over gigabytes between two sub-linear queries would evict their tables).
    sub, brute = [], []
    found_sub = found_brute = 0
    for q in queries:
        t = time.perf_counter()
        cands = index.search(q, exhaustive=False)
        sub.append(time.perf_counter() - t)
        found_sub += any(c.index % spacing == 0 and c.index < len(real) * spacing for c in cands)
    for q in queries:
        t = time.perf_counter()
        cands = index.search(q, exhaustive=True)
        brute.append(time.perf_counter() - t)
        found_brute += any(c.index % spacing == 0 and c.index < len(real) * spacing for c in cands)
    hashes_per_query = len(queries[0].primary) + len(queries[0].center)
    print(f"query against {n:,} known images ({3 * n:,} stored 64-bit hashes; {hashes_per_query} query hashes): "
          f"sub-linear (multi-index hashing) median {statistics.median(sub) * 1000:.2f} ms, max {max(sub) * 1000:.1f} ms; "
          f"brute force median {statistics.median(brute) * 1000:.1f} ms, max {max(brute) * 1000:.1f} ms "
          f"(= {statistics.median(brute) / statistics.median(sub):.0f}× the sub-linear time); right image among "
          f"candidates for {found_sub}/{len(queries)} and {found_brute}/{len(queries)} queries")
    print(f"  index of {n:,}: built in {built:.1f} s, {extra:.0f} MB")


def full_pipeline(imgs: dict[str, Image.Image], n: int) -> None:
    """The whole pipeline against `n` registered photos: the 16 real ones spread among distractors
    whose thumbnails and keypoints are real photographs' (unregistered ones, turned and cropped),
    each distractor's 128 descriptors with about 64 of their 256 bits flipped at random, so that
    no two distractors are alike (nor like the photos they came from) and the keypoint index and local features spend on them what
    they would on a real bank."""
    from workbench.images.features import Features
    from workbench.images.keypoint_index import KeypointIndex

    rng = np.random.default_rng(5)
    names = list(imgs)
    real = [fingerprint(im.convert("L").resize((256, int(256 * im.height / im.width)))) for im in imgs.values()]
    pool = []
    for un in unregistered_photos().values():
        for deg in (0, 7, -11):
            fp = fingerprint(un.rotate(deg).convert("L").resize((256, max(32, int(256 * un.height / un.width)))))
            f = unpack(fp.features)
            if f is not None and len(f) == 128:
                pool.append((np.frombuffer(fp.thumb, dtype=np.uint8).reshape(64, 64), f))
    spacing = n // len(real)
    real_at = {i * spacing: fp for i, fp in enumerate(real)}
    before = rss_mb()
    t = time.perf_counter()
    index = synthetic_bank(n, real, spacing, seed=9)
    descs = np.empty((n, 128, 32), dtype=np.uint8)
    for a in range(0, n, 10_000):
        b = min(n, a + 10_000)
        base = np.stack([pool[i % len(pool)][1].desc for i in range(a, b)])
        flips = rng.integers(0, 256, base.shape, dtype=np.uint8) & rng.integers(0, 256, base.shape, dtype=np.uint8)
        descs[a:b] = base ^ flips
    for p, fp in real_at.items():
        f = unpack(fp.features)
        assert f is not None
        descs[p, : len(f)] = f.desc
        descs[p, len(f):] = descs[p + 1, len(f):]
    real_desc = {p: unpack(fp.features) for p, fp in real_at.items()}
    index.keypoints = KeypointIndex([real_desc[p].desc if p in real_desc else descs[p] for p in range(n)])  # type: ignore[union-attr]
    built = time.perf_counter() - t
    extra = rss_mb() - before - descs.nbytes / 2**20  # the distractors' descriptors stand in for the database

    def load(positions: list[int]) -> dict[int, Known]:
        out = {}
        for p in positions:
            if p in real_at:
                fp = real_at[p]
                out[p] = Known(np.frombuffer(fp.thumb, dtype=np.uint8).reshape(64, 64), unpack(fp.features))
            else:
                thumb, f = pool[p % len(pool)]
                out[p] = Known(thumb, Features(f.xy, descs[p], f.width, f.height))
        return out

    fillers = list(unregistered_photos().values())
    queries = []
    for fam in ("heavy crop, one side (25-34% gone)", "rotated 10-15° and cropped", "one tile of a 2×2 collage",
                "side by side with another photo", "mirrored crop in a phone screenshot"):
        for name in ("astronaut", "coffee", "horse", "clock"):
            queries.append((FAMILIES[fam](imgs[name], rng, fillers), names.index(name) * spacing))
    times, found = [], 0
    for img, right in queries:
        g = ImageOps.grayscale(img)
        g.thumbnail((QUERY_WORK, QUERY_WORK), Image.Resampling.BOX)
        t = time.perf_counter()
        findings = find_known(analyse(g), index, load)
        times.append(time.perf_counter() - t)
        found += bool(findings and findings[0].index == right and findings[0].verdict == "match")
    print(f"whole pipeline against {n:,} registered photos (hashes {'sub-linear' if index.sublinear else 'brute force'}, "
          f"keypoint votes, panels, local features of at most 16 candidates): median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms a query; matched {found}/{len(queries)} hard queries "
          f"(heavy crops, 10-15° turns, collage tiles, side by side, mirrored crops in screenshots)")
    blob = sum(len(fp.features) for fp in real) / len(real)
    print(f"  memory: hash index and keypoint index {extra:.0f} MB in RAM (built in {built:.0f} s); "
          f"keypoints are read from the database for the candidates only ({blob / 1024:.1f} KB a photo on disk)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bank", type=int, default=1_000_000, help="known images for the global-hash query")
    ap.add_argument("--pipeline-bank", type=int, default=100_000, help="registered photos for the whole pipeline")
    ap.add_argument("--skip-registration", action="store_true")
    args = ap.parse_args()
    extra = "" if args.bank == 1_000_000 else f" --bank {args.bank}"
    extra += "" if args.pipeline_bank == 100_000 else f" --pipeline-bank {args.pipeline_bank}"
    print(f"command: python benchmarks/image_speed.py{extra}{' --skip-registration' if args.skip_registration else ''}")
    imgs = photos()
    if not args.skip_registration:
        registration(imgs)
    global_query(imgs, args.bank)
    if args.pipeline_bank:
        full_pipeline(imgs, args.pipeline_bank)
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
