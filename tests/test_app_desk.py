"""The triage desk: several claims at once, groups, attributing a claim to another source."""

from __future__ import annotations

import pytest

from tests.conftest import ARTICLES, SEED
from tests.test_app import _settle
from workbench.ingest.run import ingest_paths
from workbench.services.claims import claim_history, list_claims, set_status, set_status_many
from workbench.services.images import claim_evidence
from workbench.services.sources import list_sources, reassign_source
from workbench.storage.db import Database
from workbench.tui.app import WorkbenchApp
from workbench.tui.widgets.detail import ClaimDetail


async def test_marked_claims_get_one_verdict_and_one_undo(db: Database) -> None:
    ingest_paths(db, [SEED])
    claims = list_claims(db)
    app = WorkbenchApp(db, user="amal", bidi="on", poll_seconds=0)
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        queue = app.screen.desk
        await pilot.press("space", "space", "down", "space")  # claims 1, 2 and 4
        assert queue.marked == {claims[0].id, claims[1].id, claims[3].id}
        title = app.screen.query_one("#queue-title")
        assert "3 marked" in str(title.render())
        await pilot.press("f")
        await _settle(pilot, app)
        assert not queue.marked
        statuses = {c.id: c.status for c in list_claims(db)}
        assert [statuses[c.id] for c in claims[:5]] == ["false", "false", "unchecked", "false", "unchecked"]
        assert all(queue.rows[c.id].status == "false" for c in (claims[0], claims[1], claims[3]))
        await pilot.press("ctrl+z")  # one keypress set them: one undo puts them all back
        await _settle(pilot, app)
        assert all(c.status == "unchecked" for c in list_claims(db))
        assert [h.to_status for h in claim_history(db, claims[1].id)] == ["false", "unchecked"]
        await pilot.press("A")
        assert queue.marked == set(queue.claim_ids())
        await pilot.press("escape")
        assert not queue.marked
        await pilot.press("A", "escape", "A")
        await pilot.press("c")
        await _settle(pilot, app)
        app.screen.query_one("#prompt-input").value = "Same photo as the 2014 Gaza one"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await _settle(pilot, app)
    assert all(any(e.note == "Same photo as the 2014 Gaza one" for e in claim_evidence(db, c.id)) for c in claims)


def test_a_batch_verdict_leaves_a_claim_changed_meanwhile_to_its_changer(db: Database) -> None:
    ingest_paths(db, [SEED])
    a, b, c = list_claims(db)[:3]
    set_status(db, b.id, "verified", user="omar", expected_version=b.version)  # after amal read it
    result = set_status_many(db, [(a.id, a.version), (b.id, b.version), (c.id, None)], "disputed", user="amal")
    assert [r.id for r in result.saved] == [a.id, c.id] and [r.id for r in result.conflicts] == [b.id]
    now = {r.id: r for r in list_claims(db)}
    assert (now[a.id].status, now[b.id].status, now[c.id].status) == ("disputed", "verified", "disputed")
    assert [h.user for h in claim_history(db, b.id)] == ["omar"]


