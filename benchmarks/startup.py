"""App start-up: from constructing the app to the first painted screen with the queue filled.

    python benchmarks/startup.py [--db URL]     # default: the demo database
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.services.demo import build_demo
from workbench.storage.db import Database
from workbench.tui.app import WorkbenchApp
from workbench.tui.widgets.claim_queue import ClaimQueue


async def once(url: str) -> float:
    t0 = time.perf_counter()
    db = Database(url)
    app = WorkbenchApp(db, bidi="on")
    async with app.run_test(size=(160, 45)) as pilot:
        while True:
            await pilot.pause()
            screen = app.screen
            queues = list(screen.query(ClaimQueue))
            if queues and queues[0].desk.row_count:
                break
            await asyncio.sleep(0.001)
        elapsed = time.perf_counter() - t0
    db.dispose()
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    url = args.db or build_demo()[0].url
    times = [asyncio.run(once(url)) for _ in range(args.runs)]
    print(f"command: python benchmarks/startup.py{' --db ' + args.db if args.db else ''}")
    print(f"database: {url}")
    print(f"start-up to first filled screen: median {statistics.median(times) * 1000:.0f} ms, "
          f"min {min(times) * 1000:.0f} ms over {len(times)} runs (headless, in-process)")


if __name__ == "__main__":
    main()
