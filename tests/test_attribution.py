"""Checker-confirmed sources, on both backends: the analyzer's confidence stored at ingest,
confirming (one claim or several), withdrawing, reattributing, the history of each, and refusing a
claim somebody else changed meanwhile."""

from __future__ import annotations

import json
import math
import multiprocessing
from typing import Any

import pytest
from sqlalchemy import text

from tests.conftest import ARTICLES, SEED
from workbench.ingest import pipeline as ingest_module
from workbench.ingest.loaders import RawArticle
from workbench.ingest.run import ingest_articles, ingest_paths
from workbench.services.attribution import (
    CONFIRMED,
    OWN_VOICE,
    REATTRIBUTED,
    UNCONFIRMED,
    attribution_history,
    confirm_source,
    confirm_sources,
    unconfirm_source,
    unconfirm_sources,
)
from workbench.services.claims import (
    ClaimRow,
    ConflictError,
    NotFound,
    claim_history,
    get_claim,
    list_claims,
    list_queue,
    set_status,
)
from workbench.services.sources import find_source, reassign_source
from workbench.storage.db import Database
from workbench.storage.models import stored_confidence
from workbench.text.analyzer import analyze


def _strict_json(obj: Any) -> Any:
    """JSON as a strict reader sees it: NaN and infinities are not JSON."""
    return json.loads(json.dumps(obj, allow_nan=False))


def _attributed(db: Database) -> ClaimRow:
    return next(c for c in list_claims(db) if c.attributed and c.source_name)


def _own_voice(db: Database) -> ClaimRow:
    return next(c for c in list_claims(db) if not c.attributed)


def test_ingest_stores_the_analyzers_confidence_for_every_claim(db: Database) -> None:
    ingest_paths(db, [SEED])
    expected = [c.attribution_confidence for c in analyze(SEED.read_text(encoding="utf-8")).claims]
    rows = list_claims(db)
    assert [r.attribution_confidence for r in rows] == expected
    assert all(r.source_confirmed is False and r.source_confirmed_by is None for r in rows)
    data = _strict_json([r.to_json() for r in rows])
    assert all({"attribution_confidence", "source_confirmed", "source_confirmed_by", "source_confirmed_at"} <= set(c)
               for c in data)
    assert [q.attribution_confidence for q in list_queue(db)] == expected


def test_a_confidence_that_is_not_a_number_is_stored_as_unknown_never_nan(
    db: Database, monkeypatch: pytest.MonkeyPatch,
) -> None:
    odd = [math.nan, math.inf, -0.5, 1.5]

    def analyze_oddly(*args: Any, **kw: Any) -> Any:
        analysis = analyze(*args, **kw)
        for claim, value in zip(analysis.claims, odd * len(analysis.claims), strict=False):
            claim.attribution_confidence = value
        return analysis

    monkeypatch.setattr(ingest_module, "analyze", analyze_oddly)
    ingest_articles(db, [RawArticle(text="The ministry said 40 people died. Reuters reported that 12 were hurt. "
                                         "The army denied it. Officials said the road is open.", origin="x")], workers=1)
    got = [r.attribution_confidence for r in list_claims(db)]
    assert got[:4] == [None, None, 0.0, 1.0]
    # Whatever reaches the column (another writer, a hand edit), the JSON never carries NaN.
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE claim SET attribution_confidence = :v"), {"v": math.nan})
    assert all(c["attribution_confidence"] is None for c in _strict_json([r.to_json() for r in list_claims(db)]))
    assert stored_confidence(0.8) == 0.8 and stored_confidence(None) is None


