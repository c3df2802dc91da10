"""The detail panel: the selected claim's source, cue, status, evidence and history.

Every value goes through the display path (`Shown`): wrapped at the panel's width first, then
reordered line by line, so a long Arabic mention or note reads in order at any size, and what
comes from the database (names, notes, user names) is isolated and shown with its controls
visible, never as markup. The panel scrolls and takes the focus (`tab`), so its last lines are
reachable on a small terminal."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from workbench.services.claims import ClaimRow, HistoryEntry, QueueRow
from workbench.storage.models import Status
from workbench.text.display import Data
from workbench.tui.shown import Part, Shown
from workbench.tui.widgets.claim_queue import CONFIDENT, STATUS_STYLE

RELIABILITY_STYLE = {"credible": "green", "mixed": "yellow", "not credible": "red", "unknown": "dim"}


def evidence_parts(e: Any) -> list[Part]:
    """One line of evidence, in our words around its data."""
    parts: list[Part] = [(f"{e.at:%Y-%m-%d %H:%M}  ", "dim"), (Data(e.user), "dim"), "  "]
    known = f"known image #{e.known_image_id}" if e.known_image_id else ""
    provenance = [Data(p) for p in (getattr(e, "known_source", None), getattr(e, "known_first_seen", None),
                                    getattr(e, "known_caption", None)) if p]
    if e.kind == "image_check":
        if not e.known_image_id:
            parts.append("photo checked: nothing in the bank looks like it")
        else:
            parts.append((f"photo {e.verdict}: {known} (distance {e.distance})", "bold red" if e.verdict == "match" else ""))
    elif e.kind == "image_outcome":
        parts.append((f"{'the same image as' if e.outcome == 'same' else 'not the same as'} {known or 'a known image'}", "bold"))
    elif e.kind == "link":
        parts += ["link: ", Data(e.url or "")]
        if e.note:
            parts += [" — ", Data(e.note)]
    elif e.kind == "source":
        parts += ["source chosen: ", Data(e.note)]
    elif e.kind == "source_confirmed":
        parts += [("source confirmed: ", "green"), Data(e.note)]
    elif e.kind == "source_unconfirmed":
        parts += ["source confirmation withdrawn: ", Data(e.note)]
    else:
        parts += [f"{e.kind}: ", Data(e.note or e.url or "")]
    if provenance and e.kind in ("image_check", "image_outcome"):
        parts.append(" — ")
        for i, p in enumerate(provenance):
            parts += [", " if i else "", p]
    if e.note and e.kind in ("image_check", "image_outcome"):
        parts += [": ", Data(e.note)]
    return parts


def attribution_parts(c: ClaimRow | QueueRow) -> list[Part]:
    """Who vouches for the claim's source: a checker (who, when), or the analyzer (how sure)."""
    if c.source_confirmed:
        by = getattr(c, "source_confirmed_by", None)
        at = getattr(c, "source_confirmed_at", None)
        parts: list[Part] = [("✓ confirmed", "bold green")]
        if by:
            parts += [" by ", Data(by)]
        if at is not None:
            parts.append(f", {at:%Y-%m-%d %H:%M}")
        return parts
    conf = c.attribution_confidence
    if conf is None:
        return [("? the analyzer's guess, with no confidence recorded", "bold yellow"), ("  a: confirm", "dim")]
    sure = conf >= CONFIDENT
    return [(f"{'·' if sure else '?'} the analyzer's guess, confidence {conf:.2f}", "dim" if sure else "bold yellow"),
            ("  a: confirm", "dim")]


def holder_parts(c: ClaimRow | QueueRow) -> list[Part]:
    """Who holds the claim: the checker, who gave it to them (unless they took it) and when (once
    read whole); or nobody."""
    if c.assignee is None:
        return [("nobody", "dim"), ("  t / T: assign", "dim")]
    parts: list[Part] = [(Data(c.assignee), "bold")]
    by = getattr(c, "assigned_by", None)
    at = getattr(c, "assigned_at", None)
    if by and by != c.assignee:
        parts += [("  by ", "dim"), (Data(by), "dim")]
    if at is not None:
        parts.append((f"{',' if by and by != c.assignee else ' '} {at:%Y-%m-%d %H:%M}", "dim"))
    return parts


