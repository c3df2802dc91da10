"""Full-text search of claims, in one place: how the index is made (the migrations call this),
how new claims reach it (the ingest writer), and how it is queried (the claim services).

Claims are searched in their folded text (`Claim.norm`, see `workbench.text.normalize.fold`).
SQLite has an FTS5 table over it (`claim_fts`, external content, filled in bulk after each batch
of ingest, kept in step with changes and deletions by triggers) and reads its vocabulary from
the index itself (`claim_vocab`, an fts5vocab table). PostgreSQL has a GIN index on the text
search vector of the folded text ('simple' configuration: no stemming, which suits Arabic after
folding), and keeps its vocabulary in `search_term`: filled by a trigger on every insert of claims
until migration 0009, since then in bulk, as SQLite's index is, by `index_new_claims` (the words of
20,000 claims at once cost a fraction of what they cost a few hundred claims at a time).

The functions that make the index belong to the migrations that call them: once a migration has
run somewhere, what it made must not change. A new shape of index is a new function and a new
migration, never an edit of these.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from typing import Any

# The text search vector of a claim on PostgreSQL, as the GIN index holds it: a query must use
# the very same expression for the index to serve it.
PG_VECTOR = "to_tsvector('simple', norm)"

# Made by hand in the migrations, not from the models: schema comparisons leave them alone.
SEARCH_OBJECTS = ("claim_fts", "ix_claim_norm_fts", "claim_vocab", "search_term")  # and search_term_mark

# The advisory lock (PostgreSQL) every writer of new claims holds while it writes them, until it
# commits: claim ids are then drawn in the order they are committed, and at any moment the claims
# not yet committed all come after every committed one. So "the committed claims after the last
# one indexed, up to the newest" misses none, and `index_new_claims` need not wait for writers.
CLAIM_WRITERS_LOCK = 0x77626E6B696E67
# The advisory lock `index_new_claims` holds on PostgreSQL: one brings the vocabulary up to date
# at a time (from any process), beside the writers rather than between their groups.
VOCABULARY_LOCK = 0x77626E6B766F63


def is_search_object(name: str | None) -> bool:
    return (name or "").startswith(SEARCH_OBJECTS)


def create_index(execute: Callable[[str], Any], dialect: str) -> None:
    """The full-text index over `claim.norm` (migration 0004), filled from the claims there."""
    if dialect == "sqlite":
        execute("CREATE VIRTUAL TABLE claim_fts USING fts5(norm, content='claim', content_rowid='id', "
                "tokenize='unicode61 remove_diacritics 2')")
        execute("INSERT INTO claim_fts(rowid, norm) SELECT id, norm FROM claim")
        execute("CREATE TRIGGER claim_fts_ad AFTER DELETE ON claim BEGIN INSERT INTO claim_fts(claim_fts, rowid, norm) "
                "VALUES ('delete', old.id, old.norm); END")
        execute("CREATE TRIGGER claim_fts_au AFTER UPDATE OF norm ON claim BEGIN "
                "INSERT INTO claim_fts(claim_fts, rowid, norm) VALUES ('delete', old.id, old.norm); "
                "INSERT INTO claim_fts(rowid, norm) VALUES (new.id, new.norm); END")
    else:
        execute(f"CREATE INDEX ix_claim_norm_fts ON claim USING GIN ({PG_VECTOR})")


def drop_index(execute: Callable[[str], Any], dialect: str) -> None:
    if dialect == "sqlite":
        for trigger in ("claim_fts_ad", "claim_fts_au"):
            execute(f"DROP TRIGGER IF EXISTS {trigger}")
        execute("DROP TABLE IF EXISTS claim_fts")
    else:
        execute("DROP INDEX IF EXISTS ix_claim_norm_fts")


def create_vocabulary(execute: Callable[[str], Any], dialect: str) -> None:
    """The words the index holds, in code-point order (migration 0008): a search finds the ones a
    query word means (with other prefixes, or one typo away) by reading ranges of it."""
    if dialect == "sqlite":
        execute("CREATE VIRTUAL TABLE claim_vocab USING fts5vocab(claim_fts, 'row')")
        return
    # In code-point order ("C"), as SQLite's index: a word's stretch of it is one range.
    execute('CREATE TABLE search_term (term TEXT COLLATE "C" PRIMARY KEY)')
    execute(f"INSERT INTO search_term (term) SELECT DISTINCT unnest(tsvector_to_array({PG_VECTOR})) "
            "FROM claim ON CONFLICT DO NOTHING")
    _create_terms_trigger(execute)


def _create_terms_trigger(execute: Callable[[str], Any]) -> None:
    """PostgreSQL: each insert into claim adds its new words to the vocabulary."""
    execute(f"""
        CREATE FUNCTION claim_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO search_term (term)
            SELECT DISTINCT unnest(tsvector_to_array({PG_VECTOR})) FROM new_claims
            ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$""")
    execute("CREATE TRIGGER claim_search_terms AFTER INSERT ON claim REFERENCING NEW TABLE AS new_claims "
            "FOR EACH STATEMENT EXECUTE FUNCTION claim_search_terms()")


def _drop_terms_trigger(execute: Callable[[str], Any]) -> None:
    execute("DROP TRIGGER IF EXISTS claim_search_terms ON claim")
    execute("DROP FUNCTION IF EXISTS claim_search_terms()")


def drop_vocabulary(execute: Callable[[str], Any], dialect: str) -> None:
    if dialect == "sqlite":
        execute("DROP TABLE IF EXISTS claim_vocab")
        return
    _drop_terms_trigger(execute)
    execute("DROP TABLE IF EXISTS search_term")


def vocabulary_in_bulk(execute: Callable[[str], Any], dialect: str) -> None:
    """PostgreSQL's vocabulary filled by `index_new_claims` instead of a trigger on every insert
    (migration 0009): `search_term_mark` holds the last claim whose words are in it."""
    if dialect == "sqlite":
        return
    _drop_terms_trigger(execute)
    execute("CREATE TABLE search_term_mark (last_claim_id BIGINT NOT NULL)")
    execute("INSERT INTO search_term_mark (last_claim_id) SELECT coalesce(max(id), 0) FROM claim")  # the trigger's work


def vocabulary_by_trigger(execute: Callable[[str], Any], dialect: str) -> None:
    """Back from `vocabulary_in_bulk` (downgrade of 0009): the words of the claims not yet in the
    vocabulary added, and the trigger made again."""
    if dialect == "sqlite":
        return
    execute(f"INSERT INTO search_term (term) SELECT DISTINCT unnest(tsvector_to_array({PG_VECTOR})) FROM claim "
            "WHERE id > (SELECT last_claim_id FROM search_term_mark) ON CONFLICT DO NOTHING")
    execute("DROP TABLE search_term_mark")
    _create_terms_trigger(execute)


def index_new_claims(conn: Any) -> None:
    """Add claims stored since the last time to the search index (SQLite: the full-text index;
    PostgreSQL, whose GIN index keeps itself up to date: the vocabulary), in one statement.
    Claims are only ever added by ingest, which calls this after each batch and when it starts,
    so the index is never behind for long and catches up after an interruption."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "INSERT INTO claim_fts(rowid, norm) SELECT id, norm FROM claim "
            "WHERE id > (SELECT coalesce(max(id), 0) FROM claim_fts_docsize) ORDER BY id"  # the index's own rowids
        )
        return
    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({VOCABULARY_LOCK})")
    mark = int(conn.exec_driver_sql("SELECT last_claim_id FROM search_term_mark").scalar_one())
    last = int(conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM claim").scalar_one())
    if last <= mark:
        return
    conn.exec_driver_sql(
        f"INSERT INTO search_term (term) SELECT DISTINCT unnest(tsvector_to_array({PG_VECTOR})) FROM claim "
        f"WHERE id > {mark} AND id <= {last} ON CONFLICT DO NOTHING")
    conn.exec_driver_sql(f"UPDATE search_term_mark SET last_claim_id = {last}")


class VocabularyIndexer:
    """PostgreSQL ingest: `index_new_claims` run on a connection of its own, in a thread beside the
    writer. The server parses the new claims for their words on one core while the writer's next
    groups go in on another, instead of the writer waiting for it (a third of the server's work
    of ingest). `kick` asks for a pass (passes asked for while one runs make one more); `finish`
    makes one last pass that sees every claim committed before it was called, and waits for it.
    A pass that fails leaves the vocabulary as it was: the next pass, or the next ingest, catches
    up (`index_new_claims` starts from the last claim indexed); its error is raised by the next
    `kick` or by `finish`."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self._asked: queue.SimpleQueue[bool] = queue.SimpleQueue()  # True: the last pass, then stop
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="search-vocabulary", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            last = self._asked.get()
            with contextlib.suppress(queue.Empty):
                while True:  # every request made meanwhile is served by this one pass
                    last = self._asked.get_nowait() or last
            if self._error is None:
                try:
                    with self._engine.begin() as conn:
                        index_new_claims(conn)
                except BaseException as exc:  # handed to the ingest's own thread
                    self._error = exc
            if last:
                return

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def kick(self) -> None:
        self._raise()
        self._asked.put(False)

    def finish(self, quiet: bool = False) -> None:
        if self._thread.is_alive():
            self._asked.put(True)
            self._thread.join()
        if not quiet:
            self._raise()


def vocabulary_table(dialect: str) -> str:
    """Where the index's words are read from (one column, `term`)."""
    return "claim_vocab" if dialect == "sqlite" else "search_term"


def matching_claim_ids(session: Any, dialect: str, groups: list[list[str]], limit: int) -> list[int]:
    """Ids of the claims holding, for every group, one of its index words; best matches first.
    The words are quoted for the full-text engine (or passed as parameters), never parsed as its
    syntax."""
    from sqlalchemy import text as sql

    if dialect == "sqlite":
        match = " AND ".join("(" + " OR ".join('"' + t.replace('"', '""') + '"' for t in g) + ")" for g in groups)
        return [r[0] for r in session.execute(
            sql("SELECT rowid FROM claim_fts WHERE claim_fts MATCH :m ORDER BY rank LIMIT :l"), {"m": match, "l": limit})]
    params: dict[str, Any] = {"l": limit}
    ors = []
    for i, g in enumerate(groups):
        ors.append("(" + " || ".join(f"plainto_tsquery('simple', :t{i}_{j})" for j in range(len(g))) + ")")
        params.update({f"t{i}_{j}": t for j, t in enumerate(g)})
    tsq = " && ".join(ors)
    return [r[0] for r in session.execute(
        sql(f"SELECT id FROM claim WHERE {PG_VECTOR} @@ ({tsq}) "
            f"ORDER BY ts_rank({PG_VECTOR}, ({tsq})) DESC, id LIMIT :l"), params)]
