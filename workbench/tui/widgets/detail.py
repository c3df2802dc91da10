"""The detail panel: the selected claim's source, cue, status and history."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from workbench.services.claims import ClaimRow, HistoryEntry, QueueRow
from workbench.storage.models import Status
from workbench.text.display import display_line
from workbench.tui.widgets.claim_queue import status_cell

RELIABILITY_STYLE = {"credible": "green", "mixed": "yellow", "not credible": "red", "unknown": "dim"}


class ClaimDetail(Static):
    def __init__(self, *, bidi: bool, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.bidi = bidi
        self.claim: ClaimRow | QueueRow | None = None
        self.history: list[HistoryEntry] = []
        self.evidence: list[Any] = []

    def _line(self, text: str, width: int = 60) -> str:
        return display_line(text, width, self.bidi)

    def show_claim(self, claim: ClaimRow | QueueRow | None, history: list[HistoryEntry] | None = None,
                   evidence: list[Any] | None = None) -> None:
        self.claim = claim
        if history is not None:
            self.history = history
            self.evidence = evidence or []
        elif claim is None or (claim.id != getattr(self, "_history_for", None)):
            self.history = []
            self.evidence = []
        self._history_for = claim.id if claim else None
        self.update(self._render_claim())

    def _render_claim(self) -> Group | Text:
        c = self.claim
        if c is None:
            return Text("No claim selected.", style="dim")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        st = Status(c.status)
        status = status_cell(c.status)
        status.append("  ")
        status.append(self._line(st.label_ar, 30))
        grid.add_row("Status", status)
        if c.source_name is None:
            grid.add_row("Source", Text("none found", style="dim"))
        elif not c.attributed:
            grid.add_row("Source", Text(self._line(c.source_name) + "  (publisher's own voice)"))
        else:
            src = Text(self._line(c.source_name))
            src.append(f"  [{c.source_kind}]", style="cyan")
            if c.source_is_candidate:
                src.append("  new source", style="italic yellow")
            grid.add_row("Source", src)
            grid.add_row("Reliability", Text(c.source_reliability or "unknown",
                                             style=RELIABILITY_STYLE.get(c.source_reliability or "unknown", "")))
            if isinstance(c, ClaimRow) and c.mention:
                grid.add_row("Mention", Text(self._line(c.mention)))
        # A queue row has no cue, positions or earlier verdict: they follow when the claim is read whole.
        whole = c if isinstance(c, ClaimRow) else None
        if whole is not None and whole.cue:
            grid.add_row("Cue", Text(self._line(whole.cue, 30)))
        if whole is not None and whole.seen_before:
            sb = whole.seen_before
            seen = Text(f"claim #{sb['claim_id']}: ", style="bold")
            seen.append(sb["status_label"], style="bold magenta" if sb["status"] not in ("unchecked", "in_progress") else "dim")
            if sb.get("updated_at"):
                seen.append(f", {str(sb['updated_at'])[:10]}")
            seen.append("  in " + self._line(sb.get("article_title") or "", 40), style="dim")
            grid.add_row("Seen before", seen)
        worth = Text(f"{c.checkworthiness:.2f}")
        if c.features:
            worth.append("  " + ", ".join(c.features), style="dim")
        grid.add_row("Check-worthy", worth)
        if c.rests_on_media:
            grid.add_row("Media", Text("rests on a photo or video: check it", style="bold yellow"))
        grid.add_row("Article", Text(self._line(c.article_title or f"#{c.article_id}")))
        where = f", characters {whole.start}–{whole.end}" if whole is not None else ""
        grid.add_row("Claim", Text(f"#{c.id}{where}", style="dim"))
        if self.evidence:
            ev = Text()
            for e in self.evidence[-6:]:
                ev.append(f"{e.at:%Y-%m-%d %H:%M}  {e.user}  ", style="dim")
                if e.kind == "image_check":
                    what = f"photo {e.verdict}" + (f" known #{e.known_image_id} (distance {e.distance})" if e.known_image_id else "")
                    ev.append(what + "\n", style="bold red" if e.verdict == "match" else "")
                elif e.kind == "image_outcome":
                    ev.append(("same image as" if e.outcome == "same" else "not the same as")
                              + (f" known #{e.known_image_id}" if e.known_image_id else " the bank") + "\n", style="bold")
                else:
                    ev.append(f"{e.kind}: {e.note or e.url or ''}\n")
            grid.add_row("Evidence", ev)
        hist = Text()
        if self.history:
            for h in reversed(self.history[-8:]):
                hist.append(f"{h.at:%Y-%m-%d %H:%M}  {h.user}  ", style="dim")
                hist.append(f"{Status(h.from_status).label} → {Status(h.to_status).label}\n")
        else:
            hist.append("no changes yet", style="dim")
        grid.add_row("History", hist)
        return Group(grid)