def test_confirming_a_source_is_written_with_who_when_and_which_source(db: Database) -> None:
    ingest_paths(db, [SEED])
    claim = _attributed(db)
    row = confirm_source(db, claim.id, user="amal", expected_version=claim.version)
    assert row.source_confirmed and row.source_confirmed_by == "amal" and row.source_confirmed_at is not None
    assert (row.version, row.updated_by, row.source_name) == (claim.version + 1, "amal", claim.source_name)
    assert row.status == claim.status  # the verdict is another matter
    [event] = attribution_history(db, claim.id)
    assert (event.kind, event.user, event.note, event.at) == (CONFIRMED, "amal", claim.source_name, row.source_confirmed_at)
    assert claim.source_name in event.describe()
    data = _strict_json(get_claim(db, claim.id).to_json())
    assert data["source_confirmed"] is True and data["source_confirmed_by"] == "amal"
    assert data["source_confirmed_at"] == row.source_confirmed_at.isoformat()
    # Confirming again, by anyone, changes nothing and says who did it first.
    again = confirm_sources(db, [(claim.id, None)], user="omar")
    assert again.changed == [] and [r.source_confirmed_by for r in again.unchanged] == ["amal"]
    assert get_claim(db, claim.id).version == row.version and len(attribution_history(db, claim.id)) == 1


def test_confirming_the_publishers_own_voice_confirms_it_has_no_external_source(db: Database) -> None:
    ingest_paths(db, [SEED])
    claim = _own_voice(db)
    row = confirm_source(db, claim.id, user="amal")
    assert row.source_confirmed and not row.attributed
    assert attribution_history(db, claim.id)[0].note == OWN_VOICE


def test_several_claims_at_once_a_claim_changed_meanwhile_is_refused_and_shown(db: Database) -> None:
    ingest_paths(db, [SEED])
    a, b, c = list_claims(db)[:3]
    set_status(db, b.id, "false", user="omar", expected_version=b.version)  # a colleague, after we read b
    result = confirm_sources(db, [(a.id, a.version), (b.id, b.version), (c.id, c.version), (99999, 1)], user="amal")
    assert [r.id for r in result.changed] == [a.id, c.id]
    assert [(r.id, r.status, r.updated_by, r.source_confirmed) for r in result.conflicts] == [(b.id, "false", "omar", False)]
    assert result.missing == [99999]
    assert not get_claim(db, b.id).source_confirmed and attribution_history(db, b.id) == []
    assert [h.user for h in claim_history(db, b.id)] == ["omar"]  # the colleague's verdict stands
    with pytest.raises(ConflictError) as refused:
        confirm_source(db, b.id, user="amal", expected_version=b.version)
    assert refused.value.current.status == "false" and "omar" in str(refused.value)
    with pytest.raises(NotFound):
        confirm_source(db, 99999)


def test_withdrawing_a_confirmation_undoes_it_and_is_kept_in_the_history(db: Database) -> None:
    ingest_paths(db, [SEED])
    claim = _attributed(db)
    confirmed = confirm_sources(db, [(claim.id, claim.version)], user="amal").changed
    undone = unconfirm_sources(db, [(r.id, r.version) for r in confirmed], user="amal")
    [row] = undone.changed
    assert not row.source_confirmed and row.source_confirmed_by is None and row.source_confirmed_at is None
    assert row.source_id == claim.source_id and row.version == claim.version + 2
    assert [e.kind for e in attribution_history(db, claim.id)] == [CONFIRMED, UNCONFIRMED]
    assert unconfirm_sources(db, [(claim.id, None)]).unchanged[0].id == claim.id  # nothing left to withdraw
    # An undo is refused on a claim a colleague confirmed again since.
    again = confirm_source(db, claim.id, user="omar")
    with pytest.raises(ConflictError):
        unconfirm_source(db, claim.id, user="amal", expected_version=row.version)
    assert get_claim(db, claim.id).source_confirmed_by == "omar" == again.source_confirmed_by


