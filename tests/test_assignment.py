"""Claims assigned to checkers, on both backends: version-checked, kept in the history, counted."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.conftest import ARTICLES, SEED
from workbench.errors import WorkbenchError
from workbench.ingest.run import ingest_paths
from workbench.services.assignment import (
    article_claim_ids,
    assign_claim,
    assign_claims,
    assignment_history,
    known_checkers,
    set_assignees,
    workload,
)
from workbench.services.claims import (
    ConflictError,
    NotFound,
    dashboard,
    get_claim,
    list_claims,
    set_status,
)
from workbench.storage.db import Database


def test_a_claim_is_given_to_a_checker_with_who_and_when_and_its_version_moves_on(db: Database) -> None:
    ingest_paths(db, [SEED])
    first = list_claims(db)[0]
    assert (first.assignee, first.assigned_by, first.assigned_at) == (None, None, None)  # ingest leaves nobody
    row = assign_claim(db, first.id, "amal", user="sami", expected_version=first.version)
    assert (row.assignee, row.assigned_by, row.version, row.updated_by) == ("amal", "sami", first.version + 1, "sami")
    assert row.assigned_at is not None and row.updated_at == row.assigned_at
    j = row.to_json()
    assert (j["assignee"], j["assigned_by"]) == ("amal", "sami") and j["assigned_at"] == row.assigned_at.isoformat()
    assert j["status"] == "unchecked" and j["source_confirmed"] is False  # nothing else moved
    again = assign_claims(db, [(first.id, row.version)], "amal", user="omar")
    assert [r.id for r in again.unchanged] == [first.id] and not again.changed
    assert get_claim(db, first.id).version == row.version  # nothing written, nothing in the history
    moved = assign_claim(db, first.id, "  omar ", user="sami")  # names are kept without their spaces
    assert (moved.assignee, moved.assigned_by) == ("omar", "sami")
    back = assign_claim(db, first.id, None, user="omar")  # nobody: all three cleared
    assert (back.assignee, back.assigned_by, back.assigned_at, back.updated_by) == (None, None, None, "omar")
    history = [(e.user, e.from_assignee, e.to_assignee) for e in assignment_history(db, first.id)]
    assert history == [("sami", None, "amal"), ("sami", "amal", "omar"), ("omar", "omar", None)]
    assert [e.describe() for e in assignment_history(db, first.id)] == [
        "assigned to amal", "assigned to omar (was amal)", "unassigned (was omar)"]


def test_a_stale_assignment_is_refused_and_the_claim_returned_as_it_now_is(db: Database) -> None:
    ingest_paths(db, [SEED])
    first = list_claims(db)[0]
    set_status(db, first.id, "false", user="omar", expected_version=first.version)  # after sami read it
    with pytest.raises(ConflictError) as refused:
        assign_claim(db, first.id, "amal", user="sami", expected_version=first.version)
    assert refused.value.current.status == "false" and refused.value.current.updated_by == "omar"
    now = get_claim(db, first.id)
    assert now.assignee is None and assignment_history(db, first.id) == []
    # And the other way: a verdict read before an assignment is refused, and says who changed it.
    given = assign_claim(db, first.id, "amal", user="sami")
    with pytest.raises(ConflictError, match="changed by sami"):
        set_status(db, first.id, "verified", user="omar", expected_version=now.version)
    assert get_claim(db, first.id).status == "false" and given.version == now.version + 1


def test_several_claims_are_sorted_claim_by_claim_and_the_rest_written(db: Database) -> None:
    ingest_paths(db, [SEED])
    a, b, c, d = list_claims(db)[:4]
    set_status(db, b.id, "verified", user="omar")  # changed after sami read it
    assign_claim(db, c.id, "amal", user="omar")  # already amal's (after sami read it: refused as changed)
    assign_claim(db, d.id, "amal", user="omar")
    d_now = get_claim(db, d.id)
    result = assign_claims(db, [(a.id, a.version), (b.id, b.version), (c.id, c.version), (d.id, d_now.version),
                                (999_999, None)], "amal", user="sami")
    assert [r.id for r in result.changed] == [a.id]
    assert [r.id for r in result.conflicts] == [b.id, c.id]
    assert [r.id for r in result.unchanged] == [d.id] and result.missing == [999_999]
    assert [r.id for r in result.saved] == [a.id, d.id]
    held = {r.id: r.assignee for r in list_claims(db)}
    assert (held[a.id], held[b.id], held[c.id], held[d.id]) == ("amal", None, "amal", "amal")
    assert result.conflicts[0].status == "verified" and result.conflicts[0].updated_by == "omar"
    # An undo gives each claim back to whoever held it, version-checked like any write.
    undo = set_assignees(db, [(a.id, None, result.changed[0].version)], user="sami")
    assert [r.assignee for r in undo.changed] == [None]


def test_a_whole_article_and_the_filters_of_the_claims_list(db: Database) -> None:
    ingest_paths(db, [ARTICLES])
    rows = list_claims(db)
    article = rows[0].article_id
    ids = article_claim_ids(db, article)
    assert ids == [r.id for r in rows if r.article_id == article] and len(ids) > 1
    assert len(assign_claims(db, [(i, None) for i in ids], "amal", user="sami").changed) == len(ids)
    assign_claim(db, rows[-1].id, "omar", user="omar")
    assert [r.id for r in list_claims(db, assignee="amal")] == ids
    assert [r.id for r in list_claims(db, assignee="omar")] == [rows[-1].id]
    assert len(list_claims(db, unassigned=True)) == len(rows) - len(ids) - 1
    assert list_claims(db, assignee="Amal") == []  # a name is the name as written
    with pytest.raises(NotFound, match="no article with id 424242"):
        article_claim_ids(db, 424242)


def test_who_holds_how_many_claims_still_to_check(db: Database) -> None:
    ingest_paths(db, [ARTICLES])
    rows = list_claims(db)
    assign_claims(db, [(r.id, None) for r in rows[:5]], "amal", user="sami")
    assign_claims(db, [(r.id, None) for r in rows[5:7]], "omar", user="sami")
    set_status(db, rows[0].id, "false", user="amal")
    set_status(db, rows[1].id, "in_progress", user="amal")
    set_status(db, rows[10].id, "verified", user="lina")  # holds nothing, but the desk has seen her
    w = workload(db)
    loads = {c.checker: (c.unchecked, c.in_progress, c.done) for c in w.checkers}
    assert loads == {"amal": (3, 1, 1), "omar": (2, 0, 0), "sami": (0, 0, 0), "lina": (0, 0, 0)}
    assert [c.checker for c in w.checkers][:2] == ["amal", "omar"]  # most left to check first
    assert [c.checker for c in w.holding()] == ["amal", "omar"]
    assert (w.unassigned.open, w.unassigned.done) == (len(rows) - 7 - 1, 1)
    assert w.to_json()["unassigned"]["total"] == len(rows) - 7
    assert known_checkers(db) == ["amal", "lina", "omar", "sami"]
    d = dashboard(db)
    assert [(c.checker, c.open) for c in d.workload.holding()] == [("amal", 4), ("omar", 2)]


def test_a_blank_or_overlong_name_is_one_clear_error_and_nothing_changes(db: Database) -> None:
    ingest_paths(db, [SEED])
    first = list_claims(db)[0]
    with pytest.raises(WorkbenchError, match="a checker needs a name"):
        assign_claims(db, [(first.id, None)], "   ", user="sami")
    with pytest.raises(WorkbenchError, match="at most 100 characters"):
        assign_claims(db, [(first.id, None)], "x" * 101, user="sami")
    assert get_claim(db, first.id).version == first.version
    arabic = assign_claim(db, first.id, "أمل الحسن", user="sami")  # any script, kept as typed
    assert arabic.assignee == "أمل الحسن" and known_checkers(db) == ["sami", "أمل الحسن"]


def test_ingest_after_the_migration_leaves_every_claim_unassigned(db: Database) -> None:
    """The bulk writers (COPY on PostgreSQL) name their columns: the new ones are empty."""
    ingest_paths(db, [ARTICLES])
    with db.engine.connect() as conn:
        held = conn.execute(text("SELECT count(*) FROM claim WHERE assignee IS NOT NULL OR assigned_at IS NOT NULL "
                                 "OR assigned_by IS NOT NULL")).scalar_one()
    assert held == 0 and len(list_claims(db, unassigned=True)) == len(list_claims(db))
