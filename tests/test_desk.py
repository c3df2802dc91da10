"""The desk model on its own: no app, no database, milliseconds."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from workbench.services.claims import ClaimRow, QueueRow
from workbench.storage.models import Status
from workbench.text.display import display_parts
from workbench.tui.desk import Desk
from workbench.tui.filters import FilterError, split_terms


def claim(cid: int, *, status: str = "unchecked", version: int = 1, article: int = 1, source: str | None = "Reuters",
          source_id: int | None = 1, worth: float = 0.5, by: str | None = None, lang: str = "en",
          title: str = "An article") -> ClaimRow:
    return ClaimRow(
        id=cid, article_id=article, article_title=title, seq=cid, text=f"claim {cid}", start=0, end=9,
        attributed=source is not None, source_id=source_id if source else None, source_name=source,
        source_kind="outlet" if source else None, source_reliability="unknown", source_is_candidate=False,
        mention=None, mention_start=None, mention_end=None, cue=None, rests_on_media=False, checkworthiness=worth,
        features=[], status=status, version=version, updated_at=datetime(2016, 12, 1, 10, 42, tzinfo=UTC) if by else None,
        updated_by=by, language=lang)


def row(cid: int, **kw: object) -> QueueRow:
    return QueueRow.of(claim(cid, **kw))  # type: ignore[arg-type]


def desk_of(*rows: QueueRow, user: str = "amal") -> Desk:
    desk = Desk(user)
    desk.load(list(rows), len(rows))
    return desk


def saved(r: QueueRow, status: str, by: str = "amal") -> ClaimRow:
    c = claim(r.id, status=status, version=r.version + 1, by=by, source=r.source_name, source_id=r.source_id,
              article=r.article_id)
    return c


def test_opens_on_the_first_unchecked_claim() -> None:
    desk = desk_of(row(1, status="verified"), row(2, status="false"), row(3), row(4))
    assert desk.selected_id == 3


def test_a_verdict_shows_at_once_and_stays_until_saved() -> None:
    desk = desk_of(row(1), row(2))
    verdict = desk.give_verdict(Status.false)
    assert verdict is not None
    assert desk.rows[1].status == "false"  # shown at once, not put back until the save returns
    assert desk.selected_id == 2  # and the cursor stepped on
    desk.append([row(1)])  # the old row coming again from a page read meanwhile does not undo it
    assert desk.rows[1].status == "false"
    assert verdict.expected == ((1, 1),)  # the version read is what the write is checked against
    said = desk.verdict_saved(verdict, [saved(row(1), "false")], [])
    assert said is None and desk.rows[1].status == "false" and desk.rows[1].version == 2
    assert [s.entries for s in desk.undo] == [((1, "unchecked", 2),)]


def test_a_failed_save_puts_the_claim_back_and_says_why() -> None:
    desk = desk_of(row(1), row(2))
    verdict = desk.give_verdict(Status.verified)
    assert verdict is not None
    said = desk.verdict_failed(verdict, "database is locked")
    assert desk.rows[1].status == "unchecked" and not desk.undo
    assert said.severity == "error" and "claim #1 not marked Verified" in said.text and "database is locked" in said.text


def test_a_conflict_shows_the_colleagues_change_with_who_what_and_when() -> None:
    desk = desk_of(row(1), row(2))
    verdict = desk.give_verdict(Status.false)
    assert verdict is not None
    theirs = saved(row(1), "verified", by="omar")
    said = desk.verdict_saved(verdict, [], [theirs])
    assert desk.rows[1].status == "verified" and not desk.undo
    assert said is not None and said.severity == "warning"
    assert said.text == "Claim #1 was not marked False: omar marked it Verified at 10:42 meanwhile. It now shows their change."


def test_a_second_key_before_the_first_save_is_not_a_conflict_with_ourselves() -> None:
    desk = desk_of(row(1), row(2))
    first = desk.give_verdict(Status.verified)
    desk.move(-1)
    second = desk.give_verdict(Status.disputed)
    assert first is not None and second is not None
    assert desk.rows[1].status == "disputed"
    desk.verdict_saved(first, [saved(row(1), "verified")], [])
    assert desk.rows[1].status == "disputed"  # the later key still shows while it is saved
    assert second.expected == ((1, 2),)  # past the version our own first save will make
    desk.verdict_saved(second, [claim(1, status="disputed", version=3, by="amal")], [])
    assert desk.rows[1].status == "disputed" and desk.rows[1].version == 3
    assert [s.entries for s in desk.undo] == [((1, "unchecked", 2),), ((1, "verified", 3),)]


def test_marked_claims_take_one_verdict_and_one_undo_step() -> None:
    desk = desk_of(row(1), row(2), row(3), row(4))
    assert desk.toggle_mark() and desk.toggle_mark()  # 1 and 2; the cursor steps on each time
    desk.move(1)
    desk.toggle_mark()  # 4
    assert desk.marked == {1, 2, 4}
    assert "3 marked" in "".join(desk.title_parts())
    verdict = desk.give_verdict(Status.false)
    assert verdict is not None and not desk.marked
    said = desk.verdict_saved(verdict, [saved(row(1), "false"), saved(row(4), "false")],
                              [saved(row(2), "verified", by="omar")])
    assert said is not None and said.text.startswith("2 claims marked False; 1 not: changed meanwhile by omar")
    step = desk.pop_undo()
    assert step is not None and {e[0] for e in step.entries} == {1, 4}
    said = desk.undo_saved(step, [claim(1, version=3, by="amal"), claim(4, version=3, by="amal")], [])
    assert said.text == "Undone on 2 claims." and desk.rows[1].status == "unchecked"


def test_undo_a_single_verdict_and_a_refused_undo() -> None:
    desk = desk_of(row(1), row(2))
    verdict = desk.give_verdict(Status.false)
    assert verdict is not None
    desk.verdict_saved(verdict, [saved(row(1), "false")], [])
    step = desk.pop_undo()
    assert step is not None
    said = desk.undo_saved(step, [], [claim(1, status="verified", version=3, by="omar")])
    assert "Not undone on 1 claim: changed meanwhile by omar" in said.text
    assert desk.undo_failed(step, "network down").severity == "error" and desk.undo == [step]  # there to try again
    assert desk.pop_undo() is step and desk.pop_undo() is None


def test_reload_keeps_the_cursor_on_its_claim_even_before_its_page_comes() -> None:
    rows = [row(i) for i in range(1, 11)]
    desk = desk_of(*rows)
    desk.move_to(7)
    assert desk.selected_id == 8
    desk.load(rows[:5], 10)  # ctrl+r: the first page does not hold claim 8
    desk.append(rows[5:])
    assert desk.selected_id == 8
    desk.load(rows, 10)
    assert desk.selected_id == 8


def test_groups_step_over_headings_and_keep_the_claim() -> None:
    desk = desk_of(row(1, article=1), row(2, article=2, title="مقال"), row(3, article=1))
    desk.move_to(1)  # claim 2
    assert desk.cycle_group() == "article"
    assert desk.order[0] < 0 and desk.selected_id == 2
    desk.first()
    assert desk.order[desk.cursor] > 0
    assert "".join(desk.headings[desk.order[0]]) == "An article — 2 claims, 2 unchecked"


def test_a_status_heading_keeps_its_arabic_label_and_its_count_apart() -> None:
    desk = desk_of(row(1), row(2, status="false"))
    for _ in range(4):
        desk.cycle_group()
    assert desk.group == "status"
    heading = display_parts(desk.headings[desk.order[0]], 80, bidi=True)
    assert heading.startswith("Unchecked · ") and heading.endswith(" — 1 claim, 1 unchecked")  # the count stays after


def test_filter_by_any_name_of_the_source_and_esc_clears_it() -> None:
    desk = desk_of(row(1, source="Syrian Observatory for Human Rights", source_id=7), row(2, source="Reuters", source_id=3),
                   row(3, source="Aleppo Media Center", source_id=9))
    names = {7: ["Syrian Observatory for Human Rights", "المرصد السوري لحقوق الإنسان"], 3: ["Reuters", "رويترز"],
             9: ["Aleppo Media Center", "مركز حلب الإعلامي"]}
    desk.set_filter("source:مرصد", names)
    assert desk.claim_ids() == [1]
    desk.set_filter("source:المرصد", names)
    assert desk.claim_ids() == [1]
    desk.set_filter('source:"aleppo media center"', names)
    assert desk.claim_ids() == [3]
    desk.set_filter("source:«مركز حلب»,رويترز", names)
    assert desk.claim_ids() == [2, 3]
    assert "filter: " in "".join(desk.title_parts())
    said = desk.escape()
    assert said is not None and "Filter cleared" in said.text and desk.row_count == 3 and not desk.filter
    with pytest.raises(FilterError):
        desk.set_filter('source:"unclosed', names)
    assert desk.row_count == 3  # a bad filter changes nothing


def test_filter_terms_split_at_spaces_outside_quotes() -> None:
    assert split_terms('status:false source:"Al Jazeera" -media') == ["status:false", "source:Al Jazeera", "-media"]
    assert split_terms("source:People's") == ["source:People's"]


def test_esc_unmarks_then_leaves_the_search_then_clears_the_filter() -> None:
    desk = desk_of(row(1), row(2, lang="ar"), row(3))
    desk.set_filter("lang:en")
    desk.set_search("claim", [claim(3), claim(1)])
    assert desk.claim_ids() == [3, 1]  # best first
    desk.toggle_mark()
    assert desk.escape() is not None and not desk.marked
    desk.escape()
    assert desk.search is None and desk.claim_ids() == [1, 3]
    desk.escape()
    assert desk.claim_ids() == [1, 2, 3]
    assert desk.escape() is None


def test_a_search_that_finds_nothing_says_so_in_the_title() -> None:
    desk = desk_of(row(1))
    desk.set_search("مرصد", [])
    assert desk.row_count == 0 and desk.selected is None
    assert "".join(desk.title_parts()) == "Search “مرصد”: no claims match · esc: all"


def test_changes_by_others_say_who_and_what_and_ours_are_not_news() -> None:
    desk = desk_of(row(1), row(2), row(3))
    said = desk.changed_elsewhere([claim(2, status="misleading", version=2, by="omar")])
    assert desk.rows[2].status == "misleading"
    assert said is not None and said.text == "Claim #2: omar marked it Misleading at 10:42."
    verdict = desk.give_verdict(Status.false)  # on claim 1
    assert verdict is not None
    mine = claim(1, status="false", version=2, by="amal")
    assert desk.changed_elsewhere([mine]) is None  # our own save, seen by the poll before it came back
    desk.verdict_saved(verdict, [mine], [])
    assert desk.changed_elsewhere([mine]) is None
    said = desk.changed_elsewhere([claim(1, status="verified", version=3, by="sara"), claim(3, status="false", version=2, by="omar")])
    assert said is not None and said.text == "2 claims changed by omar, sara."


def test_want_leaves_a_search_or_filter_that_hides_the_claim() -> None:
    desk = desk_of(row(1), row(2, lang="ar"))
    desk.set_filter("lang:ar")
    assert desk.want(1) and desk.selected_id == 1 and not desk.filter
    assert not desk.want(99)  # not loaded: selected when it comes
    desk.append([row(99)])
    assert desk.selected_id == 99


def test_sort_by_worth_keeps_the_selected_claim() -> None:
    desk = desk_of(row(1, worth=0.1), row(2, worth=0.9), row(3, worth=0.5))
    desk.move_to(2)
    assert desk.toggle_sort() == "worth"
    assert desk.claim_ids() == [2, 3, 1] and desk.selected_id == 3


def test_a_new_source_replaces_the_row() -> None:
    desk = desk_of(row(1))
    before = desk.rows[1]
    desk.update([dataclasses.replace(claim(1, version=2), source_name="Aleppo Media Center", source_id=9)])
    assert desk.rows[1] is not before and desk.rows[1].source_name == "Aleppo Media Center"


def test_read_models_are_built_from_named_columns() -> None:
    from workbench.services.claims import _CLAIMS, _QUEUE
    from workbench.services.rows import Reader

    assert _QUEUE.names[:4] == ["id", "article_id", "article_title", "text"]
    assert _CLAIMS.names[-6:] == ["attribution_confidence", "source_confirmed_by", "source_confirmed_at",
                                  "assignee", "assigned_by", "assigned_at"]
    with pytest.raises(TypeError, match="must name its first fields"):
        Reader(QueueRow, {"article_id": None, "id": None})
    with pytest.raises(TypeError, match="no column for"):
        Reader(QueueRow, {"id": None})


def test_confirming_sources_one_undo_and_what_was_refused() -> None:
    desk = desk_of(row(1), row(2), row(3))
    desk.toggle_mark()
    desk.toggle_mark()
    desk.toggle_mark()
    targets = desk.targets()
    mine = dataclasses.replace(claim(1, version=2, by="amal"), source_confirmed_by="amal",
                               source_confirmed_at=datetime(2016, 12, 1, tzinfo=UTC))
    theirs = dataclasses.replace(claim(2, version=1), source_confirmed_by="omar",
                                 source_confirmed_at=datetime(2016, 12, 1, tzinfo=UTC))
    refused = claim(3, status="false", version=2, by="sara")
    said = desk.confirmation_saved(targets, [mine], [theirs], [refused])
    assert said.text == "Sources confirmed on 1 claim; 1 confirmed already; 1 not: changed meanwhile by sara (they show that change)."
    assert desk.rows[1].source_confirmed and desk.rows[2].source_confirmed and desk.rows[3].status == "false"
    assert not desk.marked
    step = desk.pop_undo()
    assert step is not None and step.kind == "confirm" and step.entries == ((1, "unchecked", 2),)
    said = desk.undo_saved(step, [claim(1, version=3, by="amal")], [])
    assert said.text == "Undone: the confirmation of the source of claim #1 is withdrawn." and not desk.rows[1].source_confirmed


def test_filter_by_confirmation_and_confidence() -> None:
    sure = dataclasses.replace(row(1), attribution_confidence=0.95)
    unsure = dataclasses.replace(row(2), attribution_confidence=0.4)
    unknown = dataclasses.replace(row(3), attribution_confidence=None)
    confirmed = dataclasses.replace(row(4), attribution_confidence=0.4, source_confirmed=True)
    desk = desk_of(sure, unsure, unknown, confirmed)
    desk.set_filter("confirmed:no")
    assert desk.claim_ids() == [1, 2, 3]
    desk.set_filter("confirmed:no conf<0.8")
    assert desk.claim_ids() == [2, 3]  # no figure counts as unsure
    desk.set_filter("conf>=0.8")
    assert desk.claim_ids() == [1]
    desk.set_filter("confirmed:yes")
    assert desk.claim_ids() == [4]
    with pytest.raises(FilterError):
        desk.set_filter("confirmed:maybe")


def test_a_colleagues_confirmation_is_said_as_such() -> None:
    desk = desk_of(row(1))
    theirs = dataclasses.replace(claim(1, version=2, by="omar"), source_confirmed_by="omar",
                                 source_confirmed_at=datetime(2016, 12, 1, 10, 42, tzinfo=UTC))
    said = desk.changed_elsewhere([theirs])
    assert said is not None and said.text == "Claim #1: omar confirmed its source at 10:42."


def held(cid: int, assignee: str | None, *, version: int = 2, by: str = "amal", **kw: object) -> ClaimRow:
    """A claim as an assignment left it."""
    c = claim(cid, version=version, by=by, **kw)  # type: ignore[arg-type]
    return dataclasses.replace(c, assignee=assignee, assigned_by=by if assignee else None,
                               assigned_at=c.updated_at if assignee else None)


def test_mine_unassigned_and_assignee_filters() -> None:
    desk = desk_of(dataclasses.replace(row(1), assignee="amal"), dataclasses.replace(row(2), assignee="omar"),
                   row(3), dataclasses.replace(row(4), assignee="أمل الحسن"), user="amal")
    desk.set_filter("mine")
    assert desk.claim_ids() == [1]
    desk.set_filter("unassigned")
    assert desk.claim_ids() == [3]
    desk.set_filter("-unassigned -mine")
    assert desk.claim_ids() == [2, 4]
    desk.set_filter('assignee:Omar,"أمل الحسن"')  # any case; a quoted name with a space
    assert desk.claim_ids() == [2, 4]
    desk.set_filter("mine status:unchecked")
    assert desk.claim_ids() == [1] and "filter: mine status:unchecked" in "".join(desk.title_parts())
    with pytest.raises(FilterError, match="a value is missing"):
        desk.set_filter("assignee:")
    assert desk.filter == "mine status:unchecked"  # a bad filter changes nothing
    from workbench.tui.filters import parse_filter

    with pytest.raises(FilterError, match="whose"):
        parse_filter("mine")  # no checker to be "me"


def test_assigning_marked_claims_one_undo_and_what_was_refused() -> None:
    desk = desk_of(row(1), dataclasses.replace(row(2), assignee="omar"), row(3), row(4), user="amal")
    for _ in range(4):
        desk.toggle_mark()
    targets = desk.targets()
    said = desk.assignment_saved(targets, "sara", [held(1, "sara"), held(2, "sara")], [held(3, "sara", version=1)],
                                 [claim(4, status="false", version=2, by="omar")])
    assert said.text == ("2 claims assigned to sara; 1 held by them already; 1 not: changed meanwhile by omar "
                         "(they show that change).") and said.severity == "warning"
    assert [desk.rows[i].assignee for i in (1, 2, 3)] == ["sara"] * 3 and desk.rows[4].status == "false"
    assert not desk.marked
    step = desk.pop_undo()
    assert step is not None and step.kind == "assign" and step.entries == ((1, "", 2), (2, "omar", 2))
    assert step.holders() == [(1, None, 2), (2, "omar", 2)]
    said = desk.undo_saved(step, [held(1, None, version=3)], [claim(2, status="false", version=3, by="lina")])
    assert said.text == "Undone on 1 claim. Not undone on 1 claim: changed meanwhile by lina." and desk.rows[1].assignee is None


def test_one_claim_assigned_taken_refused_and_undone_is_said_plainly() -> None:
    desk = desk_of(row(1), row(2), user="amal")
    said = desk.assignment_saved([desk.rows[1]], "amal", [held(1, "amal")], [], [])
    assert said.text == "Claim #1 assigned to you. ctrl+z takes it back." and desk.rows[1].assignee == "amal"
    said = desk.assignment_saved([desk.rows[1]], "amal", [], [held(1, "amal")], [])
    assert said.text == "Claim #1 is yours already."
    said = desk.assignment_saved([desk.rows[2]], "omar", [], [held(2, "omar", by="sara")], [])
    assert said.text == "Claim #2 is omar's already."
    step = desk.pop_undo()
    assert step is not None
    said = desk.undo_saved(step, [held(1, None, version=3)], [])
    assert said.text == "Undone: claim #1 is nobody again."
    desk.update([held(1, "amal", version=4)])
    said = desk.assignment_saved([desk.rows[1]], "omar", [], [], [held(1, "lina", version=5, by="lina")])
    assert said.severity == "warning" and said.text.startswith(
        "Claim #1 was not assigned to omar: lina took it from you at 10:42 meanwhile.")
    said = desk.assignment_saved([desk.rows[1]], None, [held(1, None, version=6, by="amal")], [], [])
    assert said.text == "Claim #1: nobody holds it now. ctrl+z gives it back."


def test_a_colleagues_assignment_is_news_and_says_to_whom() -> None:
    desk = desk_of(row(1), row(2), row(3), user="amal")
    said = desk.changed_elsewhere([held(1, "amal", by="sami")])
    assert said is not None and said.text == "Claim #1: sami assigned it to you at 10:42."
    said = desk.changed_elsewhere([held(2, "omar", by="sami")])
    assert said is not None and said.text == "Claim #2: sami assigned it to omar at 10:42."
    said = desk.changed_elsewhere([held(1, None, version=3, by="sami")])
    assert said is not None and said.text == "Claim #1: sami took it back from you at 10:42."
    desk.set_filter("mine")
    assert desk.claim_ids() == []
    said = desk.changed_elsewhere([held(3, "amal", by="sami"), held(2, "amal", version=3, by="sami")])
    assert said is not None and said.text == "2 claims changed by sami; 2 of them assigned to you."
    desk.set_filter("mine")
    assert desk.claim_ids() == [2, 3]


def test_group_by_checker_puts_nobody_last() -> None:
    desk = desk_of(dataclasses.replace(row(1), assignee="omar"), row(2), dataclasses.replace(row(3), assignee="amal"),
                   dataclasses.replace(row(4, status="false"), assignee="omar"))
    while desk.group != "checker":
        desk.cycle_group()
    headings = ["".join(desk.headings[i]) for i in desk.order if i < 0]
    assert headings == ["amal — 1 claim, 1 unchecked", "omar — 2 claims, 1 unchecked",
                        "nobody: not assigned — 1 claim, 1 unchecked"]


def test_a_verdict_given_while_an_assignment_is_on_its_way_follows_it() -> None:
    desk = desk_of(row(1), row(2), user="amal")
    expected = desk.begin_write([desk.rows[1]])  # T on claim 1
    assert expected == [(1, 1)]
    verdict = desk.give_verdict(Status.false)  # v on claim 1 before the assignment came back
    assert verdict is not None and verdict.expected == ((1, 2),)  # checked against what the assignment leaves
    desk.end_write(expected)
    desk.assignment_saved([row(1)], "amal", [held(1, "amal")], [], [])
    desk.verdict_saved(verdict, [dataclasses.replace(held(1, "amal", version=3), status="false")], [])
    assert (desk.rows[1].status, desk.rows[1].assignee, desk.rows[1].version) == ("false", "amal", 3)
    assert desk.begin_write([desk.rows[1]]) == [(1, 3)]
