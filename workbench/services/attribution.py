"""A claim's attribution as a checker vouches for it: confirming the analyzer's source, withdrawing
that, and the history of both.

The analyzer's source for a claim (or its decision that the claim is the publisher's own voice)
is a guess, with a confidence, until a checker confirms it or chooses another source
(`workbench.services.sources.reassign_source`, which confirms its choice). Only a confirmed
attribution is published as the claim's author (`export -f claimreview`).

Each change is a change of the claim like a verdict: written with who and when, recorded in its
history (an evidence row: kinds in `ATTRIBUTION_KINDS`), and version-checked, so that a claim
somebody else changed since it was read is refused and returned as it now is, never overwritten.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, or_, select, update
from sqlmodel import Session

from workbench.config import current_user
from workbench.services.claims import ClaimChanges, ClaimRow
from workbench.storage.db import Database
from workbench.storage.models import CONFIDENT, Claim, Evidence, Source, utcnow

REATTRIBUTED = "source"  # a checker chose another source: "A → B" (also a confirmation of B)
CONFIRMED = "source_confirmed"  # a checker confirmed the attribution: the source's name
UNCONFIRMED = "source_unconfirmed"  # a checker withdrew a confirmation: the source's name
ATTRIBUTION_KINDS = (REATTRIBUTED, CONFIRMED, UNCONFIRMED)
OWN_VOICE = "no external source (the publisher's own voice)"


def attribution_words(attributed: bool, source_name: str | None) -> str:
    """What a confirmation is about: the source, or that the claim has none of its own."""
    return source_name if attributed and source_name else OWN_VOICE


AttributionResult = ClaimChanges  # what one confirmation (or withdrawal) over several claims did


def confirm_sources(db: Database, claims: Sequence[tuple[int, int | None]], *, user: str | None = None) -> AttributionResult:
    """Confirm the attribution of several claims, each `(id, version read)` (None: no check), in one
    transaction: a claim with a source gets it confirmed, a claim in the publisher's own voice is
    confirmed to have no external source. Each confirmation moves the claim's version on and is
    recorded in its history with who, when and which source. A claim somebody changed since it was
    read is left as it is (`conflicts`); one already confirmed, by anyone, is left as it is
    (`unchanged`: its `source_confirmed_by` says who). Undo a confirmation with `unconfirm_sources`
    over `changed`, with their new versions."""
    return _apply(db, claims, user, confirm=True)


def unconfirm_sources(db: Database, claims: Sequence[tuple[int, int | None]], *, user: str | None = None) -> AttributionResult:
    """Withdraw the confirmation of several claims' attributions (the undo of `confirm_sources`):
    their sources become the analyzer's guess again — not published as the claim's author, listed
    among the unconfirmed — and are otherwise left as they are (a source a checker chose stays the
    claim's source; choose another with `reassign_source`). Version-checked and recorded like a
    confirmation; a claim not confirmed is left as it is (`unchanged`)."""
    return _apply(db, claims, user, confirm=False)


def confirm_source(db: Database, claim_id: int, *, user: str | None = None, expected_version: int | None = None) -> ClaimRow:
    """Confirm one claim's attribution (see `confirm_sources`) and return the claim as it now is.
    Raises NotFound, or ConflictError (carrying the claim as it now is) if somebody changed it
    since `expected_version` was read."""
    return confirm_sources(db, [(claim_id, expected_version)], user=user).one(claim_id)


def unconfirm_source(db: Database, claim_id: int, *, user: str | None = None, expected_version: int | None = None) -> ClaimRow:
    """Withdraw one claim's confirmation (see `unconfirm_sources`); raises as `confirm_source`."""
    return unconfirm_sources(db, [(claim_id, expected_version)], user=user).one(claim_id)


def _apply(db: Database, claims: Sequence[tuple[int, int | None]], user: str | None, *, confirm: bool) -> AttributionResult:
    who = current_user(user)
    wanted = {cid: (confirm, expected) for cid, expected in claims}
    result = AttributionResult()
    if not wanted:
        return result
    with db.session(write=True) as s:
        current = {
            r[0]: r for r in s.execute(
                select(Claim.id, Claim.version, Claim.source_confirmed_at, Claim.attributed, Source.canonical)
                .outerjoin(Source, Source.id == Claim.source_id)
                .where(Claim.id.in_(list(wanted)))
            ).all()
        }
        now_ts = utcnow()
        sorted_ids = result.sort(wanted, current, lambda row, yes: (row[2] is not None) == yes,
                                 lambda row, yes: _write(s, row[0], row[1], row[3], row[4], who, now_ts, confirm=yes))
        s.commit()
    return result.fill(db, *sorted_ids)


def _write(s: Session, claim_id: int, version: int, attributed: bool, source_name: str | None, who: str,
           at: datetime, *, confirm: bool) -> bool:
    """One claim's confirmation (or its withdrawal) with its history entry, if the claim is still at
    `version`."""
    done = s.execute(
        update(Claim).where(and_(Claim.id == claim_id, Claim.version == version)).values(
            source_confirmed_by=who if confirm else None, source_confirmed_at=at if confirm else None,
            version=version + 1, updated_at=at, updated_by=who)
    )
    if done.rowcount != 1:
        return False
    s.add(Evidence(claim_id=claim_id, kind=CONFIRMED if confirm else UNCONFIRMED,
                   note=attribution_words(attributed, source_name), user=who, at=at))
    return True


@dataclass(slots=True)
class AttributionEvent:
    """One change of a claim's attribution in its history."""

    at: datetime
    user: str
    kind: str  # one of ATTRIBUTION_KINDS
    note: str  # "A → B" for a reattribution; the source's name (or OWN_VOICE) otherwise

    def describe(self) -> str:
        if self.kind == REATTRIBUTED:
            return f"source {self.note} (chosen, so confirmed)"
        if self.kind == CONFIRMED:
            return f"source confirmed: {self.note}"
        return f"source confirmation withdrawn: {self.note}"

    def to_json(self) -> dict[str, Any]:
        return {"at": self.at.isoformat(), "user": self.user, "change": self.kind, "note": self.note}


def attribution_history(db: Database, claim_id: int) -> list[AttributionEvent]:
    """Who reattributed, confirmed or withdrew the confirmation of a claim's source, when, oldest first."""
    with db.session() as s:
        rows = s.execute(
            select(Evidence.at, Evidence.user, Evidence.kind, Evidence.note)
            .where(Evidence.claim_id == claim_id, Evidence.kind.in_(ATTRIBUTION_KINDS))
            .order_by(Evidence.id)
        ).all()
    return [AttributionEvent(*r) for r in rows]


@dataclass(slots=True)
class ConfirmationCounts:
    confirmed: int  # attributions a checker confirmed or chose
    unconfirmed: int  # still the analyzer's guess
    unsure: int  # of those, the analyzer was less sure than `below`, or gave no figure

    def to_json(self) -> dict[str, int]:
        return {"confirmed": self.confirmed, "unconfirmed": self.unconfirmed, "unsure": self.unsure}


def confirmation_counts(db: Database, *, below: float = CONFIDENT) -> ConfirmationCounts:
    """How many attributions a checker confirmed, how many are guesses, and how many of those the
    analyzer was unsure of: what is left to look at, in one query."""
    guess = Claim.source_confirmed_at.is_(None)
    unsure = and_(guess, or_(Claim.attribution_confidence.is_(None), Claim.attribution_confidence < below))
    with db.session() as s:
        total, guesses, unsure_n = s.execute(select(
            func.count(), func.sum(case((guess, 1), else_=0)), func.sum(case((unsure, 1), else_=0)))
        ).one()
    return ConfirmationCounts(int(total) - int(guesses or 0), int(guesses or 0), int(unsure_n or 0))
