"""Storage and services on both backends: migrations, ingest, verdicts and their history."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from tests.conftest import ARTICLES, FIXTURES, SEED
from workbench.errors import DatabaseError
from workbench.ingest.loaders import RawArticle
from workbench.ingest.run import IngestReport, ingest_articles, ingest_paths
from workbench.services.claims import (
    ConflictError,
    claim_history,
    list_claims,
    set_status,
    status_counts,
)
from workbench.storage.db import Database
from workbench.storage.models import Status
from workbench.storage.search import is_search_object


def test_migrations_reach_head_and_match_the_models(db: Database) -> None:
    assert {"article", "claim", "source", "status_change", "alembic_version"} <= set(db.table_names())
    def include(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
        return not is_search_object(name)  # made by hand in 0004, 0008, 0009

    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": include})
        diff = compare_metadata(ctx, SQLModel.metadata)
    assert diff == []


def test_opening_twice_is_harmless(db_url: str) -> None:
    Database(db_url).dispose()
    again = Database(db_url)
    assert "claim" in again.table_names()
    again.dispose()


def test_sqlite_runs_in_wal_mode(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_ingest_is_idempotent(db: Database) -> None:
    first = ingest_paths(db, [ARTICLES])
    assert first.articles == len(list(ARTICLES.iterdir()))
    assert first.claims > 20 and not first.errors
    again = ingest_paths(db, [ARTICLES])
    assert (again.articles, again.claims, again.duplicates) == (0, 0, first.articles)
    assert len(list_claims(db)) == first.claims


def test_ingest_bad_files_are_reported_and_the_rest_stored(db: Database, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "broken.json").write_text("[{", encoding="utf-8")
    (tmp_path / "win.txt").write_bytes("قال المرصد السوري إن القصف استمر طوال الليل على المدينة.".encode("cp1256"))
    report = ingest_paths(db, [tmp_path, SEED])
    assert report.articles == 2
    assert sorted(Path(e.origin).name for e in report.errors) == ["binary.txt", "broken.json", "empty.txt"]
    stored = {c.text for c in list_claims(db)}
    assert "قال المرصد السوري إن القصف استمر طوال الليل على المدينة." in stored


def test_ingest_json_jsonl_and_saudinewsnet_zip(db: Database, tmp_path: Path) -> None:
    items = [
        {"title": "أ", "content": "قال المرصد السوري لحقوق الإنسان إن 12 مدنياً قتلوا في القصف.", "source": "aawsat",
         "url": "http://aawsat.com/1", "date_extracted": "2015-07-21 10:00:00"},
        {"title": "ب", "text": "أعلنت وزارة الصحة تسجيل خمس إصابات جديدة بفيروس كورونا في الرياض."},
        {"title": "empty", "body": "   "},
    ]
    (tmp_path / "a.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"title": "ج", "body": "The ministry said 40 people were wounded in the blast."}) + "\nnot json\n",
        encoding="utf-8",
    )
    with zipfile.ZipFile(tmp_path / "2015-07-21.zip", "w") as zf:
        zf.writestr("2015-07-21.json", json.dumps([{**items[0], "content": items[0]["content"] + " وأضاف أن الجرحى كثر."}], ensure_ascii=False))
    report = ingest_paths(db, [tmp_path])
    assert report.articles == 4
    assert len(report.errors) == 2  # the empty body and the bad JSON line
    rows = list_claims(db)
    aawsat = [r for r in rows if r.source_kind == "publisher"]
    assert aawsat == [] or all(r.source_name for r in aawsat)
    titles = {r.article_title for r in rows}
    assert {"أ", "ب", "ج"} <= titles


def test_verdicts_are_written_with_history(db: Database) -> None:
    ingest_paths(db, [SEED])
    claim = list_claims(db)[0]
    row = set_status(db, claim.id, Status.verified, user="amal")
    assert (row.status, row.version, row.updated_by) == ("verified", 2, "amal")
    set_status(db, claim.id, "disputed", user="omar")
    hist = claim_history(db, claim.id)
    assert [(h.user, h.from_status, h.to_status) for h in hist] == [
        ("amal", "unchecked", "verified"),
        ("omar", "verified", "disputed"),
    ]
    assert status_counts(db)["disputed"] == 1


def test_a_stale_write_is_refused_not_lost(db: Database) -> None:
    ingest_paths(db, [SEED])
    claim = list_claims(db)[0]
    set_status(db, claim.id, "false", user="amal", expected_version=claim.version)
    with pytest.raises(ConflictError) as err:
        set_status(db, claim.id, "verified", user="omar", expected_version=claim.version)
    assert err.value.current.status == "false"
    assert list_claims(db)[0].status == "false"
    assert len(claim_history(db, claim.id)) == 1


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://nobody@127.0.0.1:1/none",
        "mysql://x@y/z",
        "not a url at all://",
    ],
)
def test_wrong_database_url_is_one_clear_error(url: str) -> None:
    with pytest.raises(DatabaseError) as err:
        Database(url)
    assert "\n" not in str(err.value)


def test_html_pages_and_dry_run(db: Database) -> None:
    pages = FIXTURES / "pages"
    dry = ingest_paths(db, [pages], dry_run=True)
    assert dry.articles == 1 and dry.claims >= 5
    assert list_claims(db) == []
    report = ingest_paths(db, [pages])
    assert report.articles == 1 and report.claims == dry.claims
    rows = list_claims(db)
    assert rows[0].article_title.startswith("الدفاع المدني")
    texts = " ".join(r.text for r in rows)
    assert "إعلان" not in texts and "جميع الحقوق محفوظة" not in texts  # boilerplate removed
    assert any(r.source_name == "Syria Civil Defence (White Helmets)" for r in rows)
    from workbench.services.claims import get_article

    art = get_article(db, rows[0].article_id)
    assert art.url == "https://example.org/news/2016/12/aleppo-shelling" and art.published == "2016-12-03"


def test_claims_seen_before_are_linked_with_the_earlier_verdict(db: Database, tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_text("قال المرصد السوري لحقوق الإنسان إن 12 مدنياً على الأقل قتلوا في غارات جوية استهدفت بلدة معرة النعمان بريف إدلب أمس.", encoding="utf-8")
    ingest_paths(db, [first])
    original = list_claims(db)[0]
    set_status(db, original.id, "disputed", user="amal")
    second = tmp_path / "b.txt"
    second.write_text("وقال المرصد السوري لحقوق الانسان ان اثني عشر مدنيا على الاقل قتلوا في غارات جوية استهدفت بلدة معرة النعمان في ريف ادلب يوم امس.\nوفي سياق آخر افتتح معرض الكتاب أبوابه للزوار في العاصمة صباح اليوم.", encoding="utf-8")
    ingest_paths(db, [second])
    rows = {r.id: r for r in list_claims(db)}
    repeat = next(r for r in rows.values() if r.article_id != original.article_id and "معرة النعمان" in r.text)
    assert repeat.seen_before_id == original.id and (repeat.seen_similarity or 0) >= 85
    assert repeat.seen_before and repeat.seen_before["status"] == "disputed"
    other = next(r for r in rows.values() if "معرض الكتاب" in r.text)
    assert other.seen_before_id is None
    assert repeat.to_json()["seen_before"]["claim_id"] == original.id


@pytest.mark.parametrize("query", ["إطلاق رصاصة", "اطلاق رصاصه", "إِطْلاقِ رَصَاصَةٍ", "لواء الباقر"])
def test_search_is_spelling_tolerant(db: Database, query: str) -> None:
    from workbench.services.claims import search_claims
    from workbench.text.normalize import fold

    ingest_paths(db, [ARTICLES])
    hits = search_claims(db, query)
    words = fold(query).split()
    assert hits and all(all(w in fold(h.text) for w in words) for h in hits)
    assert ("رصاصة" if "رصاصه" in words else "الباقر") in hits[0].text


@pytest.mark.parametrize("query", ['"', "'; DROP TABLE claim; --", "NEAR(a b)", "a OR b AND", "*", "claim_fts MATCH x", "\\x00"])
def test_search_treats_the_query_as_words(db: Database, query: str) -> None:
    from workbench.services.claims import search_claims

    ingest_paths(db, [SEED])
    search_claims(db, query)  # no error, whatever the query holds
    assert len(list_claims(db)) == 9


def test_an_older_database_with_data_is_upgraded(db_url: str) -> None:
    """Verdicts given under an older schema survive every later migration."""
    from alembic import command
    from sqlalchemy import create_engine, text

    from workbench.storage.db import alembic_config

    engine = create_engine(db_url)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.execute(text("INSERT INTO source (id, key, canonical, kind, reliability, aliases, domains, is_candidate, note, created_at) "
                          "VALUES (1, 'x', 'X', 'outlet', 'unknown', '[]', '[]', false, '', '2016-12-01 00:00:00')"))
        conn.execute(text("INSERT INTO article (id, content_hash, title, text, language, ingested_at) "
                          "VALUES (1, 'h', 't', 'The ministry said 40 people died in the blast today.', 'en', '2016-12-01 00:00:00')"))
        conn.execute(text('INSERT INTO claim (id, article_id, seq, start, "end", text, attributed, source_id, rests_on_media, '
                          "checkworthiness, features, status, version) VALUES (1, 1, 0, 0, 52, "
                          "'The ministry said 40 people died in the blast today.', true, 1, false, 0.5, 'number', 'false', 2)"))
        conn.execute(text('INSERT INTO status_change (claim_id, at, "user", from_status, to_status) '
                          "VALUES (1, '2016-12-02 00:00:00', 'amal', 'unchecked', 'false')"))
    engine.dispose()
    db = Database(db_url)  # upgrades to head
    row = list_claims(db)[0]
    assert (row.status, row.version) == ("false", 2)
    assert [(h.user, h.to_status) for h in claim_history(db, 1)] == [("amal", "false")]
    from workbench.services.claims import search_claims

    assert [r.id for r in search_claims(db, "ministry blast")] == [1]
    assert (row.attribution_confidence, row.source_confirmed) == (None, False)  # nothing to say yet


def test_a_database_of_the_previous_schema_keeps_its_verdicts_and_its_checkers_choices_of_source(db_url: str) -> None:
    """Upgrading from 0004: verdicts and history stay; a claim a checker attributed to another
    source (`sources assign`, `e`) counts as confirmed by them, then; no confidence is invented."""
    from alembic import command
    from sqlalchemy import create_engine, text

    from workbench.services.attribution import attribution_history
    from workbench.storage.db import alembic_config

    engine = create_engine(db_url)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
        conn.execute(text("INSERT INTO source (id, key, canonical, kind, reliability, aliases, domains, is_candidate, note, created_at) "
                          "VALUES (1, 'x', 'X', 'outlet', 'unknown', '[]', '[]', false, '', '2016-12-01 00:00:00'), "
                          "(2, 'y', 'Y', 'person', 'unknown', '[]', '[]', true, '', '2016-12-01 00:00:00')"))
        conn.execute(text("INSERT INTO article (id, content_hash, title, text, language, ingested_at) "
                          "VALUES (1, 'h', 't', 'X said 40 people died. Y said 12.', 'en', '2016-12-01 00:00:00')"))
        conn.execute(text('INSERT INTO claim (id, article_id, seq, start, "end", text, attributed, source_id, rests_on_media, '
                          "checkworthiness, features, status, version, norm, updated_by) VALUES "
                          "(1, 1, 0, 0, 22, 'X said 40 people died.', true, 1, false, 0.5, 'number', 'false', 2, 'x said 40 people died', 'amal'), "
                          "(2, 1, 1, 23, 33, 'Y said 12.', true, 2, false, 0.3, 'number', 'unchecked', 3, 'y said 12', 'omar')"))
        conn.execute(text('INSERT INTO status_change (claim_id, at, "user", from_status, to_status) '
                          "VALUES (1, '2016-12-02 00:00:00', 'amal', 'unchecked', 'false')"))
        conn.execute(text('INSERT INTO evidence (claim_id, kind, note, "user", at) VALUES '
                          "(2, 'source', 'X → Z', 'amal', '2016-12-03 00:00:00'), "
                          "(2, 'source', 'Z → Y', 'omar', '2016-12-04 09:30:00'), "
                          "(1, 'note', 'checked with the ministry', 'amal', '2016-12-02 00:00:00')"))
    engine.dispose()
    db = Database(db_url)  # upgrades to head
    first, second = list_claims(db)
    assert (first.status, first.version, first.attribution_confidence, first.source_confirmed) == ("false", 2, None, False)
    assert [(h.user, h.to_status) for h in claim_history(db, 1)] == [("amal", "false")]
    assert (second.source_name, second.version, second.source_confirmed_by) == ("Y", 3, "omar")
    assert second.source_confirmed_at is not None
    assert second.source_confirmed_at.strftime("%Y-%m-%d %H:%M") == "2016-12-04 09:30"
    assert [e.note for e in attribution_history(db, 2)] == ["X → Z", "Z → Y"]
    assert [c.id for c in list_claims(db, unconfirmed=True)] == [1]
    db.dispose()


def test_dashboard_counts(db: Database) -> None:
    from workbench.services.claims import dashboard

    ingest_paths(db, [ARTICLES])
    rows = list_claims(db)
    set_status(db, rows[0].id, "false")
    d = dashboard(db)
    assert d.total == len(rows) and d.by_status["false"] == 1 and d.by_status["unchecked"] == len(rows) - 1
    assert d.by_source[0][2] >= d.by_source[-1][2]
    assert sum(n for _i, _t, n, _v in d.by_article) == len(rows)
    assert sum(v for _i, _t, _n, v in d.by_article) == 1
    worth = [r.checkworthiness for r in d.worth_checking]
    assert worth == sorted(worth, reverse=True) and all(r.status == "unchecked" for r in d.worth_checking)


_STORY = ("قال المرصد السوري لحقوق الإنسان إن 12 مدنياً على الأقل قتلوا في غارات جوية استهدفت بلدة "
          "معرة النعمان بريف إدلب أمس.")
_RETOLD = ("وقال المرصد السوري لحقوق الانسان ان اثني عشر مدنيا على الاقل قتلوا في غارات جوية استهدفت "
           "بلدة معرة النعمان في ريف ادلب يوم امس.")


def _filler(i: int) -> RawArticle:
    return RawArticle(text=f"أعلنت وزارة التعليم اليوم أن العام الدراسي رقم {i} سيبدأ في موعده المحدد "
                           f"في جميع المدارس الحكومية والأهلية للمرحلة {i}.", title=f"f{i}", origin=f"f{i}")


def test_a_long_run_links_repeats_within_a_group_and_across_key_flushes(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The in-memory key path: many articles a transaction, keys written every few groups."""
    from workbench.ingest import pipeline, run, writer

    monkeypatch.setattr(pipeline, "PARALLEL_AFTER", 10)
    monkeypatch.setattr(writer, "GROUP_ARTICLES", 4)
    monkeypatch.setattr(run, "KEY_FLUSH", 8)
    items = [_filler(i) for i in range(40)]
    items[3] = RawArticle(text=_STORY, title="first", origin="first")
    items[4] = RawArticle(text=_RETOLD, title="same group", origin="same group")
    items[30] = RawArticle(text=_RETOLD + " وأضاف المرصد أن الغارات استمرت حتى المساء.", title="later", origin="later")
    report = ingest_articles(db, items)
    assert (report.articles, report.duplicates) == (40, 0)
    rows = list_claims(db)
    first = next(r for r in rows if r.article_title == "first")
    same_group = next(r for r in rows if r.article_title == "same group")
    later = next(r for r in rows if r.article_title == "later" and "معرة" in r.text)
    assert same_group.seen_before_id == first.id  # found among the keys not yet written
    assert later.seen_before_id == same_group.id  # found in the keys read back: the closest wording
    with db.engine.connect() as conn:
        keyed = conn.exec_driver_sql("SELECT count(DISTINCT claim_id) FROM claim_key").scalar()
    assert keyed == len(rows)  # every claim here is long enough to have keys, all written