def test_a_checkers_reattribution_confirms_the_source_they_chose(db: Database) -> None:
    ingest_paths(db, [SEED])
    claim = _attributed(db)
    reuters = find_source(db, "Reuters")
    assert reuters is not None
    reassign_source(db, claim.id, source_id=reuters, user="omar", expected_version=claim.version)
    row = get_claim(db, claim.id)
    assert (row.source_name, row.source_confirmed_by, row.version) == ("Reuters", "omar", claim.version + 1)
    [event] = attribution_history(db, claim.id)
    assert event.kind == REATTRIBUTED and event.note == f"{claim.source_name} → Reuters" and event.user == "omar"
    # A stale reattribution is refused like a stale verdict.
    with pytest.raises(ConflictError):
        reassign_source(db, claim.id, new_name="Somebody", user="amal", expected_version=claim.version)
    # Choosing the source a claim already has confirms it.
    other = next(c for c in list_claims(db) if c.attributed and c.source_id is not None and c.id != claim.id)
    assert reassign_source(db, other.id, source_id=other.source_id, user="amal") == other.source_id
    assert get_claim(db, other.id).source_confirmed_by == "amal"
    assert [e.kind for e in attribution_history(db, other.id)] == [CONFIRMED]
    reassign_source(db, other.id, source_id=other.source_id, user="omar")  # already confirmed: nothing
    assert len(attribution_history(db, other.id)) == 1


def test_filters_find_what_needs_a_look(db: Database) -> None:
    ingest_paths(db, [ARTICLES])
    rows = list_claims(db)
    with db.engine.begin() as conn:  # confidences as a model would give them, and one stored before it did
        conn.execute(text("UPDATE claim SET attribution_confidence = CASE WHEN id % 3 = 0 THEN 0.95 "
                          "WHEN id % 3 = 1 THEN 0.4 ELSE NULL END"))
    confirm_sources(db, [(r.id, None) for r in rows[:4]])
    unconfirmed = list_claims(db, unconfirmed=True)
    assert [r.id for r in unconfirmed] == [r.id for r in rows[4:]]
    low = list_claims(db, confidence_below=0.8)
    assert low and all(r.attribution_confidence is None or r.attribution_confidence < 0.8 for r in low)
    assert {r.id for r in low} == {r.id for r in rows if r.id % 3 != 0}
    both = list_claims(db, unconfirmed=True, confidence_below=0.8)
    assert {r.id for r in both} == {r.id for r in rows[4:] if r.id % 3 != 0}
    assert [q.source_confirmed for q in list_queue(db)] == [r.id in {x.id for x in rows[:4]} for r in rows]


def _confirm_or_reassign(url: str, claim_id: int, version: int, how: str, barrier: Any, out: Any) -> None:
    db = Database(url)
    barrier.wait()
    try:
        if how == "confirm":
            confirm_source(db, claim_id, user="amal", expected_version=version)
        else:
            reassign_source(db, claim_id, new_name="Omar's source", user="omar", expected_version=version)
        out.put((how, "saved"))
    except ConflictError:
        out.put((how, "conflict"))


def test_a_confirmation_and_a_reattribution_at_the_same_moment_one_wins(db_url: str) -> None:
    db = Database(db_url)
    ingest_paths(db, [SEED])
    claim = _attributed(db)
    ctx = multiprocessing.get_context("fork")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_confirm_or_reassign, args=(db_url, claim.id, claim.version, how, barrier, out))
             for how in ("confirm", "reassign")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
    results = dict(out.get(timeout=5) for _ in procs)
    assert sorted(results.values()) == ["conflict", "saved"]
    final = get_claim(db, claim.id)
    assert final.version == claim.version + 1 and len(attribution_history(db, claim.id)) == 1
    if results["confirm"] == "saved":
        assert (final.source_name, final.source_confirmed_by) == (claim.source_name, "amal")
    else:
        assert (final.source_name, final.source_confirmed_by) == ("Omar's source", "omar")
    db.dispose()


def test_counts_of_what_is_left_to_look_at(db: Database) -> None:
    from workbench.services.attribution import confirmation_counts

    ingest_paths(db, [SEED])
    rows = list_claims(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE claim SET attribution_confidence = CASE WHEN id = :i THEN 0.9 ELSE 0.5 END"),
                     {"i": rows[1].id})
    confirm_sources(db, [(rows[0].id, None)])
    counts = confirmation_counts(db)
    assert (counts.confirmed, counts.unconfirmed, counts.unsure) == (1, len(rows) - 1, len(rows) - 2)
