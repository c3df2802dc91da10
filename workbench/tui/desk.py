"""The triage desk's state, in plain Python: no Textual here.

Which claims are loaded and which of them are shown, and how (sorted, grouped, filtered,
searched); which are marked; which is selected; what each keypress changed (the undo stack); and
what a verdict saved, refused by a colleague's change, or failed does to all of that, with the
notice it deserves. The queue screen binds keys to a `Desk` and draws from it; the widget that
draws the rows reads it and never keeps a copy. Unit tests drive it in milliseconds
(tests/test_desk.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from workbench.services.claims import ClaimRow, QueueRow
from workbench.storage.models import Status
from workbench.text.display import Data
from workbench.text.wording import plural
from workbench.tui.filters import parse_filter

GROUPS = ("article", "source", "kind", "status", "checker", "language", "worth")
_STATUS_ORDER = {st.value: i for i, st in enumerate(Status)}


@dataclass(frozen=True, slots=True)
class Notice:
    """What to tell the checker: our words and pieces of `Data`, and how loudly."""

    parts: tuple[str, ...]
    severity: str = "information"  # information | warning | error

    @property
    def text(self) -> str:
        return "".join(self.parts)


def notice(*parts: str, severity: str = "information") -> Notice:
    return Notice(tuple(parts), severity)


@dataclass(frozen=True, slots=True)
class Verdict:
    """A verdict given at one keypress, with the claims it is for as they were then."""

    status: Status
    claims: tuple[QueueRow, ...]  # as they were shown when the key was pressed
    shown: tuple[QueueRow, ...]  # as the verdict shows them until it is saved
    expected: tuple[tuple[int, int], ...]  # (claim, the version its write is checked against)


@dataclass(frozen=True, slots=True)
class UndoStep:
    """What one keypress changed: (claim id, what was before, version the write left). A verdict
    is undone by putting each status back; a confirmation (`kind` "confirm") by withdrawing it;
    an assignment (`kind` "assign") by giving each claim back to who held it ("" for nobody)."""

    entries: tuple[tuple[int, str, int], ...]
    kind: str = "status"

    def holders(self) -> list[tuple[int, str | None, int]]:
        """An assignment's entries as `set_assignees` takes them: who held each claim (None: nobody)."""
        return [(cid, before or None, version) for cid, before, version in self.entries]


def what_changed(before: ClaimRow | QueueRow | None, now: ClaimRow | QueueRow, me: str | None = None) -> list[str]:
    """What someone did to a claim, in words, from how it was to how it is (`me`: the checker at
    the desk, who is "you" when the claim is given to them or taken from them)."""
    if before is not None and before.status != now.status:
        return [f" marked it {Status(now.status).label}"]
    if before is not None and before.assignee != now.assignee:
        if now.assignee is None:
            return [" took it back from ", "you" if before.assignee == me else Data(before.assignee or "")]
        if now.assignee == now.updated_by:
            return [" took it"] + ([" from you"] if before.assignee == me and before.assignee else [])
        return [" assigned it to ", "you" if now.assignee == me else Data(now.assignee)]
    if before is not None and (before.source_id, before.attributed) != (now.source_id, now.attributed):
        return [" attributed it to ", Data(now.source_name or "?") if now.attributed else "the publisher's own voice"]
    if before is not None and before.source_confirmed != now.source_confirmed:
        return [" confirmed its source" if now.source_confirmed else " withdrew the confirmation of its source"]
    return [" changed it"]


def _when(row: ClaimRow | QueueRow) -> str:
    at = getattr(row, "updated_at", None)
    return f" at {at:%H:%M}" if at is not None else ""


def _who(name: str | None, me: str) -> str:
    return "you (in another window)" if name == me else (name or "someone")


