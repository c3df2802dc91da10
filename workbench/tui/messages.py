"""Typed messages: how workers report back to the UI thread."""

from __future__ import annotations

from typing import Any

from textual.message import Message

from workbench.services.claims import ArticleView, ClaimRow, HistoryEntry, QueueRow


class ClaimsLoaded(Message):
    def __init__(self, rows: list[QueueRow], total: int) -> None:
        super().__init__()
        self.rows = rows
        self.total = total


class ArticleLoaded(Message):
    def __init__(self, article: ArticleView, claims: list[ClaimRow]) -> None:
        super().__init__()
        self.article = article
        self.claims = claims


class HistoryLoaded(Message):
    """What the detail panel shows of the selected claim beyond its queue row: the claim read
    whole (with the earlier verdict of a repeat), its history and evidence."""

    def __init__(self, claim_id: int, history: list[HistoryEntry], evidence: list[Any] | None = None,
                 claim: ClaimRow | None = None) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.history = history
        self.evidence = evidence or []
        self.claim = claim


class ClaimSaved(Message):
    def __init__(self, row: ClaimRow, previous: str) -> None:
        super().__init__()
        self.row = row
        self.previous = previous


class WorkFailed(Message):
    """A notice from a worker: an error unless told otherwise."""

    def __init__(self, text: str, severity: str = "error") -> None:
        super().__init__()
        self.text = text
        self.severity = severity


class ClaimsChanged(Message):
    """Claims changed in the database since the last look (by other checkers, or other windows)."""

    def __init__(self, rows: list[ClaimRow]) -> None:
        super().__init__()
        self.rows = rows


class ClaimsAppended(Message):
    """The next page of the queue."""

    def __init__(self, rows: list[QueueRow]) -> None:
        super().__init__()
        self.rows = rows
