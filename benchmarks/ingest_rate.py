"""Ingest rate: SaudiNewsNet articles into a fresh SQLite database, end to end.

    python benchmarks/ingest_rate.py --limit 5000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._corpus import corpus_articles, peak_rss_mb
from workbench.services.ingest import ingest_articles
from workbench.storage.db import Database


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=5000, help="articles to ingest (0: the whole corpus)")
    ap.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        db = Database(url)
        t0 = time.perf_counter()
        report = ingest_articles(db, corpus_articles(args.limit or None))
        first = time.perf_counter() - t0
        with db.engine.connect() as conn:
            linked, across = conn.exec_driver_sql(
                "SELECT count(*), sum(CASE WHEN coalesce(ea.publisher_id, -1) <> coalesce(a.publisher_id, -1) THEN 1 ELSE 0 END) "
                "FROM claim c JOIN article a ON a.id = c.article_id "
                "JOIN claim e ON e.id = c.seen_before_id JOIN article ea ON ea.id = e.article_id").one()
        t1 = time.perf_counter()
        again = ingest_articles(db, corpus_articles(args.limit or None))
        second = time.perf_counter() - t1
    print(f"command: python benchmarks/ingest_rate.py --limit {args.limit}")
    print(f"backend: {db.dialect}")
    print(f"first run: {report.articles:,} articles, {report.claims:,} claims, {report.duplicates:,} duplicates "
          f"in {first:.1f} s = {report.articles / first:,.0f} articles/s ({(report.articles + report.duplicates) / first:,.0f} read/s)")
    print(f"claims seen before: {linked:,} linked to an earlier claim, {across or 0:,} of them to another publisher's")
    print(f"second run: {again.articles:,} added, {again.duplicates:,} duplicates in {second:.1f} s")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
