"""Claims assigned to checkers in the app: `t` and `T`, the mine and unassigned filters, who holds
each claim in the queue and the detail, the dashboard's checkers, a refused or undone assignment."""

from __future__ import annotations

from tests.conftest import ARTICLES, SEED
from tests.test_app import _loaded, _settle, text_of
from tests.test_app_issue13 import _select, drawn_row, rendered
from workbench.ingest.run import ingest_paths
from workbench.services.assignment import assign_claims, assignment_history
from workbench.services.claims import get_claim, list_claims, set_status
from workbench.storage.db import Database
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.dashboard import DashboardScreen
from workbench.tui.screens.prompt import CheckerPicker
from workbench.tui.screens.queue import QueueScreen
from workbench.tui.widgets.detail import ClaimDetail


def _said(app: WorkbenchApp) -> str:
    return " ".join(list(app._notifications)[-1].message.split())


async def test_t_offers_the_desks_checkers_and_any_name_T_takes_and_ctrl_z_gives_back(db: Database) -> None:
    ingest_paths(db, [SEED])
    claims = list_claims(db)
    set_status(db, claims[-1].id, "verified", user="lina")  # the desk has seen lina at work
    assign_claims(db, [(claims[-2].id, None)], "omar", user="sami")
    app = WorkbenchApp(db, user="amal", bidi="off", poll_seconds=0)
    async with app.run_test(size=(150, 45)) as pilot:
        await _settle(pilot, app)
        desk = app.screen.desk  # type: ignore[attr-defined]
        first = claims[0]
        assert desk.selected_id == first.id and drawn_row(app, first.id)[27] == " "  # nobody holds it
        await pilot.press("T")  # take it: one key
        await _settle(pilot, app)
        now = get_claim(db, first.id)
        assert (now.assignee, now.assigned_by) == ("amal", "amal")
        assert _said(app) == f"Claim #{first.id} assigned to you. ctrl+z takes it back."
        assert desk.rows[first.id].assignee == "amal" and drawn_row(app, first.id)[27] == "@"
        assert drawn_row(app, claims[-2].id)[27] == "+"  # a colleague's
        shown = "\n".join(rendered(app.screen.query_one(ClaimDetail).render_claim(), 120))
        assert "Checker      amal  " in shown and "amal  took it" in shown
        await pilot.press("down", "space", "space")  # claims 2 and 3 marked
        await pilot.press("t")
        await _settle(pilot, app)
        picker = app.screen
        assert isinstance(picker, CheckerPicker)
        options = picker.query_one("#picker-list")
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]  # type: ignore[attr-defined]
        assert labels[0].startswith("you: amal  1 to check")
        assert any(label.startswith("omar  1 to check") for label in labels)
        assert any(label.startswith("lina  holds nothing") for label in labels) and any("sami" in label for label in labels)
        assert not any(label.startswith("nobody") for label in labels)  # nobody holds the marked claims yet
        picker.query_one("#picker-input").value = "أمل الحسن"  # type: ignore[attr-defined]  # somebody new
        await pilot.pause()
        await pilot.press("enter")
        await _settle(pilot, app)
        assert isinstance(app.screen, QueueScreen)
        held = {c.id: c.assignee for c in list_claims(db)}
        assert held[claims[1].id] == held[claims[2].id] == "أمل الحسن" and not desk.marked
        assert _said(app) == "2 claims assigned to أمل الحسن."
        await pilot.press("ctrl+z")  # one undo gives both back to nobody
        await _settle(pilot, app)
        held = {c.id: c.assignee for c in list_claims(db)}
        assert held[claims[1].id] is None and held[claims[2].id] is None
        assert [e.to_assignee for e in assignment_history(db, claims[1].id)] == ["أمل الحسن", None]
        await _select(pilot, app, first.id)
        await pilot.press("t")
        await _settle(pilot, app)
        app.screen.query_one("#picker-input").value = "nob"  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("enter")  # nobody: taken back
        await _settle(pilot, app)
        assert get_claim(db, first.id).assignee is None
        assert _said(app) == f"Claim #{first.id}: nobody holds it now. ctrl+z gives it back."


