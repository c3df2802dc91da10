"""Ingest rate: SaudiNewsNet articles into a fresh database, end to end, against SQLite in the same run.

    python benchmarks/ingest_rate.py --limit 5000
    python benchmarks/ingest_rate.py --limit 5000 --db postgresql+psycopg://postgres@127.0.0.1:54329/postgres
    python benchmarks/ingest_rate.py --limit 5000 --db postgresql+psycopg://… --workers 1,2,4

Always ingests into a fresh SQLite file first: that is the baseline every other figure is a ratio
of (absolute rates on a shared machine mean little). With `--db`, the same articles go into that
database too, then into SQLite once more: the ratio is against the mean of the SQLite runs before
and after, so a change of load on a shared machine halfway through weighs on both sides alike. A PostgreSQL URL names the server: the benchmark makes a scratch database of its own
there for each run (`<name>_bench_…`, which needs CREATEDB) and drops it afterwards, so the figures are
always those of a first ingest into an empty database.

With `--workers`, the same articles (written once to a JSON Lines file) are also stored by 1, 2, 4…
`workbench ingest --share K/N` processes at once into one fresh database, as a newsroom would spread
an archive over machines: the total rate, and whether every article was stored once with the same
seen-before links as one process made. On one machine the processes share its cores with the
database server: the rate grows only while there are cores to spare.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks._corpus import corpus_articles, peak_rss_mb
from workbench.ingest.loaders import RawArticle
from workbench.ingest.run import ingest_articles
from workbench.storage.db import Database, redact


@dataclass
class Run:
    backend: str
    articles: int
    claims: int
    duplicates: int
    seconds: float
    linked: int
    across: int
    again_added: int
    again_duplicates: int
    again_seconds: float

    @property
    def rate(self) -> float:
        return self.articles / self.seconds


@contextmanager
def scratch_database(url: str) -> Iterator[str]:
    """A fresh database for one run: a new SQLite file, or a new database on the PostgreSQL server
    `url` names (dropped afterwards)."""
    if url.startswith("sqlite"):
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{Path(tmp) / 'bench.db'}"
        return
    parsed = make_url(url)
    name = f"{parsed.database or 'workbench'}_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(parsed.set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield parsed.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def seen_before_links(db: Database) -> tuple[int, int]:
    with db.engine.connect() as conn:
        linked, across = conn.exec_driver_sql(
            "SELECT count(*), sum(CASE WHEN coalesce(ea.publisher_id, -1) <> coalesce(a.publisher_id, -1) THEN 1 ELSE 0 END) "
            "FROM claim c JOIN article a ON a.id = c.article_id "
            "JOIN claim e ON e.id = c.seen_before_id JOIN article ea ON ea.id = e.article_id").one()
    return int(linked), int(across or 0)


def one_run(url: str, articles: list[RawArticle]) -> Run:
    with scratch_database(url) as scratch:
        db = Database(scratch)
        try:
            t0 = time.perf_counter()
            report = ingest_articles(db, iter(articles))
            first = time.perf_counter() - t0
            if report.failure:
                sys.exit(f"error: {report.failure}")
            linked, across = seen_before_links(db)
            t1 = time.perf_counter()
            again = ingest_articles(db, iter(articles))
            second = time.perf_counter() - t1
        finally:
            db.dispose()
    return Run(db.dialect, report.articles, report.claims, report.duplicates, first, linked, across,
               again.articles, again.duplicates, second)


def show(run: Run, baseline: Run | None) -> None:
    ratio = f" = {run.rate / baseline.rate:.2f}x SQLite" if baseline is not None else ""
    print(f"{run.backend}: {run.articles:,} articles, {run.claims:,} claims, {run.duplicates:,} duplicates "
          f"in {run.seconds:.1f} s = {run.rate:,.0f} articles/s{ratio}")
    print(f"  claims seen before: {run.linked:,} linked to an earlier claim, {run.across:,} of them to another publisher's")
    print(f"  second run: {run.again_added:,} added, {run.again_duplicates:,} duplicates in {run.again_seconds:.1f} s")


def shared_run(url: str, source: Path, n: int, jobs: int | None = None) -> tuple[float, int, int, int, int]:
    """`n` ingest processes, share k of n each, into one fresh database (each analysing on `jobs`
    processes, or every core): seconds, articles stored, distinct articles, claims linked to one
    seen before, and errors reported."""
    with scratch_database(url) as scratch:
        Database(scratch).dispose()  # the schema made once, before the processes start
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
        t0 = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-m", "workbench", "ingest", str(source), "--db", scratch,
                                   "--json", "--quiet", "--share", f"{k}/{n}",
                                   *(["--jobs", str(jobs)] if jobs else [])],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                 for k in range(1, n + 1)]
        outs = [p.communicate() for p in procs]
        seconds = time.perf_counter() - t0
        stored = errors = 0
        for p, (out, err) in zip(procs, outs, strict=True):
            if p.returncode not in (0, 1) or not out.strip():
                sys.exit(f"error: an ingest process failed: {err.strip().splitlines()[-1:] or p.returncode}")
            summary = json.loads(out.strip().splitlines()[-1])
            stored += summary["articles"]
            errors += summary["errors"]
        db = Database(scratch)
        try:
            with db.engine.connect() as conn:
                distinct = int(conn.exec_driver_sql("SELECT count(DISTINCT content_hash) FROM article").scalar_one())
            linked, _across = seen_before_links(db)
        finally:
            db.dispose()
    return seconds, stored, distinct, linked, errors


def as_jsonl(articles: list[RawArticle], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps({"title": a.title, "content": a.text, "url": a.url, "author": a.author,
                                "source": a.publisher, "date": a.published}, ensure_ascii=False) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=5000, help="articles to ingest (0: the whole corpus)")
    ap.add_argument("--db", help="a database URL to measure against SQLite (PostgreSQL: the server, see above)")
    ap.add_argument("--workers", help="with --db: also 1,2,4… ingest processes sharing the database")
    ap.add_argument("--jobs", type=int, help="with --workers: each process analyses on this many cores "
                                             "(1 shows how the total grows while the machine has cores to spare)")
    args = ap.parse_args()
    articles = list(corpus_articles(args.limit or None))  # read once: both backends get the same, already in memory
    command = (f"python benchmarks/ingest_rate.py --limit {args.limit}" + (f" --db {redact(args.db)}" if args.db else "")
               + (f" --workers {args.workers}" if args.workers else "") + (f" --jobs {args.jobs}" if args.jobs else ""))
    print(f"command: {command}")
    print(f"input: {len(articles):,} SaudiNewsNet articles")
    baseline = one_run("sqlite://", articles)
    show(baseline, None)
    if args.db:
        measured = one_run(args.db, articles)
        # The load of a shared machine drifts within a minute: SQLite again after, and the ratio
        # taken against the two SQLite runs around it.
        after = one_run("sqlite://", articles)
        print(f"sqlite again: {after.rate:,.0f} articles/s")
        baseline.seconds = (baseline.seconds + after.seconds) / 2
        show(measured, baseline)
    if args.db and args.workers:
        counts = [int(n) for n in args.workers.split(",")]
        each = f", each analysing on {args.jobs} core{'s' if args.jobs > 1 else ''}" if args.jobs else ""
        print(f"ingest processes sharing one database ({os.cpu_count()} cores on this machine, the server's included{each}):")
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "articles.jsonl"
            as_jsonl(articles, source)
            first_rate = None
            for n in counts:
                seconds, stored, distinct, linked, errors = shared_run(args.db, source, n, args.jobs)
                rate = stored / seconds
                first_rate = first_rate or rate
                print(f"  {n} process{'es' if n > 1 else ''}: {stored:,} articles ({distinct:,} distinct) in {seconds:.1f} s "
                      f"= {rate:,.0f} articles/s = {rate / first_rate:.2f}x one process; {linked:,} claims linked "
                      f"to one seen before; {errors} errors")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