class Desk:
    def __init__(self, user: str) -> None:
        self.user = user
        self.rows: dict[int, QueueRow] = {}  # every claim loaded, shown or not
        self.total = 0  # claims in the database when last counted
        self.max_id = 0  # the highest claim id loaded (how wide the ids' column is)
        self.loaded_all = False
        self.marked: set[int] = set()
        self.sort = "position"  # or "worth": most check-worthy first
        self.group: str | None = None  # one of GROUPS
        self.filter = ""  # the filter as typed
        self._keep: Callable[[QueueRow], bool] | None = None
        self.search: str | None = None  # the query, while the queue shows its results
        self._found: list[int] = []  # the search's claims, best first
        self.order: list[int] = []  # what is drawn, line by line: claim ids, and < 0 for headings
        self.headings: dict[int, tuple[str, ...]] = {}  # heading line -> its parts
        self.cursor = 0  # a line of `order`, never a heading
        self._wanted: int | None = None  # a claim to select when it is loaded
        self.undo: list[UndoStep] = []
        self._pending: dict[int, tuple[QueueRow, QueueRow]] = {}  # claim -> (as read, as shown) while saving
        self._own: set[tuple[int, int]] = set()  # (claim, version) our own writes produced
        self._expect: dict[int, int] = {}  # claim -> the version its last verdict of ours was checked against
        self._inflight: dict[int, int] = {}  # claim -> the version another write of ours under way will leave

    # ------------------------------------------------------------------ what is shown

    @property
    def selected(self) -> QueueRow | None:
        if not 0 <= self.cursor < len(self.order):
            return None
        return self.rows.get(self.order[self.cursor])

    @property
    def row_count(self) -> int:
        """Claims shown (headings not counted)."""
        return len(self.order) - len(self.headings)

    def claim_ids(self) -> list[int]:
        """The claims shown, in the order drawn."""
        return [i for i in self.order if i > 0]

    def marked_rows(self) -> list[QueueRow]:
        return [self.rows[i] for i in self.order if i in self.marked]

    def targets(self) -> list[QueueRow]:
        """What a key acts on: the marked claims, or else the selected one."""
        if self.marked:
            return self.marked_rows()
        return [self.selected] if self.selected is not None else []

    def title_parts(self) -> list[str]:
        """The queue pane's title: how many claims, what narrows them, what is marked."""
        total = max(self.total, len(self.rows))
        shown = self.row_count
        if self.search is not None:
            found = f": {plural(shown, 'claim')}" if shown else ": no claims match"
            parts = ["Search “", Data(self.search), f"”{found} · esc: all"]
        elif self.filter:
            parts = [f"Claims — {shown:,} of {total:,} · filter: ", Data(self.filter)]
        else:
            parts = [f"Claims — {total:,}"]
        if self.search is not None and self.filter:
            parts += [" · filter: ", Data(self.filter)]
        if self.marked:
            parts.append(f" · {len(self.marked):,} marked")
        if self.group:
            parts.append(f" · by {self.group}")
        return parts

    # ------------------------------------------------------------------ loading

    def load(self, rows: Iterable[QueueRow], total: int, *, complete: bool = False) -> None:
        """The queue afresh (the first page of it): the selected claim stays selected, there or
        when its page comes; the first time, the first unchecked claim is selected."""
        keep = self._wanted if self._wanted is not None else self.selected_id
        old = self.rows
        self.rows = {r.id: r for r in rows}
        self.max_id = max(self.rows, default=0)
        for i in self._found:  # a search's results stay until their pages come
            if i not in self.rows and i in old:
                self.rows[i] = old[i]
        for i, (_read, shown) in self._pending.items():  # and so do verdicts being saved
            if i in self.rows:
                self.rows[i] = shown
        self.total = total
        self.loaded_all = complete
        self.marked &= self.rows.keys()
        self._arrange(keep)
        self._wanted = keep if keep is not None and keep not in self.rows else None
        if keep is None:
            self.select_first_unchecked()

    def append(self, rows: Sequence[QueueRow], *, complete: bool = False) -> None:
        """The next page: at the end, or in their groups; a claim waited for is selected."""
        fresh = [r for r in rows if r.id not in self.rows]
        for r in rows:
            self._put(r)
        self.loaded_all = complete
        if self.search is not None:
            pass  # the search's results are what is shown
        elif self.group or self.sort != "position":
            self._arrange(self.selected_id)
        else:
            keep = self._keep
            self.order.extend(r.id for r in fresh if keep is None or keep(r))
        if self._wanted is not None and self._wanted in self.rows:
            self.select_claim(self._wanted)

    def add(self, row: ClaimRow | QueueRow) -> None:
        """One claim read on its own (say, opened from the dashboard before its page came)."""
        self._put(row if isinstance(row, QueueRow) else QueueRow.of(row))

    @property
    def selected_id(self) -> int | None:
        row = self.selected
        return row.id if row is not None else None

    def _put(self, row: QueueRow) -> None:
        """Keep a row as read, unless a newer version of the claim is known already, or a
        verdict on it is being saved (the save says how it ends)."""
        self.max_id = max(self.max_id, row.id)
        known = self.rows.get(row.id)
        if known is None or (row.version >= known.version and row.id not in self._pending):
            self.rows[row.id] = row

    def update(self, rows: Iterable[ClaimRow | QueueRow]) -> None:
        """Claims as they now are, where they are loaded (they keep their place until the
        queue is next arranged)."""
        for r in rows:
            if r.id in self.rows:
                self.rows[r.id] = r if isinstance(r, QueueRow) else QueueRow.of(r)
                self._pending.pop(r.id, None)

    # ------------------------------------------------------------------ arranging

    def _shown(self) -> list[int]:
        rows = self.rows
        keep = self._keep
        if self.search is not None:
            ids: Iterable[int] = [i for i in self._found if i in rows]
        else:
            ids = rows
        if keep is not None:
            ids = [i for i in ids if keep(rows[i])]
        if self.sort == "worth":
            return sorted(ids, key=lambda i: (-rows[i].checkworthiness, i))
        return list(ids) if self.search is not None else sorted(ids)

    def _arrange(self, keep: int | None = None) -> None:
        """Lay the rows out (sorted, and grouped under headings), then put the cursor on `keep`
        if it is shown, else where it was. Linear after the sort: 100,000 rows in tens of ms."""
        before = self.cursor
        ids = self._shown()
        self.headings = {}
        if not self.group:
            self.order = ids
        else:
            self.order = self._grouped(ids, self.group)
        self.cursor = min(before, len(self.order) - 1) if self.order else 0
        if keep is None or not self.select_claim(keep):
            self._settle(1)

    def _grouped(self, ids: list[int], by: str) -> list[int]:
        rows = self.rows
        buckets: dict[object, list[int]] = {}
        labels: dict[object, tuple[str, ...]] = {}
        for i in ids:
            r = rows[i]
            key = _group_key(r, by)
            members = buckets.get(key)
            if members is None:
                buckets[key] = members = []
                labels[key] = _group_label(r, by)
            members.append(i)
        order: list[int] = []
        unchecked = Status.unchecked.value
        for n, key in enumerate(sorted(buckets, key=lambda k: (k == "", k)), start=1):  # "none" last
            members = buckets[key]
            still = sum(1 for m in members if rows[m].status == unchecked)
            self.headings[-n] = (*labels[key], f" — {plural(len(members), 'claim')}, {still:,} unchecked")
            order.append(-n)
            order.extend(members)
        return order

    def toggle_sort(self) -> str:
        self.sort = "worth" if self.sort == "position" else "position"
        self._arrange(self.selected_id)
        return self.sort

    def cycle_group(self) -> str | None:
        cycle = [None, *GROUPS]
        self.group = cycle[(cycle.index(self.group) + 1) % len(cycle)]
        self._arrange(self.selected_id)
        return self.group

    def set_filter(self, spec: str, sources: Mapping[int, Sequence[str]] | None = None) -> None:
        """Show only the claims the filter accepts ("" shows all). Raises FilterError, and then
        nothing changes. Marks on claims it hides are dropped."""
        keep = parse_filter(spec, sources, me=self.user) if spec.strip() else None
        self.filter = spec.strip()
        self._keep = keep
        if keep is not None:
            self.marked = {i for i in self.marked if keep(self.rows[i])}
        self._arrange(self.selected_id)

    def set_search(self, query: str, rows: Sequence[ClaimRow | QueueRow]) -> None:
        """Show a search's results, best first (the loaded claims stay loaded)."""
        found = [r if isinstance(r, QueueRow) else QueueRow.of(r) for r in rows]
        for r in found:
            self._put(r)
        self.search = query
        self._found = [r.id for r in found]
        self.cursor = 0
        self._arrange(None)
        self.select_first_unchecked()

    def clear_search(self) -> None:
        self.search = None
        self._found = []
        self._arrange(self.selected_id)

    def escape(self) -> Notice | None:
        """esc: unmark; else leave the search; else drop the filter."""
        if self.marked:
            self.clear_marks()
            return notice("Unmarked.")
        if self.search is not None:
            self.clear_search()
            return None
        if self.filter:
            self.set_filter("")
            return notice("Filter cleared: every claim is shown.")
        return None

    # ------------------------------------------------------------------ the cursor

    def _settle(self, direction: int) -> None:
        """Off a heading: to the next claim that way, or the other way at the end."""
        n = len(self.order)
        if not n:
            self.cursor = 0
            return
        row = max(0, min(self.cursor, n - 1))
        for d in (direction, -direction):
            r = row
            while 0 <= r < n and self.order[r] < 0:
                r += d
            if 0 <= r < n:
                self.cursor = r
                return
        self.cursor = row

    def move_to(self, line: int, direction: int = 1) -> None:
        if not self.order:
            return
        self._wanted = None
        self.cursor = max(0, min(line, len(self.order) - 1))
        self._settle(direction)

    def move(self, delta: int) -> None:
        self.move_to(self.cursor + delta, 1 if delta > 0 else -1)

    def first(self) -> None:
        self.move_to(0)

    def last(self) -> None:
        self.move_to(len(self.order) - 1, -1)

    def select_claim(self, claim_id: int) -> bool:
        """Put the cursor on this claim, if it is shown."""
        try:
            line = self.order.index(claim_id)
        except ValueError:
            return False
        self.cursor = line
        self._wanted = None
        return True

    def select_first_unchecked(self) -> None:
        unchecked = Status.unchecked.value
        for i, cid in enumerate(self.order):
            if cid > 0 and self.rows[cid].status == unchecked:
                self.cursor = i
                return
        self.cursor = 0
        self._settle(1)

    def next_with_status(self, status: str) -> bool:
        """To the next claim (wrapping) with this status; False if there is none."""
        n = len(self.order)
        for step in range(1, n + 1):
            i = (self.cursor + step) % n
            cid = self.order[i]
            if cid > 0 and self.rows[cid].status == status:
                self.move_to(i)
                return True
        return False

    def want(self, claim_id: int) -> bool:
        """Select this claim: now if it is shown; if a search or the filter hides it, they are
        left first; if its page has not come yet, when it comes. True if it is selected now."""
        if self.select_claim(claim_id):
            return True
        if claim_id in self.rows:
            self.search, self._found = None, []
            self.filter, self._keep = "", None
            self._arrange(claim_id)
            return self.selected_id == claim_id
        self._wanted = claim_id
        return False

    # ------------------------------------------------------------------ marks

    def toggle_mark(self) -> bool:
        """Mark or unmark the selected claim and step to the next one."""
        claim = self.selected
        if claim is None:
            return False
        self.marked ^= {claim.id}
        self.move(1)
        return True

    def mark_all(self) -> int:
        """Mark every claim shown; if they all are, unmark them. How many are marked."""
        shown = set(self.claim_ids())
        self.marked = set() if shown <= self.marked else self.marked | shown
        return len(self.marked)

    def clear_marks(self) -> None:
        self.marked.clear()

    # ------------------------------------------------------------------ verdicts

    def give_verdict(self, status: Status) -> Verdict | None:
        """A status key: the verdict shows at once on the claims it is for (the marked ones, or
        the selected one, and then the cursor steps on); the save confirms or corrects it."""
        claims = tuple(self.targets())
        if not claims:
            return None
        shown = tuple(dataclasses.replace(c, status=status.value) for c in claims)
        expected = tuple((c.id, self._next_version(c)) for c in claims)
        for (cid, version), c, s in zip(expected, claims, shown, strict=True):
            read = self._pending[c.id][0] if c.id in self._pending else c
            self.rows[c.id] = s
            self._pending[c.id] = (read, s)
            self._expect[cid] = version
        if self.marked:
            self.marked.clear()
        else:
            self.move(1)
        return Verdict(status, claims, shown, expected)

    def _next_version(self, c: QueueRow) -> int:
        """The version a new write of ours on `c` is checked against: the one read, or, while an
        earlier verdict of ours on it is still being saved, the one that save will leave (writes
        go one at a time, in order: v, back, d before the first save returns is not a conflict
        with ourselves)."""
        version = c.version
        if c.id in self._pending and c.id in self._expect:
            version = self._expect[c.id] + 1
        version = max(version, self._inflight.get(c.id, 0))
        while (c.id, version + 1) in self._own:
            version += 1
        return version

    def begin_write(self, claims: Sequence[QueueRow]) -> list[tuple[int, int]]:
        """A write that is not a verdict (an assignment) is on its way: the version each claim's
        write is checked against, and noted, so that a key pressed before it comes back is checked
        against the version it will leave (as `_next_version` does for verdicts)."""
        expected = [(c.id, self._next_version(c)) for c in claims]
        for cid, version in expected:
            self._inflight[cid] = version + 1
        return expected

    def end_write(self, expected: Sequence[tuple[int, int]]) -> None:
        """The write `begin_write` noted came back (saved, refused or failed)."""
        for cid, version in expected:
            if self._inflight.get(cid) == version + 1:
                del self._inflight[cid]

    def verdict_saved(self, verdict: Verdict, saved: Sequence[ClaimRow], conflicts: Sequence[ClaimRow]) -> Notice | None:
        """The save came back: saved claims show as saved (and one undo step can put them back),
        claims a colleague changed meanwhile show their change, and the checker is told."""
        before = {c.id: c.status for c in verdict.claims}
        label = verdict.status.label
        if not conflicts:
            said = None if len(verdict.claims) == 1 else notice(f"{plural(len(saved), 'claim')} marked {label}.")
        elif len(verdict.claims) == 1:
            said = self.conflict_notice(conflicts[0], f"marked {label}")
        else:
            who = sorted({_who(r.updated_by, self.user) for r in conflicts})
            said = notice(f"{plural(len(saved), 'claim')} marked {label}; {len(conflicts):,} not: changed meanwhile by ",
                          *_names(who), " (they show that change).", severity="warning")
        entries = []
        mine = {s.id: s for s in verdict.shown}
        for row in saved:
            self._own.add((row.id, row.version))
            if before[row.id] != row.status:
                entries.append((row.id, before[row.id], row.version))
            pending = self._pending.get(row.id)
            if pending is not None and pending[1] is not mine[row.id]:  # a later key on it is saving
                self._pending[row.id] = (QueueRow.of(row), pending[1])
            else:
                self._pending.pop(row.id, None)
                if row.id in self.rows:
                    self.rows[row.id] = QueueRow.of(row)
        self.update(conflicts)
        if entries:
            self.undo.append(UndoStep(tuple(entries)))
        return said

    def verdict_failed(self, verdict: Verdict, message: str) -> Notice:
        """The save failed: the claims show what they were, unless something newer came since."""
        for c, s in zip(verdict.claims, verdict.shown, strict=True):
            pending = self._pending.get(c.id)
            if pending is not None and pending[1] is s:
                del self._pending[c.id]
                if self.rows.get(c.id) is s:
                    self.rows[c.id] = pending[0]
        what = f"claim #{verdict.claims[0].id}" if len(verdict.claims) == 1 else plural(len(verdict.claims), "claim")
        return notice(f"Not saved ({what} not marked {verdict.status.label}): ", Data(message), severity="error")

    def conflict_notice(self, current: ClaimRow | QueueRow, attempted: str | Sequence[str]) -> Notice:
        """A write refused because someone changed the claim since it was read: who, what, when
        (to be asked before the claim is updated to `current`)."""
        mine = self._pending[current.id][0] if current.id in self._pending else self.rows.get(current.id)
        return notice(f"Claim #{current.id} was not ", *_attempted(attempted), ": ",
                      Data(_who(current.updated_by, self.user)), *what_changed(mine, current, self.user),
                      f"{_when(current)} meanwhile. It now shows their change.", severity="warning")

    # ------------------------------------------------------------------ confirmations

    def confirmation_saved(self, claims: Sequence[QueueRow], changed: Sequence[ClaimRow], unchanged: Sequence[ClaimRow],
                           conflicts: Sequence[ClaimRow]) -> Notice:
        """A confirmation of sources came back (`a`): the claims show it, one undo withdraws what
        this key confirmed, and the checker is told what was already confirmed or refused."""
        said = self._confirm_notice(claims, changed, unchanged, conflicts)
        for row in changed:
            self._own.add((row.id, row.version))
        self.update([*changed, *unchanged, *conflicts])
        if changed:
            self.undo.append(UndoStep(tuple((r.id, r.status, r.version) for r in changed), kind="confirm"))
        self.marked.clear()
        return said

    def _confirm_notice(self, claims: Sequence[QueueRow], changed: Sequence[ClaimRow], unchanged: Sequence[ClaimRow],
                        conflicts: Sequence[ClaimRow]) -> Notice:
        if len(claims) == 1 and changed:
            r = changed[0]
            return notice(f"Claim #{r.id}: source confirmed: ",
                          Data(r.source_name) if r.attributed and r.source_name else "no external source (its own voice)",
                          ". ctrl+z withdraws it.")
        if len(claims) == 1 and unchanged:
            r = unchanged[0]
            return notice(f"Claim #{r.id}: its source was confirmed already, by ",
                          Data(_who(r.source_confirmed_by, self.user)), ".")
        if len(claims) == 1 and conflicts:
            return self.conflict_notice(conflicts[0], "confirmed")
        parts: list[str] = [f"Sources confirmed on {plural(len(changed), 'claim')}"]
        if unchanged:
            parts.append(f"; {len(unchanged):,} confirmed already")
        return self._summary(parts, conflicts)

    def _summary(self, parts: list[str], conflicts: Sequence[ClaimRow]) -> Notice:
        """A change over several claims told in one line: what it did (`parts`), then the claims
        it left because somebody changed them meanwhile, and by whom."""
        if conflicts:
            who = sorted({_who(r.updated_by, self.user) for r in conflicts})
            parts += [f"; {len(conflicts):,} not: changed meanwhile by ", *_names(who), " (they show that change)"]
        parts.append(".")
        return notice(*parts, severity="warning" if conflicts else "information")

    # ------------------------------------------------------------------ assignments

    def assignment_saved(self, claims: Sequence[QueueRow], checker: str | None, changed: Sequence[ClaimRow],
                         unchanged: Sequence[ClaimRow], conflicts: Sequence[ClaimRow]) -> Notice:
        """An assignment came back (`t`, `T`): the claims show who holds them now, one undo gives
        them back to who held them, and the checker is told what was so already or refused."""
        said = self._assign_notice(claims, checker, changed, unchanged, conflicts)
        held = {c.id: c.assignee for c in claims}
        for row in changed:
            self._own.add((row.id, row.version))
        self.update([*changed, *unchanged, *conflicts])
        if changed:
            self.undo.append(UndoStep(tuple((r.id, held.get(r.id) or "", r.version) for r in changed), kind="assign"))
        self.marked.clear()
        return said

    def _assign_notice(self, claims: Sequence[QueueRow], checker: str | None, changed: Sequence[ClaimRow],
                       unchanged: Sequence[ClaimRow], conflicts: Sequence[ClaimRow]) -> Notice:
        to = _holder(checker, self.user)
        if len(claims) == 1 and conflicts:
            return self.conflict_notice(conflicts[0], ["assigned to ", *to] if checker is not None else ["unassigned"])
        if len(claims) == 1 and unchanged:
            if checker is None:
                return notice(f"Claim #{unchanged[0].id}: nobody holds it already.")
            return notice(f"Claim #{unchanged[0].id} is ", *_holder(checker, self.user, owner=True), " already.")
        if len(claims) == 1 and changed:
            r = changed[0]
            if checker is None:
                return notice(f"Claim #{r.id}: nobody holds it now. ctrl+z gives it back.")
            return notice(f"Claim #{r.id} assigned to ", *to, ". ctrl+z takes it back.")
        parts: list[str] = ([f"{plural(len(changed), 'claim')} assigned to ", *to] if checker is not None
                            else [f"{plural(len(changed), 'claim')} unassigned"])
        if unchanged:
            parts.append(f"; {len(unchanged):,} {'held by them' if checker is not None else 'held by nobody'} already")
        return self._summary(parts, conflicts)

    # ------------------------------------------------------------------ undo

    def pop_undo(self) -> UndoStep | None:
        return self.undo.pop() if self.undo else None

    def undo_saved(self, step: UndoStep, saved: Sequence[ClaimRow], conflicts: Sequence[ClaimRow]) -> Notice:
        for row in saved:
            self._own.add((row.id, row.version))
        self.update([*saved, *conflicts])
        parts: list[str]
        if step.kind == "confirm":
            what = f"claim #{step.entries[0][0]}" if len(step.entries) == 1 else plural(len(saved), "claim")
            parts = [f"Undone: the confirmation of the source of {what} is withdrawn."]
        elif step.kind == "assign" and len(step.entries) == 1 and saved:
            claim_id, before, _v = step.entries[0]
            parts = [f"Undone: claim #{claim_id} is ", *_holder(before or None, self.user), " again."]
        elif step.kind == "status" and len(step.entries) == 1 and saved:
            claim_id, before, _v = step.entries[0]
            parts = [f"Undone: claim #{claim_id} is {Status(before).label} again."]
        else:
            parts = [f"Undone on {plural(len(saved), 'claim')}."]
        if not conflicts:
            return notice(*parts)
        who = sorted({_who(r.updated_by, self.user) for r in conflicts})
        return notice(*parts, f" Not undone on {plural(len(conflicts), 'claim')}: changed meanwhile by ", *_names(who), ".",
                      severity="warning")

    def undo_failed(self, step: UndoStep, message: str) -> Notice:
        self.undo.append(step)  # still there to try again
        return notice("Not undone: ", Data(message), severity="error")

    # ------------------------------------------------------------------ others' changes

    def changed_elsewhere(self, rows: Sequence[ClaimRow]) -> Notice | None:
        """Claims changed in the database since the last look: shown as they now are; a notice
        says who changed what (our own writes, from this window, are not news)."""
        others: list[ClaimRow] = []
        before: dict[int, QueueRow] = {}
        for row in rows:
            known = self.rows.get(row.id)
            read = self._pending[row.id][0] if row.id in self._pending else known
            if known is None or read is None or row.version <= read.version or (row.id, row.version) in self._own:
                continue
            if row.updated_by == self.user and row.id in self._pending:
                continue  # our own save, seen before it came back: it says how it ended
            before[row.id] = known
            self.update([row])
            if row.updated_by != self.user:
                others.append(row)
        if not others:
            return None
        if len(others) == 1:
            r = others[0]
            return notice(f"Claim #{r.id}: ", Data(_who(r.updated_by, self.user)), *what_changed(before[r.id], r, self.user),
                          f"{_when(r)}.")
        who = sorted({_who(r.updated_by, self.user) for r in others})
        given = sum(1 for r in others if r.assignee == self.user and before[r.id].assignee != self.user)
        to_me = f"; {given:,} of them assigned to you" if given else ""
        return notice(f"{plural(len(others), 'claim')} changed by ", *_names(who), f"{to_me}.")