async def test_mine_and_unassigned_filter_the_queue(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [ARTICLES])
    claims = list_claims(db)
    assign_claims(db, [(c.id, None) for c in claims[:3]], "amal", user="sami")
    assign_claims(db, [(claims[3].id, None)], "omar", user="sami")
    app = WorkbenchApp(db, user="amal", bidi="off", poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot, app)
        desk = app.screen.desk  # type: ignore[attr-defined]
        await pilot.press("F")
        await _settle(pilot, app)
        app.screen.query_one("#prompt-input").value = "mine"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await _settle(pilot, app)
        assert desk.claim_ids() == [c.id for c in claims[:3]]
        assert "filter: mine" in str(app.screen.query_one("#queue-title").render())
        assert drawn_row(app, claims[0].id).split()[4] == "@"  # at 80 columns: @ before the claim
        await app.screen.apply_filter("unassigned")  # type: ignore[attr-defined]
        assert desk.claim_ids() == [c.id for c in claims[4:]]
        await app.screen.apply_filter('assignee:omar')  # type: ignore[attr-defined]
        assert desk.claim_ids() == [claims[3].id]


async def test_a_refused_assignment_says_who_did_what_as_a_refused_verdict_does(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [SEED])
    first = list_claims(db)[0]
    app = WorkbenchApp(db, user="amal", bidi="off", poll_seconds=0)
    async with app.run_test(size=(140, 40)) as pilot:
        await _settle(pilot, app)
        set_status(db, first.id, "false", user="omar")  # after amal's desk read it
        await pilot.press("T")
        await _settle(pilot, app)
        said = _said(app)
        assert said.startswith(f"Claim #{first.id} was not assigned to you: omar marked it False at ")
        assert said.endswith("meanwhile. It now shows their change.")
        assert app.screen.desk.rows[first.id].status == "false"  # type: ignore[attr-defined]
        assert get_claim(db, first.id).assignee is None and assignment_history(db, first.id) == []
        await pilot.press("T")  # now that it shows the change, taking it goes through
        await _settle(pilot, app)
        assert get_claim(db, first.id).assignee == "amal"


async def test_a_colleague_giving_me_a_claim_is_news(db: Database) -> None:
    ingest_paths(db, [SEED])
    claim = list_claims(db)[1]
    app = WorkbenchApp(db, user="amal", bidi="off", poll_seconds=0.2)
    async with app.run_test(size=(140, 40)) as pilot:
        await _loaded(pilot, app)
        assign_claims(db, [(claim.id, None)], "amal", user="sami")  # another checker, elsewhere
        for _ in range(30):
            await pilot.pause(0.1)
            if app.screen.desk.rows[claim.id].assignee == "amal":  # type: ignore[attr-defined]
                break
        assert app.screen.desk.rows[claim.id].assignee == "amal"  # type: ignore[attr-defined]
        assert any(f"Claim #{claim.id}: sami assigned it to you at " in " ".join(n.message.split())
                   for n in app._notifications)


async def test_the_dashboard_says_who_holds_how_many_claims_still_to_check(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [ARTICLES])
    claims = list_claims(db)
    assign_claims(db, [(c.id, None) for c in claims[:5]], "omar", user="sami")
    assign_claims(db, [(c.id, None) for c in claims[5:7]], "amal", user="sami")
    set_status(db, claims[0].id, "false", user="omar")
    set_status(db, claims[1].id, "in_progress", user="omar")
    app = WorkbenchApp(db, user="amal", bidi="off", poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot, app)
        await pilot.press("D")
        await _settle(pilot, app)
        dash = app.screen
        assert isinstance(dash, DashboardScreen)
        rows = dash.query_one("#dash-checkers")
        lines = [" ".join(str(rows.get_option_at_index(i).prompt).split()) for i in range(rows.option_count)]  # type: ignore[attr-defined]
        assert lines == ["omar 3 unchecked · 1 in progress · 1 with a verdict",
                         "amal 2 unchecked · 0 in progress · 0 with a verdict",
                         f"nobody {len(claims) - 7} unchecked · 0 in progress · 0 with a verdict"]
        assert "Who holds how many claims still to check" in " ".join(text_of(dash.query_one(".dash-title")).split())
        rows.focus()
        await pilot.press("down", "down", "enter")  # nobody's: the unassigned claims
        await _settle(pilot, app)
        assert isinstance(app.screen, QueueScreen)
        assert app.screen.desk.filter == "unassigned" and app.screen.desk.row_count == len(claims) - 7
        await pilot.press("D")
        await _settle(pilot, app)
        app.screen.query_one("#dash-checkers").focus()
        await pilot.press("enter")  # omar's
        await _settle(pilot, app)
        assert app.screen.desk.filter == 'assignee:"omar"'  # type: ignore[attr-defined]
        assert app.screen.desk.claim_ids() == [c.id for c in claims[:5]]  # type: ignore[attr-defined]
