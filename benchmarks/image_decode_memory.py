"""Peak memory of `workbench images add` on a folder of pictures that are small on disk and huge
decoded: PNGs just under the pixel limit (10,950 × 10,950), 16-bit grey and 8-bit RGBA, 0.2–0.5 MB
each. The whole process tree is sampled (the command and its worker processes), every 20 ms, by
proportional set size (what the workers share with the parent after fork is counted once).

    python benchmarks/image_decode_memory.py                 # this checkout
    python benchmarks/image_decode_memory.py --code ../other # another checkout's workbench, to compare
"""

from __future__ import annotations

import argparse
import os
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

SIDE = 10_950


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def flat_png(side: int, color_type: int, bit_depth: int, channels: int) -> tuple[bytes, bytes]:
    """A flat PNG, compressed row by row (never held decoded in memory here): its head and its
    image data; a text chunk between them makes each copy another file."""
    row = b"\x00" + bytes(side * channels * bit_depth // 8)
    comp = zlib.compressobj(9)
    idat = b"".join([*(comp.compress(row) for _ in range(side)), comp.flush()])
    header = struct.pack(">IIBBBBB", side, side, bit_depth, color_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header), _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def _pss_kb(pid: int) -> int | None:
    """Proportional set size: pages shared by forked workers counted once over all of them."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def tree_rss_kb(root: int) -> tuple[int, int]:
    """(total PSS, largest RSS) of `root` and its descendants, in KB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ppid, pages = int(fields[1]), int(fields[21])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE") // 1024
    total, largest, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        pss = _pss_kb(pid)
        total += pss if pss is not None else rss.get(pid, 0)
        largest = max(largest, rss.get(pid, 0))
        todo.extend(children.get(pid, []))
    return total, largest


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--code", help="a checkout whose workbench to run (default: this one)")
    ap.add_argument("--files", type=int, default=32, help="pictures (32 or more: the worker pool is used)")
    args = ap.parse_args()
    code = Path(args.code).resolve() if args.code else Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pictures"
        folder.mkdir()
        kinds = [("grey16", flat_png(SIDE, 0, 16, 1)), ("rgba8", flat_png(SIDE, 6, 8, 4))]
        for i in range(args.files):
            name, (head, body) = kinds[i % 2]
            (folder / f"{name}-{i:02d}.png").write_bytes(head + _chunk(b"tEXt", b"Comment\x00%d" % i) + body)
        on_disk = sum(f.stat().st_size for f in folder.iterdir())
        env = {**os.environ, "PYTHONPATH": str(code)}
        cmd = [sys.executable, "-m", "workbench", "images", "add", str(folder), "--db", f"sqlite:///{tmp}/bank.db", "--json"]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=code, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        peak_total = peak_one = 0
        while proc.poll() is None:
            total, one = tree_rss_kb(proc.pid)
            peak_total, peak_one = max(peak_total, total), max(peak_one, one)
            time.sleep(0.02)
        out, err = proc.communicate()
        elapsed = time.perf_counter() - t0
    print(f"command: python benchmarks/image_decode_memory.py{' --code ' + args.code if args.code else ''} --files {args.files}")
    print(f"code: {code}")
    print(f"{args.files} PNGs of {SIDE:,}×{SIDE:,} (16-bit grey and 8-bit RGBA), {on_disk / 2**20:.1f} MB on disk")
    print(f"images add: exit {proc.returncode}, {out.strip()[-120:]}{(' / ' + err.strip().splitlines()[-1][:160]) if err.strip() else ''}")
    print(f"peak memory of the whole process tree (PSS): {peak_total / 1024:,.0f} MB; largest single process (RSS): "
          f"{peak_one / 1024:,.0f} MB; "
          f"{elapsed:.1f} s")


if __name__ == "__main__":
    main()
