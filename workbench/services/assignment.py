"""Claims assigned to checkers: who holds which claim, who gave it to them, and what each checker
has left to check.

A claim is held by one checker or by nobody. Giving it to somebody, passing it on or taking it
back is a change of the claim like a verdict: written with who and when, recorded in its history
(an `AssignmentChange` row: from whom to whom), and version-checked, so that a claim somebody
else changed since it was read is refused and returned as it now is, never overwritten. Several
claims in one call are sorted claim by claim (`ClaimChanges`): those changed meanwhile are left
as they are and reported; the others are written, in one transaction.

The checkers a desk knows are the people its database has seen: everybody who gave a verdict, a
note, a rating or an assignment, and everybody who holds a claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, select, union, update

from workbench.config import current_user
from workbench.errors import WorkbenchError
from workbench.services.claims import ClaimChanges, ClaimRow, NotFound
from workbench.storage.db import Database
from workbench.storage.models import (
    Article,
    AssignmentChange,
    Claim,
    Evidence,
    SourceChange,
    Status,
    StatusChange,
    utcnow,
)

NAME_LENGTH = 100  # as the columns that hold a checker's name


def checker_name(raw: str) -> str:
    """A checker's name as typed, fit to store: surrounding spaces dropped; one clear error for
    a blank name or one longer than the database keeps."""
    from workbench.text.encoding import utf8_text

    name = utf8_text(raw).strip()
    if not name:
        raise WorkbenchError("a checker needs a name")
    if len(name) > NAME_LENGTH:
        raise WorkbenchError(f"a checker's name is at most {NAME_LENGTH} characters (this one has {len(name):,})")
    return name


def assign_claims(db: Database, claims: Sequence[tuple[int, int | None]], checker: str | None, *,
                  user: str | None = None) -> ClaimChanges:
    """Give several claims, each `(id, version read)` (None: no check), to `checker` (None:
    nobody, which takes them back). A claim somebody changed since it was read is left as it is
    (`conflicts`); one the checker already holds is left as it is (`unchanged`); a claim that
    does not exist is `missing`. Undo with `set_assignees` over `changed`, with what each held
    before and its new version."""
    name = checker_name(checker) if checker is not None else None
    return set_assignees(db, [(cid, name, version) for cid, version in claims], user=user)


def set_assignees(db: Database, changes: Sequence[tuple[int, str | None, int | None]], *,
                  user: str | None = None) -> ClaimChanges:
    """Give each claim its own checker, `(id, checker or None, version read)`, in one transaction
    (an undo gives several claims back to whoever held each). As `assign_claims` otherwise."""
    who = current_user(user)
    wanted = {cid: (checker_name(name) if name is not None else None, version) for cid, name, version in changes}
    result = ClaimChanges()
    if not wanted:
        return result
    with db.session(write=True) as s:
        current = {r[0]: r for r in s.execute(
            select(Claim.id, Claim.version, Claim.assignee).where(Claim.id.in_(list(wanted)))).all()}
        now = utcnow()
        sorted_ids = result.sort(wanted, current, lambda row, name: row[2] == name,
                                 lambda row, name: _write(s, row[0], row[1], row[2], name, who, now))
        s.commit()
    return result.fill(db, *sorted_ids)


def _write(s: Any, claim_id: int, version: int, holder: str | None, name: str | None, who: str, at: datetime) -> bool:
    """One claim's new holder with its history entry, if the claim is still at `version`."""
    done = s.execute(
        update(Claim).where(and_(Claim.id == claim_id, Claim.version == version)).values(
            assignee=name, assigned_by=who if name is not None else None, assigned_at=at if name is not None else None,
            version=version + 1, updated_at=at, updated_by=who)
    )
    if done.rowcount != 1:
        return False
    s.add(AssignmentChange(claim_id=claim_id, at=at, user=who, from_assignee=holder, to_assignee=name))
    return True


def assign_claim(db: Database, claim_id: int, checker: str | None, *, user: str | None = None,
                 expected_version: int | None = None) -> ClaimRow:
    """Give one claim to `checker` (None: nobody) and return it as it now is. Raises NotFound,
    or ConflictError (carrying the claim as it now is) if somebody changed it since
    `expected_version` was read."""
    return assign_claims(db, [(claim_id, expected_version)], checker, user=user).one(claim_id)


