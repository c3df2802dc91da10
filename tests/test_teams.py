"""Teams and trust: two checkers on one claim, changes seen by others, crashes, backups."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from tests.conftest import ARTICLES, SEED
from tests.test_app import _loaded
from tests.test_cli import run
from workbench.errors import WorkbenchError
from workbench.ingest.run import ingest_paths
from workbench.services.backup import backup, restore
from workbench.services.claims import ConflictError, claim_history, list_claims, set_status
from workbench.storage.db import Database
from workbench.text.analyzer import analyze
from workbench.tui.app import WorkbenchApp
from workbench.tui.desk import Notice


def _racer(url: str, claim_id: int, version: int, status: str, user: str, barrier: object, out: object) -> None:
    db = Database(url)
    barrier.wait()  # type: ignore[attr-defined]
    try:
        set_status(db, claim_id, status, user=user, expected_version=version)
        out.put((user, "saved"))  # type: ignore[attr-defined]
    except ConflictError as exc:
        out.put((user, f"conflict:{exc.current.status}"))  # type: ignore[attr-defined]


def test_two_processes_one_claim_no_lost_update(db_url: str) -> None:
    db = Database(db_url)
    ingest_paths(db, [SEED])
    claim = list_claims(db)[0]
    ctx = multiprocessing.get_context("fork")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_racer, args=(db_url, claim.id, claim.version, st, user, barrier, out))
             for st, user in (("false", "amal"), ("verified", "omar"))]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
    results = dict(out.get(timeout=5) for _ in procs)
    assert sorted(v.split(":")[0] for v in results.values()) == ["conflict", "saved"]
    winner = next(u for u, v in results.items() if v == "saved")
    loser_saw = next(v for v in results.values() if v.startswith("conflict")).split(":")[1]
    final = list_claims(db)[0]
    assert final.updated_by == winner and loser_saw == final.status
    assert len(claim_history(db, claim.id)) == 1  # one change, nothing overwritten


async def test_the_app_shows_changes_made_by_others(db: Database) -> None:
    ingest_paths(db, [SEED])
    claim = list_claims(db)[1]
    app = WorkbenchApp(db, user="amal", bidi="off", poll_seconds=0.2)
    told: list[str] = []  # every notice, kept: a toast times out after 4 s, which a busy CI may take
    notify = app.notify

    def recording(message: str | Notice, **options: Any) -> None:
        told.append(message.text if isinstance(message, Notice) else message)
        notify(message, **options)

    app.notify = recording  # type: ignore[method-assign]
    async with app.run_test(size=(140, 40)) as pilot:
        await _loaded(pilot, app)
        set_status(db, claim.id, "misleading", user="omar")  # another checker, elsewhere
        for _ in range(30):
            await pilot.pause(0.1)
            if app.screen.desk.rows[claim.id].status == "misleading":
                break
        assert app.screen.desk.rows[claim.id].status == "misleading"
        assert any("omar" in said for said in told)


def _articles_file(path: Path, n: int) -> int:
    """n distinct articles in JSON Lines, made from the fixture sentences."""
    sentences = []
    for f in sorted(ARTICLES.iterdir()):
        sentences += [s.strip() for s in f.read_text(encoding="utf-8").replace("\n", " ").split(".") if len(s.split()) > 5]
    rng = random.Random(5)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            body = ". ".join(rng.sample(sentences, 6)) + f". رقم الخبر {i}."
            out.write(json.dumps({"title": f"a{i}", "content": body}, ensure_ascii=False) + "\n")
    return n


def _rows_in(url: str, table: str) -> Callable[[], int]:
    """How many rows `table` holds now (0 while it cannot be read), asked of a fresh connection."""
    def count() -> int:
        if url.startswith("sqlite"):
            db_file = Path(url.removeprefix("sqlite:///"))
            if not db_file.exists():
                return 0
            try:
                with sqlite3.connect(db_file, timeout=1) as con:
                    return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            except sqlite3.Error:
                return 0
        import psycopg

        try:
            with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), connect_timeout=2) as con:
                return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]
        except psycopg.Error:
            return 0
    return count


def _kill_midway(args: list[str], count: Callable[[], int], at_least: int) -> int:
    """Run `workbench ARGS`, and kill -9 it (with its worker processes, as a terminal would)
    once `count` says `at_least`; return how many it said then."""
    proc = subprocess.Popen([sys.executable, "-m", "workbench", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 60
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.02)
        stored = count()
        if stored >= at_least:
            break
    with contextlib.suppress(ProcessLookupError):  # it may have finished first
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return int(stored)


def stored_articles_are_whole(db: Database, src: Path) -> int:
    """Every article stored from `src` (JSON Lines) has exactly the claims its analysis gives:
    none is half-stored. Returns how many articles are stored."""
    expected = {json.loads(line)["title"]: len(analyze(json.loads(line)["content"]).claims)
                for line in src.read_text(encoding="utf-8").splitlines()}
    with db.engine.connect() as conn:
        counts = conn.execute(text(
            "SELECT a.title, count(c.id) FROM article a LEFT JOIN claim c ON c.article_id = a.id GROUP BY a.id, a.title"
        )).all()
    assert all(n == expected[title] for title, n in counts)
    return len(counts)


def test_kill_9_during_ingest_leaves_a_consistent_database(tmp_path: Path, db_url: str) -> None:
    src = tmp_path / "many.jsonl"
    n = _articles_file(src, 1500)
    url = db_url
    stored = _kill_midway(["ingest", str(src), "--db", url, "--json"], _rows_in(url, "article"), 100)
    assert 0 < stored < n
    db = Database(url)
    assert stored_articles_are_whole(db, src) > 0
    again = run("ingest", str(src), "--db", url, "--json")
    assert again.returncode == 0, again.stderr
    with db.engine.connect() as conn:
        total = conn.execute(text("SELECT count(*) FROM article")).scalar()
        distinct = conn.execute(text("SELECT count(DISTINCT content_hash) FROM article")).scalar()
        keyed = conn.execute(text("SELECT count(DISTINCT claim_id) FROM claim_key")).scalar()
        long_claims = conn.execute(text("SELECT count(*) FROM claim")).scalar()
        indexed = (conn.execute(text("SELECT count(*) FROM claim_fts_docsize")).scalar() if db.dialect == "sqlite"
                   else long_claims)  # PostgreSQL's index is part of the claims' own transaction
    assert total == distinct == n
    assert keyed > 0.8 * long_claims  # keys lost with the killed run were computed again
    assert indexed == long_claims  # and every claim is searchable
    db.dispose()


def test_backup_and_restore(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    db = Database(url)
    ingest_paths(db, [ARTICLES])
    claim = list_claims(db)[0]
    set_status(db, claim.id, "false", user="amal")
    copy = tmp_path / "copy.db"
    assert backup(db, copy) > 0
    set_status(db, claim.id, "verified", user="omar")  # a change after the backup
    with pytest.raises(WorkbenchError):
        backup(db, copy)  # never overwrites
    restore(db, copy)
    assert list_claims(db)[0].status == "false"
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"hello")
    with pytest.raises(WorkbenchError):
        restore(db, bad)
    out = run("backup", str(tmp_path / "cli.db"), "--db", url)
    assert out.returncode == 0 and (tmp_path / "cli.db").exists()
    refused = run("restore", str(copy), "--db", url)
    assert refused.returncode == 1 and "--yes" in refused.stderr


def test_backup_refuses_postgresql(pg_url: str, tmp_path: Path) -> None:
    with pytest.raises(WorkbenchError, match="pg_dump"):
        backup(Database(pg_url), tmp_path / "x.db")


HOSTILE_FILES: dict[str, bytes] = {
    "nul.txt": "قال المرصد\x00 إن القصف استمر طوال الليل في المدينة.".encode(),
    "iso.txt": "قال المرصد السوري لحقوق الإنسان إن القصف استمر طوال الليل في المدينة.".encode("iso8859_6"),
    "utf16.txt": "قال المرصد السوري إن القصف استمر طوال الليل في المدينة.".encode("utf-16"),
    "trojan.txt": "The ministry said \u202eevil\u202c 12 people died \u2066in secret\u2069 today.".encode(),
    "osc.txt": b"The ministry said \x1b]0;pwned\x07 \x1b[2J 12 people died today.",
    "sql.txt": b"The ministry said '; DROP TABLE claim; -- 12 people \"died\" today.",
}


def test_hostile_corpus_is_stored_literally(db: Database, tmp_path: Path) -> None:
    for name, data in HOSTILE_FILES.items():
        (tmp_path / name).write_bytes(data)
    big = tmp_path / "huge.txt"
    big.write_bytes(("كلمة " * 11_000_000).encode())  # a 50+ MB "article"
    report = ingest_paths(db, [tmp_path])
    assert [Path(e.origin).name for e in report.errors] == ["huge.txt"]
    assert "too long" in report.errors[0].message
    texts = [c.text for c in list_claims(db)]
    assert any("DROP TABLE claim" in t for t in texts)
    assert any("\u202e" in t for t in texts) and any("\x1b]0;pwned" in t for t in texts)
    assert len(list_claims(db)) >= 5


def test_nul_in_json_articles_is_kept_visible(db: Database, tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"title": "t\u0000", "content": "The ministry said 12 people\u0000 died in the strikes today."}) + "\n", encoding="utf-8")
    report = ingest_paths(db, [tmp_path])
    assert report.articles == 1 and not report.errors
    assert "\u2400" in list_claims(db)[0].text


def test_kill_9_during_bank_registration(tmp_path: Path) -> None:
    from benchmarks._photos import photos

    folder = tmp_path / "bank"
    folder.mkdir()
    base = photos()["coffee"].resize((320, 214))
    for i in range(240):
        base.rotate(i * 1.5).save(folder / f"p{i:03d}.jpg", quality=80)
    url = f"sqlite:///{tmp_path / 'bank.db'}"
    db_file = tmp_path / "bank.db"
    _kill_midway(["images", "add", str(folder), "--db", url], _rows_in(url, "known_image"), 64)
    with sqlite3.connect(db_file) as con:
        broken = con.execute("SELECT count(*) FROM known_image WHERE length(thumb) != 4096 OR ph IS NULL").fetchone()[0]
    assert broken == 0
    again = run("images", "add", str(folder), "--db", url, "--json")
    assert again.returncode == 0, again.stderr
    with sqlite3.connect(db_file) as con:
        total, distinct = con.execute("SELECT count(*), count(DISTINCT sha256) FROM known_image").fetchone()
    assert total == distinct == 240
