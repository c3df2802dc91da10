"""Image speed: registering 3-MP JPEGs against fully decoding them; the global-hash query against a
large bank, sub-linear (multi-index hashing) beside brute force in the same run; and the whole
pipeline (hashes, panels, local features) against 100,000 registered photos.

    python benchmarks/image_speed.py [--bank 1000000] [--pipeline-bank 100000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._corpus import peak_rss_mb
from benchmarks._photos import FAMILIES, TRANSFORMS, photos, unregistered_photos
from workbench.images.decode import load_image
from workbench.images.features import known_features, unpack
from workbench.images.hashing import (
    ANCHORED_WINDOWS,
    QueryHashes,
    fingerprint,
    query_hashes,
    trim_frame,
)
from workbench.images.matching import QUERY_WORK, BankIndex, Known, analyse, find_known


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the workers of a batch)."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def registration(imgs: dict[str, Image.Image]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for name, img in list(imgs.items())[:12]:
            big = img.resize((2048, 1536), Image.Resampling.BICUBIC)
            path = Path(tmp) / f"{name}.jpg"
            big.save(path, quality=90)
            files.append(path)
        full, reg, dec, orb = [], [], [], []
        full_cpu = reg_cpu = 0.0
        for _ in range(3):
            for f in files:  # each file decoded, then registered: the same moment of a shared machine
                c, t = time.process_time(), time.perf_counter()
                with Image.open(f) as im:
                    im.load()
                full.append(time.perf_counter() - t)
                full_cpu += time.process_time() - c
                c, t = time.process_time(), time.perf_counter()
                img, _facts = load_image(f)
                dec.append(time.perf_counter() - t)
                fingerprint(img)
                reg.append(time.perf_counter() - t)
                reg_cpu += time.process_time() - c
                trimmed, _ = trim_frame(img)
                t = time.perf_counter()
                known_features(np.asarray(trimmed))
                orb.append(time.perf_counter() - t)
        fd, rg, ob = statistics.median(full) * 1000, statistics.median(reg) * 1000, statistics.median(orb) * 1000
        dc = statistics.median(dec) * 1000
        print(f"3-MP JPEG (2048×1536), one core: full decode {fd:.1f} ms; register (1/8-scale grey decode + all hashes "
              f"+ keypoints) {rg:.1f} ms = {rg / fd:.0%} of a full decode (CPU time: {reg_cpu / full_cpu:.0%}); "
              f"of which reading, SHA-256 and the 1/8-scale decode {dc:.1f} ms = {dc / fd:.0%} (every block's "
              f"coefficients are still entropy-decoded at 1/8), the keypoints (ORB) {ob:.1f} ms = {ob / fd:.0%}")
        # The whole registration path, as `workbench images add` runs it (all cores, database writes),
        # three times, each beside a full decode of the same files just before it.
        from workbench.services.images import add_images
        from workbench.storage.db import Database

        many = []
        for i in range(96):
            src = files[i % len(files)]
            dst = Path(tmp) / f"batch-{i:03d}.jpg"
            Image.open(src).rotate(i % 7 - 3 + i / 1000).save(dst, quality=88)  # distinct files, same size
            many.append(dst)
        ratios, pers, decodes, cpus = [], [], [], []
        for r in range(3):
            c, t = _cpu(), time.perf_counter()
            for f in many:
                with Image.open(f) as im:
                    im.load()
            fdb = (time.perf_counter() - t) / len(many)
            decode_cpu = _cpu() - c
            db = Database(f"sqlite:///{Path(tmp) / f'bank-{r}.db'}")
            c, t = _cpu(), time.perf_counter()
            report = add_images(db, many)
            per = (time.perf_counter() - t) / len(many)
            cpus.append((_cpu() - c) / decode_cpu)
            assert report.added == len(many)
            db.dispose()
            ratios.append(per / fdb)
            pers.append(per * 1000)
            decodes.append(fdb * 1000)
        print(f"images add, {len(many)} files, 3 runs: {statistics.median(pers):.1f} ms an image = "
              f"{statistics.median(ratios):.0%} of a full decode (median of the runs: "
              f"{', '.join(f'{x:.0%}' for x in ratios)}; a full decode {statistics.median(decodes):.1f} ms); "
              f"CPU time of every process it runs on (this machine's other load aside): "
              f"{statistics.median(cpus):.0%} of the decode's")


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
    # The same queries without the windows held against a side or a corner (the query hashes
    # before they were added), for the ratio in this run.
    centred = [replace(q, center=q.center[:len(q.center) - len(ANCHORED_WINDOWS)]) for q in queries]

    def run(qs: list[QueryHashes], exhaustive: bool) -> tuple[list[float], int]:
        times, found = [], 0
        for q in qs:
            t = time.perf_counter()
            cands = index.search(q, exhaustive=exhaustive)
            times.append(time.perf_counter() - t)
            found += any(c.index % spacing == 0 and c.index < len(real) * spacing for c in cands)
        return times, found

    # Each way in its own loop, as a service answering queries one after another runs it (a
    # brute-force pass over gigabytes between two sub-linear queries would evict their tables).
    sub, found_sub = run(queries, False)
    sub_c, found_sub_c = run(centred, False)
    brute, found_brute = run(queries, True)
    brute_c, found_brute_c = run(centred, True)
    med = {k: statistics.median(v) * 1000 for k, v in (("sub", sub), ("sub_c", sub_c), ("brute", brute),
                                                        ("brute_c", brute_c))}
    hashes_per_query = len(queries[0].primary) + len(queries[0].center)
    print(f"query against {n:,} known images ({3 * n:,} stored 64-bit hashes; {hashes_per_query} query hashes): "
          f"sub-linear (multi-index hashing) median {med['sub']:.2f} ms, max {max(sub) * 1000:.1f} ms; "
          f"brute force median {med['brute']:.1f} ms, max {max(brute) * 1000:.1f} ms "
          f"(= {med['brute'] / med['sub']:.0f}× the sub-linear time); right image among "
          f"candidates for {found_sub}/{len(queries)} and {found_brute}/{len(queries)} queries")
    print(f"  without the {len(ANCHORED_WINDOWS)} windows held against a side or a corner "
          f"({hashes_per_query - len(ANCHORED_WINDOWS)} query hashes): sub-linear median {med['sub_c']:.2f} ms "
          f"(the windows cost {med['sub'] / med['sub_c']:.2f}× that), brute force {med['brute_c']:.1f} ms; right image "
          f"among candidates for {found_sub_c}/{len(queries)} and {found_brute_c}/{len(queries)} queries")
    print(f"  index of {n:,}: built in {built:.1f} s, {extra:.0f} MB")


HARD_FAMILIES = ("heavy crop, one side (25-34% gone)", "rotated 10-15° and cropped", "one tile of a 2×2 collage",
                 "side by side with another photo", "mirrored crop in a phone screenshot")
HARD_PHOTOS = ("astronaut", "coffee", "horse", "clock")


class SyntheticBank:
    """`n` registered photos: the 16 real ones spread among distractors whose thumbnails and
    keypoints are real photographs' (unregistered ones, turned and cropped), each distractor's
    128 descriptors with about 64 of their 256 bits flipped at random, so that no two distractors
    are alike (nor like the photos they came from) and the keypoint index and local features
    spend on them what they would on a real bank."""

    def __init__(self, imgs: dict[str, Image.Image], n: int) -> None:
        self.n = n
        self.real = [fingerprint(im.convert("L").resize((256, int(256 * im.height / im.width)))) for im in imgs.values()]
        self.pool = []
        for un in unregistered_photos().values():
            for deg in (0, 7, -11):
                fp = fingerprint(un.rotate(deg).convert("L").resize((256, max(32, int(256 * un.height / un.width)))))
                f = unpack(fp.features)
                if f is not None and len(f) == 128:
                    self.pool.append((np.frombuffer(fp.thumb, dtype=np.uint8).reshape(64, 64), f))
        self.spacing = n // len(self.real)
        self.real_at = {i * self.spacing: fp for i, fp in enumerate(self.real)}
        self.hashes = synthetic_bank(n, self.real, self.spacing, seed=9)

    def descriptors(self, a: int, b: int) -> np.ndarray:
        """The distractors' descriptors at positions [a, b), the same every time."""
        rng = np.random.default_rng(a)
        base = np.stack([self.pool[i % len(self.pool)][1].desc for i in range(a, b)])
        flips = rng.integers(0, 256, base.shape, dtype=np.uint8) & rng.integers(0, 256, base.shape, dtype=np.uint8)
        return base ^ flips

    def thumb(self, p: int) -> np.ndarray:
        """A distractor's thumbnail: a pool photo's, wrapped round by an offset of its own (the
        pool photos are also the other tiles of the collage queries, which the bank must not know)."""
        base = self.pool[p % len(self.pool)][0]
        return np.ascontiguousarray(np.roll(base, (16 + p % 33, 16 + (p // 33) % 33), axis=(0, 1)))

    def queries(self, imgs: dict[str, Image.Image]) -> list[tuple[Image.Image, int]]:
        """20 hard queries (5 families × 4 photos) and the position of the photo each shows."""
        rng = np.random.default_rng(5)
        names = list(imgs)
        fillers = list(unregistered_photos().values())
        return [(FAMILIES[fam](imgs[name], rng, fillers), names.index(name) * self.spacing)
                for fam in HARD_FAMILIES for name in HARD_PHOTOS]


def full_pipeline(imgs: dict[str, Image.Image], bank: SyntheticBank) -> None:
    """The whole pipeline against the synthetic bank held in memory (no database)."""
    from workbench.images.features import Features
    from workbench.images.keypoint_index import KeypointIndex

    n = bank.n
    before = rss_mb()
    t = time.perf_counter()
    descs = np.empty((n, 128, 32), dtype=np.uint8)
    for a in range(0, n, 10_000):
        descs[a:min(n, a + 10_000)] = bank.descriptors(a, min(n, a + 10_000))
    real_desc = {p: unpack(fp.features) for p, fp in bank.real_at.items()}
    index = bank.hashes
    index.keypoints = KeypointIndex([real_desc[p].desc if p in real_desc else descs[p] for p in range(n)])  # type: ignore[union-attr]
    built = time.perf_counter() - t
    extra = rss_mb() - before - descs.nbytes / 2**20  # the distractors' descriptors stand in for the database

    def load(positions: list[int]) -> dict[int, Known]:
        out = {}
        for p in positions:
            if p in bank.real_at:
                fp = bank.real_at[p]
                out[p] = Known(np.frombuffer(fp.thumb, dtype=np.uint8).reshape(64, 64), unpack(fp.features))
            else:
                f = bank.pool[p % len(bank.pool)][1]
                out[p] = Known(bank.thumb(p), Features(f.xy, descs[p], f.width, f.height))
        return out

    times, found, wrong = [], 0, 0
    for img, right in bank.queries(imgs):
        g = ImageOps.grayscale(img)
        g.thumbnail((QUERY_WORK, QUERY_WORK), Image.Resampling.BOX)
        t = time.perf_counter()
        findings = find_known(analyse(g), index, load)
        times.append(time.perf_counter() - t)
        found += any(f.index == right and f.verdict == "match" for f in findings)
        wrong += any(f.index != right and f.verdict == "match" for f in findings)
    print(f"whole pipeline against {n:,} registered photos held in memory (hashes {'sub-linear' if index.sublinear else 'brute force'}, "
          f"keypoint votes, panels, local features of at most 16 candidates): median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms a query; the right photo matched for {found}/{len(times)} hard queries "
          f"(heavy crops, 10-15° turns, collage tiles, side by side, mirrored crops in screenshots), a wrong one for {wrong}")
    blob = sum(len(fp.features) for fp in bank.real) / len(bank.real)
    print(f"  memory: hash index and keypoint index {extra:.0f} MB in RAM (built in {built:.0f} s); "
          f"keypoints are read from the database for the candidates only ({blob / 1024:.1f} KB a photo on disk)")
    index.keypoints = None


def _bank_database(bank: SyntheticBank, url: str) -> None:
    """The synthetic bank written to a database, as `images add` would have left it."""
    from sqlalchemy import insert

    from workbench.images.features import Features, pack
    from workbench.images.hashing import to_signed
    from workbench.storage.db import Database
    from workbench.storage.models import KnownImage, utcnow

    table = KnownImage.__table__
    db = Database(url)
    now = utcnow()
    for a in range(0, bank.n, 5_000):
        b = min(bank.n, a + 5_000)
        descs = bank.descriptors(a, b)
        rows = []
        for p in range(a, b):
            fp = bank.real_at.get(p)
            if fp is not None:
                thumb, features = fp.thumb, fp.features
            else:
                f = bank.pool[p % len(bank.pool)][1]
                thumb, features = bank.thumb(p).tobytes(), pack(Features(f.xy, descs[p - a], f.width, f.height))
            rows.append({"sha256": f"{p:064x}", "path": f"/bank/{p:07d}.jpg", "width": 640, "height": 480,
                         "format": "JPEG", "size_bytes": 100_000, "ph": to_signed(int(bank.hashes.ph[p])),
                         "ph_trim": to_signed(int(bank.hashes.ph_trim[p])),
                         "ph_center": to_signed(int(bank.hashes.ph_center[p])), "dh": 0, "thumb": thumb,
                         "features": features, "added_at": now, "added_by": "benchmark"})
        with db.begin_write() as conn:
            conn.execute(insert(table), rows)
    db.dispose()


# The command as `workbench` runs it, reporting its peak RSS at exit (VmHWM: getrusage's figure
# would be the benchmark's own, which a child inherits across exec).
_CLI = ("import atexit, pathlib, sys; atexit.register(lambda: sys.stderr.write(next(line for line in "
        "pathlib.Path('/proc/self/status').read_text().splitlines() if line.startswith('VmHWM')) + '\\n')); "
        "from workbench.cli import main; sys.argv = ['workbench', *sys.argv[1:]]; main()")


def _cli_match(path: Path, url: str, cache: Path) -> tuple[float, float, dict]:
    """`workbench images match PATH --json` in a new process: seconds, peak RSS (MB), its answer."""
    import json
    import os
    import subprocess

    env = {**os.environ, "WORKBENCH_CACHE": str(cache)}
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _CLI, "images", "match", str(path), "--db", url, "--json"],
                         capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - t
    rss = next((int(line.split()[1]) / 1024 for line in out.stderr.splitlines() if line.startswith("VmHWM")), 0.0)
    return elapsed, rss, json.loads(out.stdout.splitlines()[-1]) if out.stdout.strip() else {}


def database_pipeline(imgs: dict[str, Image.Image], bank: SyntheticBank) -> None:
    """The same bank in SQLite, matched as `images match` does: the command in a new process,
    cold (the index built and saved) and again (the saved index opened); then the 20 hard
    queries one after another in one process, candidates read from the database."""
    from workbench.services.images import bank_index, match_image
    from workbench.storage.db import Database

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bank.db'}"
        cache = Path(tmp) / "cache"
        t = time.perf_counter()
        _bank_database(bank, url)
        written = time.perf_counter() - t
        small_url = f"sqlite:///{Path(tmp) / 'small.db'}"
        _bank_database(SyntheticBank(imgs, 16), small_url)
        queries = bank.queries(imgs)
        files = []
        for k, (img, _right) in enumerate(queries):
            files.append(Path(tmp) / f"query-{k:02d}.jpg")
            img.convert("RGB").save(files[-1], quality=90)
        _cli_match(files[0], small_url, cache)  # the first process of all reads the libraries from disk
        small_s, small_rss, _ = _cli_match(files[0], small_url, cache)
        cold_s, cold_rss, cold = _cli_match(files[0], url, cache)
        warm = [_cli_match(f, url, cache) for f in files[:3]]
        warm_s = statistics.median(w[0] for w in warm)
        right_id = queries[0][1] + 1
        ok = [bool(r.get("matches")) and r["matches"][0]["known_id"] == right_id for r in (cold, warm[0][2])]
        on_disk = sum(f.stat().st_size for f in cache.rglob("*.npy")) / 2**20
        print(f"images match in a new process against {bank.n:,} photos in SQLite (written in {written:.0f} s): "
              f"first run {cold_s:.1f} s (builds the index and saves it, {on_disk:,.0f} MB on disk), "
              f"later runs {warm_s:.2f} s median (the saved index opened memory-mapped); against 16 photos "
              f"{small_s:.2f} s; right photo first {sum(ok)}/2; peak RSS {cold_rss:,.0f} MB cold, "
              f"{max(w[1] for w in warm):,.0f} MB warm ({small_rss:,.0f} MB against 16 photos)")
        import os

        os.environ["WORKBENCH_CACHE"] = str(cache)
        db = Database(url)
        before = rss_mb()
        t = time.perf_counter()
        bank_index(db)
        opened = time.perf_counter() - t
        times, found, wrong, possible = [], 0, 0, 0
        for f, (_img, right) in zip(files, queries, strict=True):
            t = time.perf_counter()
            result = match_image(db, f)
            times.append(time.perf_counter() - t)
            found += any(m.known_id == right + 1 and m.verdict == "match" for m in result.matches)
            wrong += any(m.known_id != right + 1 and m.verdict == "match" for m in result.matches)
            possible += sum(m.verdict == "possible" for m in result.matches)
        print(f"  in one process: index opened in {opened * 1000:.0f} ms; a query (decode, analysis, every stage, "
              f"candidates read from SQLite) median {statistics.median(times) * 1000:.0f} ms, max "
              f"{max(times) * 1000:.0f} ms; the right photo matched for {found}/{len(times)}, a wrong one for {wrong}, "
              f"{possible} \"possible\" in all; "
              f"{rss_mb() - before:,.0f} MB more resident after the 20 queries")
        db.dispose()
        del os.environ["WORKBENCH_CACHE"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bank", type=int, default=1_000_000, help="known images for the global-hash query")
    ap.add_argument("--pipeline-bank", type=int, default=100_000, help="registered photos for the whole pipeline")
    ap.add_argument("--skip-database", action="store_true", help="no SQLite bank and command-line runs")
    ap.add_argument("--skip-registration", action="store_true")
    args = ap.parse_args()
    extra = "" if args.bank == 1_000_000 else f" --bank {args.bank}"
    extra += "" if args.pipeline_bank == 100_000 else f" --pipeline-bank {args.pipeline_bank}"
    extra += " --skip-registration" if args.skip_registration else ""
    extra += " --skip-database" if args.skip_database else ""
    print(f"command: python benchmarks/image_speed.py{extra}")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    imgs = photos()
    if not args.skip_registration:
        registration(imgs)
    global_query(imgs, args.bank)
    if args.pipeline_bank:
        bank = SyntheticBank(imgs, args.pipeline_bank)
        full_pipeline(imgs, bank)
        if not args.skip_database:
            database_pipeline(imgs, bank)
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