def article_claim_ids(db: Database, article_id: int) -> list[int]:
    """Every claim of an article, in its order (NotFound for an article that does not exist)."""
    with db.session() as s:
        if s.get(Article, article_id) is None:
            raise NotFound(f"no article with id {article_id}")
        return [int(i) for i in s.execute(
            select(Claim.id).where(Claim.article_id == article_id).order_by(Claim.seq, Claim.id)).scalars()]


# ---------------------------------------------------------------- history


@dataclass(slots=True)
class AssignmentEvent:
    """One change of who holds a claim, in its history."""

    at: datetime
    user: str
    from_assignee: str | None
    to_assignee: str | None

    def describe(self) -> str:
        if self.to_assignee is None:
            return f"unassigned (was {self.from_assignee})"
        if self.from_assignee is None:
            return f"assigned to {self.to_assignee}"
        return f"assigned to {self.to_assignee} (was {self.from_assignee})"

    def to_json(self) -> dict[str, Any]:
        return {"at": self.at.isoformat(), "user": self.user, "change": "assignee",
                "from": self.from_assignee, "to": self.to_assignee}


def assignment_history(db: Database, claim_id: int) -> list[AssignmentEvent]:
    """Who gave the claim to whom, or took it back, and when: oldest first."""
    with db.session() as s:
        rows = s.execute(
            select(AssignmentChange.at, AssignmentChange.user, AssignmentChange.from_assignee,
                   AssignmentChange.to_assignee)
            .where(AssignmentChange.claim_id == claim_id).order_by(AssignmentChange.id)
        ).all()
    return [AssignmentEvent(*r) for r in rows]


# ---------------------------------------------------------------- who holds what


@dataclass(slots=True)
class Load:
    """What one checker holds (or, with `checker` None, what nobody holds): claims still
    unchecked, in progress, and with a verdict."""

    checker: str | None
    unchecked: int = 0
    in_progress: int = 0
    done: int = 0

    @property
    def open(self) -> int:
        """Claims held with no verdict yet: what is left to check."""
        return self.unchecked + self.in_progress

    @property
    def total(self) -> int:
        return self.open + self.done

    def to_json(self) -> dict[str, Any]:
        return {"checker": self.checker, "unchecked": self.unchecked, "in_progress": self.in_progress,
                "done": self.done, "total": self.total}


@dataclass(slots=True)
class Workload:
    checkers: list[Load]  # every checker the database knows, those with most left to check first
    unassigned: Load  # the claims nobody holds

    def holding(self) -> list[Load]:
        """The checkers who hold any claim."""
        return [c for c in self.checkers if c.total]

    def to_json(self) -> dict[str, Any]:
        return {"checkers": [c.to_json() for c in self.checkers], "unassigned": self.unassigned.to_json()}


def workload(db: Database) -> Workload:
    """Who holds how many claims still to check (and how many they have done), every checker
    the database has seen, and what nobody holds: one query over the claims, one over the names."""
    unchecked = func.sum(case((Claim.status == Status.unchecked.value, 1), else_=0))
    progress = func.sum(case((Claim.status == Status.in_progress.value, 1), else_=0))
    with db.session() as s:
        counts = s.execute(select(Claim.assignee, unchecked, progress, func.count()).group_by(Claim.assignee)).all()
        names = _known_names(s)
    loads = {name: Load(name, int(u or 0), int(p or 0), int(n) - int(u or 0) - int(p or 0)) for name, u, p, n in counts}
    nobody = loads.pop(None, Load(None))
    for name in names:
        loads.setdefault(name, Load(name))
    ordered = sorted(loads.values(), key=lambda c: (-c.open, -c.total, (c.checker or "").casefold(), c.checker or ""))
    return Workload(ordered, nobody)


def known_checkers(db: Database) -> list[str]:
    """Everybody the database has seen at work, by name."""
    with db.session() as s:
        return sorted(_known_names(s), key=lambda n: (n.casefold(), n))


def _known_names(s: Any) -> set[str]:
    """Names of people who gave a verdict, a note or evidence, a rating, an assignment, or hold a
    claim (each column read for its distinct values)."""
    found = union(
        select(Claim.assignee.label("name")).distinct(), select(Claim.updated_by).distinct(),
        select(StatusChange.user).distinct(), select(Evidence.user).distinct(),
        select(AssignmentChange.user).distinct(), select(SourceChange.user).distinct(),
    ).subquery()
    return {n for n in s.execute(select(found.c.name)).scalars() if n and n.strip()}
