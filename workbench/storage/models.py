"""Every table, in one place (SQLModel's code-structure advice).

Stored text is exactly what was ingested; offsets (`start`, `end`) are Python str offsets into
`Article.text`. History is append-only: a status change adds a `StatusChange` row and bumps
`Claim.version`, which writers check so that two checkers never overwrite each other silently.
A claim's source stays the analyzer's guess (with its `attribution_confidence`) until a checker
confirms it or chooses another (`source_confirmed_by`/`_at`; see `workbench.services.confirm`).
A claim may be assigned to a checker (`assignee`, with who assigned it and when); each change of
assignment moves its version on like a verdict and adds an `AssignmentChange` row.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from enum import Enum

from sqlalchemy import BigInteger, Column, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


CONFIDENT = 0.8  # an attribution confidence at or above this is "confident"


def stored_confidence(value: float | None) -> float | None:
    """A confidence fit to store and to print as JSON: within 0-1, and None (unknown) for what is
    not a number at all (NaN, infinity, None), never NaN."""
    if value is None or not math.isfinite(value):
        return None
    return min(1.0, max(0.0, float(value)))


class Status(str, Enum):
    unchecked = "unchecked"
    in_progress = "in_progress"
    verified = "verified"
    disputed = "disputed"
    false = "false"
    misleading = "misleading"
    unverifiable = "unverifiable"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self][0]

    @property
    def label_ar(self) -> str:
        return STATUS_LABELS[self][1]

    @classmethod
    def parse(cls, value: str) -> Status:
        """Accept the value, the English label, the Arabic label or a dash/space spelling."""
        v = value.strip().lower().replace("-", "_").replace(" ", "_")
        for status in cls:
            if v in (status.value, status.label.lower().replace(" ", "_")) or value.strip() == status.label_ar:
                return status
        names = ", ".join(s.value for s in cls)
        raise ValueError(f"unknown status {value!r} (one of: {names})")


STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.unchecked: ("Unchecked", "لم يُتحقَّق منه"),
    Status.in_progress: ("In progress", "قيد التحقق"),
    Status.verified: ("Verified", "صحيح"),
    Status.disputed: ("Disputed", "محل خلاف"),
    Status.false: ("False", "زائف"),
    Status.misleading: ("Misleading", "مضلِّل"),
    Status.unverifiable: ("Unverifiable", "لا يمكن التحقق منه"),
}


class Article(SQLModel, table=True):
    __tablename__ = "article"

    id: int | None = Field(default=None, primary_key=True)
    content_hash: str = Field(max_length=64, unique=True, index=True)
    title: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    text: str = Field(sa_column=Column(Text, nullable=False))
    language: str = Field(default="und", max_length=8)
    url: str | None = Field(default=None, sa_column=Column(Text))
    author: str | None = Field(default=None, sa_column=Column(Text))
    published: str | None = Field(default=None, max_length=64)
    feed_source: str | None = Field(default=None, max_length=200)
    publisher_id: int | None = Field(default=None, foreign_key="source.id", index=True)
    publisher_mention: str | None = Field(default=None, sa_column=Column(Text))
    origin: str | None = Field(default=None, sa_column=Column(Text))
    encoding: str | None = Field(default=None, max_length=32)
    ingested_at: datetime = Field(default_factory=utcnow)


class Source(SQLModel, table=True):
    __tablename__ = "source"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200, unique=True, index=True)
    canonical: str = Field(sa_column=Column(Text, nullable=False))
    kind: str = Field(max_length=32)
    reliability: str = Field(default="unknown", max_length=32)
    aliases: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))
    domains: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))
    is_candidate: bool = Field(default=False, index=True)
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: datetime = Field(default_factory=utcnow)


class Claim(SQLModel, table=True):
    __tablename__ = "claim"
    __table_args__ = (UniqueConstraint("article_id", "seq", name="uq_claim_article_seq"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    seq: int
    start: int
    end: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    attributed: bool = False
    source_id: int | None = Field(default=None, foreign_key="source.id", index=True)
    source_kind: str | None = Field(default=None, max_length=32)
    mention: str | None = Field(default=None, sa_column=Column(Text))
    mention_start: int | None = None
    mention_end: int | None = None
    cue: str | None = Field(default=None, max_length=100)
    rests_on_media: bool = False
    checkworthiness: float = 0.0
    features: str = Field(default="", max_length=200)
    status: str = Field(default=Status.unchecked.value, max_length=20, index=True)
    norm: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # folded, for search
    seen_before_id: int | None = Field(default=None, foreign_key="claim.id", index=True)
    seen_similarity: float | None = None
    version: int = 1
    updated_at: datetime | None = None
    updated_by: str | None = Field(default=None, max_length=100)
    # How sure the analyzer was of its attribution (a source or the publisher's own voice), 0-1, as
    # stored at ingest; None for claims stored before the analyzer gave one.
    attribution_confidence: float | None = None
    # Who confirmed the claim's attribution, and when: set by a confirmation and by a checker's
    # choice of another source; None while the attribution is the analyzer's guess.
    source_confirmed_by: str | None = Field(default=None, max_length=100)
    source_confirmed_at: datetime | None = None
    # The checker who holds the claim (None: nobody), who gave it to them and when; see
    # `workbench.services.assignment`. Cleared, all three, when the claim is unassigned.
    assignee: str | None = Field(default=None, max_length=100, index=True)
    assigned_by: str | None = Field(default=None, max_length=100)
    assigned_at: datetime | None = None


class StatusChange(SQLModel, table=True):
    __tablename__ = "status_change"

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    at: datetime = Field(default_factory=utcnow)
    user: str = Field(max_length=100)
    from_status: str = Field(max_length=20)
    to_status: str = Field(max_length=20)


class AssignmentChange(SQLModel, table=True):
    """A claim given to a checker, taken from one, or passed on: who did it, when, from whom to
    whom (None: nobody). Append-only, like `StatusChange`."""

    __tablename__ = "assignment_change"

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    at: datetime = Field(default_factory=utcnow)
    user: str = Field(max_length=100)
    from_assignee: str | None = Field(default=None, max_length=100)
    to_assignee: str | None = Field(default=None, max_length=100)


class SourceChange(SQLModel, table=True):
    """A change to a source, which every claim citing it shows to the whole team: its rating, its
    name, its kind, its acceptance into the registry, a merge. Append-only, like `StatusChange`."""

    __tablename__ = "source_change"

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True)
    at: datetime = Field(default_factory=utcnow)
    user: str = Field(max_length=100)
    what: str = Field(max_length=20)  # reliability | name | kind | accepted | merged
    old: str | None = Field(default=None, sa_column=Column(Text))
    new: str | None = Field(default=None, sa_column=Column(Text))


class KnownImage(SQLModel, table=True):
    """A photo whose provenance is known: the bank suspect photos are checked against."""

    __tablename__ = "known_image"

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(max_length=64, unique=True, index=True)
    path: str = Field(sa_column=Column(Text, nullable=False))
    source: str | None = Field(default=None, sa_column=Column(Text))
    first_seen: str | None = Field(default=None, max_length=64)
    caption: str | None = Field(default=None, sa_column=Column(Text))
    url: str | None = Field(default=None, sa_column=Column(Text))
    exif_date: str | None = Field(default=None, max_length=64)
    camera: str | None = Field(default=None, max_length=200)
    gps_lat: float | None = None
    gps_lon: float | None = None
    width: int = 0
    height: int = 0
    format: str = Field(default="", max_length=16)
    size_bytes: int = 0
    ph: int = Field(sa_column=Column(BigInteger, nullable=False))
    ph_trim: int = Field(sa_column=Column(BigInteger, nullable=False))
    ph_center: int = Field(sa_column=Column(BigInteger, nullable=False))
    dh: int = Field(sa_column=Column(BigInteger, nullable=False))
    pdq: str | None = Field(default=None, max_length=64)
    pdq_quality: int = 0
    thumb: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    trimmed: bool = False
    # Up to 128 ORB keypoints of the trimmed picture (workbench.images.features.pack); NULL for
    # photos registered before local features existed.
    features: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    added_at: datetime = Field(default_factory=utcnow)
    added_by: str = Field(default="", max_length=100)


class Evidence(SQLModel, table=True):
    """Evidence on a claim: a photo checked against the bank, its outcome, a link or a note.
    Append-only, like the status history: a new row records a new finding or outcome."""

    __tablename__ = "evidence"

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    kind: str = Field(max_length=20)  # image_check | image_outcome | link | note
    path: str | None = Field(default=None, sa_column=Column(Text))
    sha256: str | None = Field(default=None, max_length=64)
    known_image_id: int | None = Field(default=None, foreign_key="known_image.id", index=True)
    distance: int | None = None
    correlation: float | None = None
    verdict: str | None = Field(default=None, max_length=20)  # match | possible | none
    outcome: str | None = Field(default=None, max_length=20)  # same | not_same
    url: str | None = Field(default=None, sa_column=Column(Text))
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    user: str = Field(max_length=100)
    at: datetime = Field(default_factory=utcnow)


class ClaimKey(SQLModel, table=True):
    """Blocking keys for finding a claim seen before: hashes of pairs of its longest words.
    Two reports of the same story share them, whatever else the wording does."""

    __tablename__ = "claim_key"
    # Derived data, written by ingest in the transaction of its claims (and made again from the
    # claims by `ClaimKeys.recover`): no surrogate id and no foreign key, whose checks cost the
    # server more than the rows themselves; claims are never deleted. SQLite keeps the rows in
    # their primary key's own B-tree (WITHOUT ROWID) instead of a second one beside the table.
    __table_args__ = {"sqlite_with_rowid": False}

    claim_id: int = Field(primary_key=True)
    key: int = Field(sa_column=Column(BigInteger, primary_key=True, index=True))