class ClaimDetail(VerticalScroll, can_focus=True):
    DEFAULT_CSS = """
    ClaimDetail { height: auto; }
    ClaimDetail:focus { background: $boost; }
    """

    def __init__(self, *, bidi: bool, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.bidi = bidi
        self.claim: ClaimRow | QueueRow | None = None
        self.history: list[HistoryEntry] = []
        self.evidence: list[Any] = []
        self.assignments: list[Any] = []
        self._history_for: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("No claim selected.", style="dim"), id="detail-body")

    def show_claim(self, claim: ClaimRow | QueueRow | None, history: list[HistoryEntry] | None = None,
                   evidence: list[Any] | None = None, assignments: list[Any] | None = None) -> None:
        """Show a claim: from its queue row at once; read whole, with its history, evidence and
        assignments, when they come (they stay while the same claim is shown)."""
        self.claim = claim
        if history is not None:
            self.history = history
            self.evidence = evidence or []
            self.assignments = assignments or []
        elif claim is None or claim.id != self._history_for:
            self.history = []
            self.evidence = []
            self.assignments = []
        self._history_for = claim.id if claim else None
        self.query_one("#detail-body", Static).update(self.render_claim())

    def _shown(self, *parts: Part) -> Shown:
        return Shown(*parts, bidi=self.bidi)

    def render_claim(self) -> RenderableType:
        c = self.claim
        if c is None:
            return Text("No claim selected.", style="dim")
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(ratio=1)
        st = Status(c.status)
        grid.add_row("Status", self._shown((st.label, STATUS_STYLE.get(c.status, "")), " ", Data(st.label_ar)))
        grid.add_row("Checker", self._shown(*holder_parts(c)))
        if c.source_name is None:
            grid.add_row("Source", self._shown(("none found", "dim")))
        elif not c.attributed:
            grid.add_row("Source", self._shown(Data(c.source_name), ("  (the publisher's own voice)", "dim")))
        else:
            src: list[Part] = [Data(c.source_name), (f"  [{c.source_kind}]", "cyan")]
            if c.source_is_candidate:
                src.append(("  new source", "italic yellow"))
            grid.add_row("Source", self._shown(*src))
            rel = c.source_reliability or "unknown"
            grid.add_row("Reliability", self._shown((rel, RELIABILITY_STYLE.get(rel, ""))))
        if c.source_name is not None or c.attributed:
            grid.add_row("Attribution", self._shown(*attribution_parts(c)))
            if isinstance(c, ClaimRow) and c.mention:
                grid.add_row("Mention", self._shown(Data(c.mention)))
        # A queue row has no cue, positions or earlier verdict: they follow when the claim is read whole.
        whole = c if isinstance(c, ClaimRow) else None
        if whole is not None and whole.cue:
            grid.add_row("Cue", self._shown(Data(whole.cue)))
        if whole is not None and whole.seen_before:
            sb = whole.seen_before
            seen: list[Part] = [(f"claim #{sb['claim_id']}: ", "bold"),
                                (sb["status_label"], "bold magenta" if sb["status"] not in ("unchecked", "in_progress") else "dim")]
            if sb.get("updated_at"):
                seen.append(f", {str(sb['updated_at'])[:10]}")
            if sb.get("article_title"):
                seen += [("  in ", "dim"), (Data(sb["article_title"]), "dim")]
            grid.add_row("Seen before", self._shown(*seen))
        worth: list[Part] = [f"{c.checkworthiness:.2f}"]
        if c.features:
            worth.append(("  " + ", ".join(c.features), "dim"))
        grid.add_row("Check-worthy", self._shown(*worth))
        if c.rests_on_media:
            grid.add_row("Media", self._shown(("rests on a photo or video: check it (i)", "bold yellow")))
        grid.add_row("Article", self._shown(Data(c.article_title) if c.article_title else f"#{c.article_id}"))
        where = f", characters {whole.start}–{whole.end}" if whole is not None else ""
        grid.add_row("Claim", self._shown((f"#{c.id}{where}", "dim")))
        if self.evidence:
            lines: list[Part] = []
            for i, e in enumerate(self.evidence[-8:]):
                if i:
                    lines.append("\n")
                lines += evidence_parts(e)
            grid.add_row("Evidence", self._shown(*lines))
        # Verdicts and assignments, newest first (a verdict before an assignment made at the same moment).
        changes = sorted([(h.at, 0, h) for h in self.history] + [(a.at, 1, a) for a in self.assignments],
                         key=lambda e: (e[0], e[1]))
        hist: list[Part] = []
        for i, (_at, kind, h) in enumerate(reversed(changes[-8:])):
            if i:
                hist.append("\n")
            hist += [(f"{h.at:%Y-%m-%d %H:%M}  ", "dim"), (Data(h.user), "dim")]
            if kind == 0:
                hist.append(f"  {Status(h.from_status).label} → {Status(h.to_status).label}")
            elif h.to_assignee is None:
                hist += ["  unassigned it (", Data(h.from_assignee or ""), " had it)"]
            elif h.to_assignee == h.user:
                hist.append("  took it")
            else:
                hist += ["  assigned it to ", Data(h.to_assignee)]
        grid.add_row("History", self._shown(*hist) if hist else Text("no changes yet", style="dim"))
        return Group(grid)