def test_an_article_stored_meanwhile_by_another_writer_is_a_duplicate_and_its_group_is_kept(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.ingest import pipeline

    original = pipeline.prepared_stream
    monkeypatch.setattr(pipeline, "prepared_stream",  # as if another writer stored it after the screening
                        lambda items, registry, workers, is_known: original(items, registry, workers, None))
    items = [_filler(i) for i in range(6)]
    ingest_articles(db, [items[3]])
    report = ingest_articles(db, items)
    assert (report.articles, report.duplicates) == (5, 1)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*), count(DISTINCT content_hash) FROM article").one() == (6, 6)
    assert len({r.article_id for r in list_claims(db)}) == 6


def test_a_cancel_keeps_every_article_stored_before_it(db: Database) -> None:
    class Cancelled(Exception):
        pass

    def on_article(r: IngestReport) -> None:
        if r.articles == 3:
            raise Cancelled

    with pytest.raises(Cancelled):
        ingest_articles(db, [_filler(i) for i in range(10)], on_article=on_article)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM article").scalar() == 3
    again = ingest_articles(db, [_filler(i) for i in range(10)])
    assert (again.articles, again.duplicates) == (7, 3)


def test_the_head_revision_known_without_alembic_is_alembics() -> None:
    from alembic.script import ScriptDirectory

    from workbench.storage.db import HEAD_REVISION, alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


