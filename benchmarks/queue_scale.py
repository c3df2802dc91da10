"""The app with 100,000 claims: start-up to the first filled screen, keypress-to-saved latency,
time until every page is loaded, and peak memory.

    python benchmarks/queue_scale.py [--claims 100000]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text

from benchmarks._corpus import peak_rss_mb
from workbench.storage.db import Database
from workbench.tui.app import WorkbenchApp
from workbench.tui.widgets.claim_queue import ClaimQueue

SENTENCES = [
    "قال المرصد السوري لحقوق الإنسان إن {n} مدنياً قتلوا في غارات جوية على ريف إدلب",
    "The ministry said {n} people were wounded in the blast on Monday",
    "وأفاد مركز حلب الإعلامي أن القوات سيطرت على {n} مبنى في حي الأشرفية",
    "Activists posted a photo that they said showed {n} families leaving the town",
]
# Claims in the SaudiNewsNet corpus are 164 characters long on average (median 139, 90% under
# 308): the sentences above grow by clauses to about that.
CLAUSES = [
    "، وذلك بحسب ما نقلته وسائل إعلام محلية عن مصادر ميدانية في المنطقة",
    ", according to officials who spoke on condition of anonymity to reporters",
    "، مشيراً إلى أن عمليات الإغاثة ما زالت مستمرة رغم صعوبة الوصول إلى الأحياء المتضررة",
]


def build(url: str, n_claims: int, per_article: int = 10) -> None:
    db = Database(url)
    now = "2016-12-01 00:00:00"
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO source (id, key, canonical, kind, reliability, aliases, domains, is_candidate, note, created_at) "
                          "VALUES (1, 'bench', 'Bench source', 'organization', 'unknown', '[]', '[]', false, '', :t)"), {"t": now})
        arts, claims = [], []
        for a in range(n_claims // per_article):
            body = []
            for k in range(per_article):
                extra = "".join(CLAUSES[: (a * 3 + k) % 4])
                body.append(SENTENCES[(a + k) % len(SENTENCES)].format(n=a * per_article + k) + extra + ".")
            textbody = " ".join(body)
            arts.append({"id": a + 1, "h": f"h{a}", "t": f"article {a}", "x": textbody, "at": now})
            pos = 0
            for k, sentence in enumerate(body):
                claims.append({"a": a + 1, "s": k, "st": pos, "en": pos + len(sentence), "x": sentence,
                               "n": sentence.lower(), "w": ((a * 7 + k) % 100) / 100})
                pos += len(sentence) + 1
        conn.execute(text("INSERT INTO article (id, content_hash, title, text, language, ingested_at) VALUES (:id, :h, :t, :x, 'ar', :at)"), arts)
        conn.execute(text('INSERT INTO claim (article_id, seq, start, "end", text, attributed, source_id, rests_on_media, '
                          "checkworthiness, features, status, version, norm) VALUES (:a, :s, :st, :en, :x, true, 1, false, :w, '', "
                          "'unchecked', 1, :n)"), claims)
    db.dispose()


async def measure(url: str) -> None:
    t0 = time.perf_counter()
    db = Database(url)
    app = WorkbenchApp(db, user="bench", bidi="on", poll_seconds=0)
    async with app.run_test(size=(160, 45)) as pilot:
        while True:
            await pilot.pause()
            queues = list(app.screen.query(ClaimQueue))
            if queues and queues[0].desk.row_count:
                break
        first = time.perf_counter() - t0
        queue = queues[0].desk
        claim = queue.selected
        assert claim is not None
        total = db.engine.connect().execute(text("SELECT count(*) FROM claim")).scalar()
        t2 = time.perf_counter()
        while queue.row_count < total:
            await pilot.pause(0.05)
        all_loaded = time.perf_counter() - t2 + first
        t1 = time.perf_counter()
        await pilot.press("v")
        while True:
            with db.engine.connect() as conn:
                if conn.execute(text("SELECT status FROM claim WHERE id = :i"), {"i": claim.id}).scalar() == "verified":
                    break
            await asyncio.sleep(0.001)
        saved = time.perf_counter() - t1
        t3 = time.perf_counter()
        for _ in range(50):
            await pilot.press("pagedown")
        await pilot.pause()
        scroll = (time.perf_counter() - t3) / 50
        t4 = time.perf_counter()
        await pilot.press("b", "b")  # grouped by article, then by source
        await pilot.pause()
        grouped = (time.perf_counter() - t4) / 2
        t5 = time.perf_counter()
        await app.screen.apply_filter("status:unchecked worth>0.5")  # type: ignore[attr-defined]
        await pilot.pause()
        filtered = time.perf_counter() - t5
    print(f"claims: {total:,}")
    print(f"start-up to the first filled screen: {first * 1000:.0f} ms")
    print(f"keypress (v) to saved in the database, all pages loaded: {saved * 1000:.1f} ms")
    print(f"every page loaded after: {all_loaded:.1f} s (the queue is usable from the first screen)")
    print(f"page down: {scroll * 1000:.1f} ms a keypress")
    print(f"group (b): {grouped * 1000:.0f} ms a keypress; filter status:unchecked worth>0.5: {filtered * 1000:.0f} ms")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--claims", type=int, default=100_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'scale.db'}"
        # Built in another process, so that the memory measured is the app's alone.
        import multiprocessing

        proc = multiprocessing.get_context("spawn").Process(target=build, args=(url, args.claims))
        proc.start()
        proc.join()
        print(f"command: python benchmarks/queue_scale.py --claims {args.claims}")
        asyncio.run(measure(url))


if __name__ == "__main__":
    main()