def _attempted(attempted: str | Sequence[str]) -> list[str]:
    return [attempted] if isinstance(attempted, str) else list(attempted)


def _holder(name: str | None, me: str, *, owner: bool = False) -> list[str]:
    """Who holds a claim, in words: you, a colleague's name (as data), or nobody."""
    if name is None:
        return ["held by nobody" if owner else "nobody"]
    if name == me:
        return ["yours" if owner else "you"]
    return [Data(name), "'s"] if owner else [Data(name)]


def _names(names: Sequence[str]) -> list[str]:
    """Names as data, separated by our commas."""
    out: list[str] = []
    for i, name in enumerate(names):
        if i:
            out.append(", ")
        out.append(Data(name))
    return out


def _group_key(r: QueueRow, by: str) -> object:
    """The group a row falls in, as something quick to hash and to sort (one kind per `by`)."""
    if by == "article":
        return r.article_id
    if by == "source":
        return r.source_name if r.attributed and r.source_name else ""
    if by == "kind":
        return (r.source_kind if r.attributed else None) or ""
    if by == "status":
        return _STATUS_ORDER.get(r.status, 99)
    if by == "checker":
        return r.assignee or ""
    if by == "language":
        return r.language
    return _band(r.checkworthiness)


def _band(score: float) -> int:
    return 0 if score >= 0.6 else 1 if score >= 0.35 else 2


def _group_label(r: QueueRow, by: str) -> tuple[str, ...]:
    """A heading's label: our words, and the data in it isolated (an Arabic title must not
    carry the count after it into its own direction)."""
    if by == "article":
        return (Data(r.article_title),) if r.article_title else (f"article #{r.article_id}",)
    if by == "source":
        return (Data(r.source_name),) if r.attributed and r.source_name else ("no source: the publisher's own voice",)
    if by == "kind":
        return ((r.source_kind if r.attributed else None) or "no source",)
    if by == "status":
        st = Status(r.status)
        return (f"{st.label} · ", Data(st.label_ar))
    if by == "checker":
        return (Data(r.assignee),) if r.assignee else ("nobody: not assigned",)
    if by == "language":
        return (r.language,)
    return (("check-worthy ≥ 0.6", "check-worthy 0.35–0.6", "check-worthy < 0.35")[_band(r.checkworthiness)],)