def test_queue_rows_are_previews_of_the_claims(db: Database) -> None:
    from workbench.services.claims import PREVIEW, QueueRow, list_queue

    ingest_paths(db, [ARTICLES])
    whole = list_claims(db)
    rows = list_queue(db)
    assert [r.id for r in rows] == [c.id for c in whole]
    for r, c in zip(rows, whole, strict=True):
        assert r.text == c.text[:PREVIEW] and r.cut == (len(c.text) > PREVIEW)
        assert (r.status, r.version, r.source_name, r.article_id, r.seen_before_id) == (
            c.status, c.version, c.source_name, c.article_id, c.seen_before_id)
        assert r == QueueRow.of(c)
    assert any(r.cut for r in rows)
    page = list_queue(db, after_id=rows[2].id, limit=3)
    assert [r.id for r in page] == [r.id for r in rows[3:6]]


def test_the_assignment_migration_goes_down_and_up_on_a_database_in_use(db_url: str) -> None:
    """0010 adds who holds each claim and the history of assignments; going back to 0009 drops
    them and keeps everything else (verdicts, their history, the search index and its triggers),
    and coming up again finds every claim unassigned."""
    from alembic import command
    from sqlalchemy import create_engine, inspect, text

    from workbench.services.assignment import assign_claims, assignment_history
    from workbench.services.claims import search_claims
    from workbench.storage.db import alembic_config

    db = Database(db_url)
    ingest_paths(db, [SEED])
    first, second = list_claims(db)[:2]
    set_status(db, first.id, "false", user="amal")
    assign_claims(db, [(first.id, None), (second.id, None)], "amal", user="sami")
    word = first.text.split()[2]
    found = [r.id for r in search_claims(db, word)]
    db.dispose()
    engine = create_engine(db_url)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0009")
        columns = {c["name"] for c in inspect(conn).get_columns("claim")}
        assert not {"assignee", "assigned_by", "assigned_at"} & columns
        assert "assignment_change" not in inspect(conn).get_table_names()
        assert conn.execute(text("SELECT status FROM claim WHERE id = :i"), {"i": first.id}).scalar_one() == "false"
        conn.execute(text("UPDATE claim SET norm = norm || ' بعدالنزول' WHERE id = :i"), {"i": second.id})
        command.upgrade(cfg, "head")
    engine.dispose()
    db = Database(db_url)
    rows = {r.id: r for r in list_claims(db)}
    assert (rows[first.id].status, rows[first.id].assignee, rows[second.id].assignee) == ("false", None, None)
    assert [(h.user, h.to_status) for h in claim_history(db, first.id)] == [("amal", "false")]
    assert assignment_history(db, first.id) == []
    assert [r.id for r in search_claims(db, word)] == found
    if db.dialect == "sqlite":  # the full-text triggers on claim outlived the columns dropped beside them
        assert [r.id for r in search_claims(db, "بعدالنزول")] == [second.id]
    assign_claims(db, [(first.id, None)], "omar", user="sami")
    assert list_claims(db, assignee="omar")[0].id == first.id
    db.dispose()
