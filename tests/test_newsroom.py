"""A newsroom on one database: several ingest processes at once, an archive split in shares, a
worker that loses its database."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.test_cli import run
from workbench.ingest.loaders import RawArticle
from workbench.ingest.run import in_share, ingest_articles, parse_share
from workbench.storage.db import Database

_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def _stories(n: int, seed: int = 7) -> list[str]:
    """`n` stories that share no word of their own with each other (made-up words), so that the
    only claim seen before is the one of the story's other telling."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(_LETTERS) for _ in range(rng.randint(6, 9)))

    return [" ".join(f"وقال المتحدث باسم الوزارة إن {word()} {word()} {word()} {word()} سجلت {rng.randint(10, 99)} "
                     f"حالة في {word()} {word()}." for _ in range(2)) for _ in range(n)]


def _jsonl(path: Path, texts: list[str], prefix: str) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"title": f"{prefix}{i}", "content": t}, ensure_ascii=False) + "\n")
    return path


def test_several_ingest_processes_on_one_database_store_each_article_once_and_every_link(
    tmp_path: Path, pg_url: str,
) -> None:
    """Three processes at once: two given the whole archive, one its second half. Each story is
    told twice, its tellings in different files, read at the same pace by different processes:
    whichever stores a telling second finds the first, however close together they were."""
    stories = _stories(220)
    first = _jsonl(tmp_path / "first.jsonl", stories, "a")
    second = _jsonl(tmp_path / "second.jsonl", [s + " وأضاف أن التحقيق مستمر." for s in stories], "b")
    Database(pg_url).dispose()  # the schema, once
    commands = [["ingest", str(first), str(second)], ["ingest", str(second), str(first)], ["ingest", str(second)]]
    procs = [subprocess.Popen([sys.executable, "-m", "workbench", *c, "--db", pg_url, "--json", "--quiet"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [err for _, err in outs]
    summaries = [json.loads(out.strip().splitlines()[-1]) for out, _ in outs]
    assert sum(s["articles"] for s in summaries) == 2 * len(stories)  # each stored once, by one of them
    assert all(s["errors"] == 0 for s in summaries)
    db = Database(pg_url)
    with db.engine.connect() as conn:
        total, distinct = conn.execute(text("SELECT count(*), count(DISTINCT content_hash) FROM article")).one()
        pairs = conn.execute(text(
            "SELECT a.title, c.seq, c.id, c.seen_before_id FROM claim c JOIN article a ON a.id = c.article_id")).all()
        keys = conn.execute(text("SELECT count(*), count(DISTINCT (key, claim_id)) FROM claim_key")).one()
    db.dispose()
    assert total == distinct == 2 * len(stories)
    assert keys[0] == keys[1]  # no key filed twice
    by_telling = {(title, seq): (cid, seen) for title, seq, cid, seen in pairs}
    for i in range(len(stories)):
        for seq in (0, 1):
            a_id, a_seen = by_telling[(f"a{i}", seq)]
            b_id, b_seen = by_telling[(f"b{i}", seq)]
            # The telling stored second points to the first; the first to nothing.
            assert (a_seen, b_seen) in ((None, a_id), (b_id, None)), (i, seq, a_seen, b_seen)


def test_shares_split_an_archive_between_processes(db: Database) -> None:
    texts = _stories(30, seed=3)
    items = [RawArticle(text=t, title=f"s{i}", origin=f"s{i}") for i, t in enumerate(texts)]
    reports = [ingest_articles(db, items, share=(k, 3), workers=1) for k in (1, 2, 3)]
    assert sum(r.articles for r in reports) == 30 and all(r.duplicates == 0 for r in reports)
    assert sum(r.other_shares for r in reports) == 60
    assert all(r.articles for r in reports)  # thirty articles fall in all three shares
    assert reports[0].summary()["other_shares"] == reports[0].other_shares
    again = ingest_articles(db, items, workers=1)
    assert (again.articles, again.duplicates) == (0, 30)
    assert "other_shares" not in again.summary()  # the contract's fields, unchanged without --share


def test_share_is_decided_by_content_alone() -> None:
    digests = [f"{i:064x}" for i in range(0, 10**6, 997)]
    for n in (1, 2, 5):
        owners = [[k for k in range(1, n + 1) if in_share(d, (k, n))] for d in digests]
        assert all(len(o) == 1 for o in owners)  # every article falls in exactly one share
    assert parse_share("2/4") == (2, 4)
    for bad in ("0/2", "3/2", "2", "a/b", "1/0", ""):
        with pytest.raises(ValueError, match="K/N"):
            parse_share(bad)


def test_a_bad_share_is_one_error_line(tmp_path: Path, sqlite_url: str) -> None:
    out = run("ingest", str(_jsonl(tmp_path / "a.jsonl", _stories(2), "a")), "--db", sqlite_url, "--share", "3/2")
    assert out.returncode != 0
    assert out.stderr.strip().splitlines()[-1].startswith("error: --share takes K/N")
    assert "Traceback" not in out.stderr


def test_the_cli_stores_its_share_and_says_what_it_left(tmp_path: Path, sqlite_url: str) -> None:
    src = _jsonl(tmp_path / "a.jsonl", _stories(12, seed=5), "a")
    halves = [json.loads(run("ingest", str(src), "--db", sqlite_url, "--json", "--share", f"{k}/2").stdout.splitlines()[-1])
              for k in (1, 2)]
    assert halves[0]["articles"] + halves[1]["articles"] == 12
    assert halves[0]["other_shares"] == halves[1]["articles"]
    text_out = run("ingest", str(src), "--db", sqlite_url, "--share", "1/2")
    assert "left to the other shares" in text_out.stdout


def test_a_worker_that_loses_its_database_stops_with_one_line_and_a_rerun_completes(
    pg_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from workbench.ingest import bulk

    monkeypatch.setattr(bulk, "GROUP_ARTICLES", 10)
    monkeypatch.setattr(bulk, "GROUP_SECONDS", 3600.0)  # groups of exactly ten
    items = [RawArticle(text=t, title=f"s{i}", origin=f"s{i}") for i, t in enumerate(_stories(60, seed=11))]
    db = Database(pg_url)
    cut = False

    def on_article(report: object) -> None:
        nonlocal cut
        if not cut and getattr(report, "articles", 0) == 35:  # in the middle of the fourth group
            cut = True
            with Database(pg_url).engine.connect() as other:  # the server drops the ingest's connection
                other.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                   "WHERE datname = current_database() AND pid <> pg_backend_pid()"))

    report = ingest_articles(db, items, workers=1, on_article=on_article)
    db.dispose()
    assert report.failure is not None and len(report.errors) == 1
    message = report.errors[0].message
    assert message.startswith("stopped: the database failed") and "\n" not in message
    assert f"the {report.articles} articles stored before stay stored" in message
    fresh = Database(pg_url)
    with fresh.engine.connect() as conn:
        stored = conn.execute(text("SELECT count(*) FROM article")).scalar_one()
    assert stored == report.articles == 30  # the three groups committed before, nothing of the fourth
    again = ingest_articles(fresh, items, workers=1)
    assert (again.articles, again.duplicates, again.errors) == (30, 30, [])
    with fresh.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*), count(DISTINCT content_hash) FROM article")).one() == (60, 60)
    fresh.dispose()


def _assert_vocabulary_complete(db: Database) -> None:
    """PostgreSQL: every word of every stored claim is in the search vocabulary, and its mark
    stands at the last claim."""
    with db.engine.connect() as conn:
        mark = conn.execute(text("SELECT last_claim_id FROM search_term_mark")).scalar_one()
        last = conn.execute(text("SELECT max(id) FROM claim")).scalar_one()
        missing = conn.execute(text(
            "SELECT count(*) FROM (SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('simple', norm))) w FROM claim) s "
            "WHERE w NOT IN (SELECT term FROM search_term)")).scalar_one()
    assert (mark, missing) == (last, 0)


def test_postgresql_search_words_are_added_in_bulk_and_the_migration_goes_both_ways(pg_url: str) -> None:
    """Since 0009 the vocabulary of search words is filled after each batch of ingest, not by a
    trigger on every insert: the words of every stored claim are there when ingest ends, and
    going back to 0008 brings the trigger back with nothing missing."""
    from alembic import command

    from tests.conftest import ARTICLES
    from workbench.ingest.run import ingest_paths
    from workbench.services.claims import search_claims
    from workbench.storage.db import alembic_config

    db = Database(pg_url)
    ingest_paths(db, [ARTICLES])
    _assert_vocabulary_complete(db)
    story = _stories(1, seed=21)[0]
    word = story.split()[5]
    ingest_articles(db, [RawArticle(text=story, title="new", origin="new")], workers=1)
    assert [r.article_title for r in search_claims(db, word)] == ["new"]  # a search reads the vocabulary first
    db.dispose()
    engine = Database(pg_url).engine
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0008")
        conn.execute(text("INSERT INTO claim (article_id, seq, start, \"end\", text, attributed, rests_on_media, "
                          "checkworthiness, features, status, version, norm) SELECT id, 99, 0, 5, 'x', false, false, 0, '', "
                          "'unchecked', 1, 'قبلالترقيةكلمة' FROM article LIMIT 1"))
        assert conn.execute(text("SELECT count(*) FROM search_term WHERE term = 'قبلالترقيةكلمة'")).scalar_one() == 1
        command.upgrade(cfg, "head")
        assert conn.execute(text("SELECT last_claim_id FROM search_term_mark")).scalar_one() == \
            conn.execute(text("SELECT max(id) FROM claim")).scalar_one()
    engine.dispose()


def test_jobs_sets_how_many_processes_analyse_and_changes_nothing_stored(tmp_path: Path) -> None:
    # enough articles for the process pool; one process or two store exactly the same
    src = _jsonl(tmp_path / "a.jsonl", _stories(220, seed=7), "a")
    summaries = []
    for jobs in ("1", "2"):
        url = f"sqlite:///{tmp_path / f'jobs{jobs}.db'}"
        out = run("ingest", str(src), "--db", url, "--json", "--jobs", jobs)
        assert out.returncode == 0, out.stderr
        summaries.append(json.loads(out.stdout.splitlines()[-1]))
    assert summaries[0]["articles"] == summaries[1]["articles"] > 200
    assert summaries[0]["claims"] == summaries[1]["claims"]
    bad = run("ingest", str(src), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--jobs", "0")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr


@pytest.mark.parametrize("db_url", ["sqlite", "pg"], indirect=True)
def test_claim_keys_keep_no_id_nor_foreign_key_and_the_migration_goes_both_ways(db_url: str) -> None:
    """0011 keeps the seen-before keys as (claim_id, key) alone: the same keys before and after,
    going down to 0010 and up again, and the tellings stored afterwards still find the first."""
    from alembic import command
    from sqlalchemy import create_engine, inspect

    from workbench.storage.db import alembic_config

    stories = _stories(3, seed=5)
    db = Database(db_url)
    ingest_articles(db, [RawArticle(text=s, title=f"a{i}", origin=f"a{i}") for i, s in enumerate(stories)], workers=1)

    def keys(conn: object) -> list[tuple[int, int]]:
        return sorted(tuple(r) for r in conn.execute(text("SELECT claim_id, key FROM claim_key")).all())  # type: ignore[attr-defined]

    with db.engine.connect() as conn:
        before = keys(conn)
    db.dispose()
    assert len(before) > len(stories)
    engine = create_engine(db_url)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010")
        assert "id" in {c["name"] for c in inspect(conn).get_columns("claim_key")}
        assert [fk["referred_table"] for fk in inspect(conn).get_foreign_keys("claim_key")] == ["claim"]
        assert keys(conn) == before
        command.upgrade(cfg, "head")
        assert {c["name"] for c in inspect(conn).get_columns("claim_key")} == {"claim_id", "key"}
        assert inspect(conn).get_foreign_keys("claim_key") == []
        assert inspect(conn).get_pk_constraint("claim_key")["constrained_columns"] == ["claim_id", "key"]
        assert keys(conn) == before
        if conn.dialect.name == "sqlite":
            assert "WITHOUT ROWID" in conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'claim_key'")).scalar_one()
    engine.dispose()
    db = Database(db_url)
    ingest_articles(db, [RawArticle(text=s + " وأضاف أن التحقيق مستمر.", title=f"b{i}", origin=f"b{i}")
                         for i, s in enumerate(stories)], workers=1)
    with db.engine.connect() as conn:
        linked = conn.execute(text("SELECT count(*) FROM claim c JOIN article a ON a.id = c.article_id "
                                   "WHERE a.title LIKE 'b%' AND c.seen_before_id IS NOT NULL")).scalar_one()
    db.dispose()
    assert linked == 2 * len(stories)


def test_postgresql_search_words_are_indexed_beside_the_writer_and_complete_when_ingest_ends(
    pg_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The vocabulary is brought up to date on a connection of its own while groups go on being
    written: passes asked for during the run, and one last pass when it ends, so that every word of
    every stored claim is there when ingest returns."""
    from workbench.ingest import bulk
    from workbench.ingest import run as ingest_run
    from workbench.storage.search import VocabularyIndexer

    monkeypatch.setattr(bulk, "GROUP_ARTICLES", 10)
    monkeypatch.setattr(ingest_run, "KEY_FLUSH", 10)  # a pass asked for after every group
    passes = []
    kick = VocabularyIndexer.kick

    def counted(self: VocabularyIndexer) -> None:
        passes.append(1)
        kick(self)

    monkeypatch.setattr(VocabularyIndexer, "kick", counted)
    db = Database(pg_url)
    items = [RawArticle(text=t, title=f"s{i}", origin=f"s{i}") for i, t in enumerate(_stories(45, seed=13))]
    report = ingest_articles(db, items, workers=1)
    assert report.articles == 45 and len(passes) >= 4
    _assert_vocabulary_complete(db)
    # A claim committed after the indexer started is in the last pass `finish` makes.
    indexer = VocabularyIndexer(db.engine)
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO claim (article_id, seq, start, \"end\", text, attributed, rests_on_media, "
                          "checkworthiness, features, status, version, norm) SELECT id, 99, 0, 5, 'x', false, false, 0, "
                          "'', 'unchecked', 1, 'كلمةبعدالبدء' FROM article LIMIT 1"))
    indexer.finish()
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM search_term WHERE term = 'كلمةبعدالبدء'")).scalar_one() == 1
    db.dispose()


def test_a_vocabulary_pass_that_fails_is_raised_in_the_ingest_thread_once() -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.exc import OperationalError

    from workbench.storage.search import VocabularyIndexer

    engine = create_engine("postgresql+psycopg://nobody@127.0.0.1:9/none", connect_args={"connect_timeout": 2})
    indexer = VocabularyIndexer(engine)
    indexer.kick()
    with pytest.raises(OperationalError):
        indexer.finish()
    indexer.finish()  # once: the thread has ended, nothing more to raise
    engine.dispose()