async def test_groups_put_claims_under_headings_the_cursor_steps_over(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [ARTICLES])
    total = len(list_claims(db))
    app = WorkbenchApp(db, user="amal", bidi="on", poll_seconds=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await _settle(pilot, app)
        queue = app.screen.desk
        await pilot.press("b")  # by article
        assert queue.group == "article" and queue.row_count == total
        n_articles = len({queue.rows[i].article_id for i in queue.claim_ids()})
        assert len(queue.headings) == n_articles and queue.order[0] < 0
        assert queue.selected is not None  # never a heading
        await pilot.press("home")
        assert queue.cursor == 1
        for _ in range(total + n_articles):
            await pilot.press("down")
            assert queue.order[queue.cursor] > 0
        await pilot.press("b")  # by source: the publisher's own voice is a group of its own
        assert queue.group == "source"
        labels = ["".join(parts) for parts in queue.headings.values()]
        assert any(label.startswith("no source") for label in labels)
        assert any(label.startswith("Al Arabiya") for label in labels)
        await pilot.press("v")
        await _settle(pilot, app)
        await pilot.press("b", "b")  # by status: the verdict moved the claim to its group
        assert queue.group == "status"
        first_heading = "".join(queue.headings[queue.order[0]])
        assert first_heading.startswith("Unchecked") and f"{total - 1} claims" in first_heading
        await pilot.press("b", "b", "b", "b")  # checker, language, check-worthiness, none
        assert queue.group is None and not queue.headings and queue.row_count == total


async def test_e_attributes_a_claim_to_another_source_or_a_new_one(db: Database) -> None:
    ingest_paths(db, [SEED])
    first = list_claims(db)[0]  # the publisher's own voice
    assert not first.attributed
    app = WorkbenchApp(db, user="amal", bidi="on", poll_seconds=0)
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        await pilot.press("e")
        await _settle(pilot, app)
        app.screen.query_one("#picker-input").value = "مركز حلب"  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("enter")
        await _settle(pilot, app)
        row = list_claims(db)[0]
        assert row.attributed and row.source_name == "Aleppo Media Center" and row.updated_by == "amal"
        queue = app.screen.desk
        assert queue.rows[first.id].source_name == "Aleppo Media Center"
        detail = app.screen.query_one(ClaimDetail)
        assert detail.claim is not None and detail.claim.source_name == "Aleppo Media Center"
        await pilot.press("e")
        await _settle(pilot, app)
        app.screen.query_one("#picker-input").value = "مصدر عسكري في الفرقة الرابعة"  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("up")  # the last option: a new source named so
        await pilot.press("enter")
        await _settle(pilot, app)
    row = list_claims(db)[0]
    assert row.source_name == "مصدر عسكري في الفرقة الرابعة" and row.source_is_candidate
    notes = [e.note for e in claim_evidence(db, first.id) if e.kind == "source"]
    assert notes == ["none → Aleppo Media Center", "Aleppo Media Center → مصدر عسكري في الفرقة الرابعة"]


def test_reassigning_refuses_a_stale_write_and_a_bad_request(db: Database) -> None:
    from workbench.errors import WorkbenchError
    from workbench.services.claims import ConflictError

    ingest_paths(db, [SEED])
    claim = list_claims(db)[2]
    target = next(s for s in list_sources(db) if s.canonical == "Al Arabiya")
    set_status(db, claim.id, "verified", user="omar")
    with pytest.raises(ConflictError):
        reassign_source(db, claim.id, source_id=target.id, user="amal", expected_version=claim.version)
    with pytest.raises(WorkbenchError):
        reassign_source(db, claim.id, user="amal")
    assert list_claims(db)[2].source_name == claim.source_name


async def test_the_command_palette_offers_the_screens_keys(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [SEED])
    app = WorkbenchApp(db, user="amal", bidi="on", poll_seconds=0)
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        titles = {c.title: c for c in app.get_system_commands(app.screen)}
        for name in ("Verified", "Disputed", "Mark", "Group", "Attribute to…", "Search", "Filter", "Undo", "Export"):
            assert name in titles, name
        assert "v" in titles["Verified"].help
        await titles["Disputed"].callback()  # type: ignore[misc]  # as choosing it in the palette does
        await _settle(pilot, app)
    assert list_claims(db)[0].status == "disputed"


async def test_a_verdict_given_under_a_filter_shows_under_the_next_filter(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [ARTICLES])
    app = WorkbenchApp(db, user="amal", bidi="on", poll_seconds=0)
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        queue = app.screen.desk
        screen = app.screen
        await screen.apply_filter("lang:en")  # type: ignore[attr-defined]
        english = queue.row_count
        claim = queue.selected
        assert claim is not None and claim.language == "en"
        await pilot.press("f")
        await _settle(pilot, app)
        await screen.apply_filter("status:false")  # type: ignore[attr-defined]
        assert queue.claim_ids() == [claim.id]  # the verdict counts, not the row as first read
        await screen.apply_filter("")  # type: ignore[attr-defined]
        assert queue.row_count == len(list_claims(db)) > english


async def test_the_detail_shows_the_earlier_verdict_of_a_repeat(db: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = tmp_path / "a.txt"
    first.write_text("قال المرصد السوري لحقوق الإنسان إن 12 مدنياً على الأقل قتلوا في غارات جوية استهدفت بلدة "
                     "معرة النعمان بريف إدلب أمس.", encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text("وقال المرصد السوري لحقوق الانسان ان اثني عشر مدنيا على الاقل قتلوا في غارات جوية استهدفت "
                      "بلدة معرة النعمان في ريف ادلب يوم امس.", encoding="utf-8")
    ingest_paths(db, [first])
    original = list_claims(db)[0]
    set_status(db, original.id, "false", user="omar")
    ingest_paths(db, [second])
    app = WorkbenchApp(db, user="amal", bidi="off", poll_seconds=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await _settle(pilot, app)
        queue = app.screen.desk
        assert queue.selected is not None and queue.selected.seen_before_id == original.id  # the repeat, unchecked
        detail = app.screen.query_one(ClaimDetail)
        from rich.console import Console

        console = Console(record=True, width=120)
        console.print(detail.render_claim())
        shown = console.export_text()
        assert "Seen before" in shown and f"claim #{original.id}" in shown and "False" in shown
