"""A suspect photo beside its match in the bank, with what is known of each; the checker says
whether they are the same image, and that goes on the claim as evidence.

Pictures are drawn by textual-image: Kitty graphics or Sixel where the terminal has them,
coloured half blocks elsewhere (over SSH, in tmux)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Static
from textual_image.widget import Image as ImageWidget

from workbench.services.claims import ClaimRow
from workbench.services.images import ImageMatch, MatchResult, record_image_outcome
from workbench.storage.db import Database
from workbench.text.display import display_lines, make_visible


def shown_path(path: str) -> str:
    """A path as short as it can be and still be found: relative to the working folder, or ~."""
    p = Path(path)
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        try:
            return prefix + str(p.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return str(p)


def paragraph(text: str, width: int, bidi: bool) -> Text:
    """Article text wrapped to `width`, in display order, right-aligned when right-to-left."""
    out = Text()
    for i, (cells, rtl) in enumerate(display_lines(" ".join(text.split()), width, bidi)):
        line = "".join(c.ch for c in cells)
        if i:
            out.append("\n")
        out.append(line.rjust(width) if rtl and bidi else line)
    return out


class OutcomeSaved(Message):
    def __init__(self, text: str, error: bool = False) -> None:
        super().__init__()
        self.text = text
        self.error = error


class ImageCompareScreen(Screen[bool]):
    BINDINGS = [
        Binding("y", "outcome('same')", "Same image"),
        Binding("n", "outcome('not_same')", "Not the same"),
        Binding("right_square_bracket,right", "step(1)", "Next match"),
        Binding("left_square_bracket,left", "step(-1)", "Previous"),
        Binding("escape,q", "close", "Back"),
    ]
    DEFAULT_CSS = """
    ImageCompareScreen #pair { height: 1fr; }
    ImageCompareScreen .side { width: 1fr; padding: 0 1; }
    ImageCompareScreen .side-title { text-style: bold; background: $panel; padding: 0 1; }
    ImageCompareScreen ImageWidget, ImageCompareScreen .picture { height: 1fr; width: 1fr; }
    ImageCompareScreen .facts { height: auto; max-height: 9; padding: 0 1; }
    """

    def __init__(self, db: Database, claim: ClaimRow, result: MatchResult, *, user: str, bidi: bool = True) -> None:
        super().__init__()
        self.bidi = bidi
        self.db = db
        self.claim = claim
        self.result = result
        self.user = user
        self.position = 0
        self.recorded = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="pair"):
            with Vertical(classes="side"):
                yield Static(Text("Suspect photo"), classes="side-title")
                yield self._picture(self.result.file, "suspect-picture")
                yield Static(self._suspect_facts(), classes="facts")
            with Vertical(classes="side", id="known-side"):
                yield Static(Text("Known image"), classes="side-title", id="known-title")
                yield self._picture(self._match.path if self._match else None, "known-picture")
                yield Static(self._known_facts(), classes="facts", id="known-facts")
        yield Footer()

    @property
    def _match(self) -> ImageMatch | None:
        return self.result.matches[self.position] if self.result.matches else None

    def _picture(self, path: str | None, wid: str) -> Widget:
        if path and Path(path).is_file():
            try:
                return ImageWidget(path, id=wid, classes="picture")
            except Exception as exc:  # an unreadable file shows a line, not a crash
                return Static(Text(f"cannot show {path}: {exc}", style="red"), id=wid, classes="picture")
        return Static(Text("the file is no longer where it was registered" if path else "no match in the bank",
                           style="dim italic"), id=wid, classes="picture")

    def _suspect_facts(self) -> Text:
        t = Text()
        t.append(make_visible(shown_path(self.result.file)) + "\n")
        t.append(f"sha256 {self.result.sha256[:16]}…\n", style="dim")
        if self.result.trimmed:
            t.append("a frame, caption bar or screenshot chrome was cut away before matching\n", style="dim")
        t.append(f"claim #{self.claim.id}:\n", style="bold")
        t.append_text(paragraph(self.claim.text[:400], max(20, self.app.size.width // 2 - 6), self.bidi))
        return t

    def _known_facts(self) -> Text:
        m = self._match
        if m is None:
            return Text("Nothing in the bank looks like this photo.", style="dim")
        style = "bold red" if m.verdict == "match" else "bold yellow"
        t = Text()
        t.append(f"{m.verdict.upper()}", style=style)
        t.append(f"  {self.position + 1} of {len(self.result.matches)}  ·  distance {m.distance}/64  ·  "
                 f"correlation {m.correlation:.2f}\n")
        for label, value in (("source", m.source), ("first seen", m.first_seen), ("caption", m.caption),
                             ("url", m.url), ("EXIF date", m.exif_date)):
            if value:
                t.append(f"{label}: ", style="bold")
                t.append(make_visible(str(value)) + "\n")
        t.append(f"#{m.known_id}  {make_visible(shown_path(m.path))}  ({m.width}×{m.height})", style="dim")
        return t

    def _refresh_known(self) -> None:
        side = self.query_one("#known-side", Vertical)
        old = side.query_one("#known-picture")
        new = self._picture(self._match.path if self._match else None, "known-picture")
        side.mount(new, before=old)
        old.remove()
        self.query_one("#known-facts", Static).update(self._known_facts())

    def action_step(self, delta: int) -> None:
        if len(self.result.matches) < 2:
            return
        self.position = (self.position + delta) % len(self.result.matches)
        self._refresh_known()

    @work(thread=True, group="outcome", exit_on_error=False)
    def action_outcome(self, outcome: str) -> None:
        m = self._match
        try:
            record_image_outcome(self.db, self.claim.id, m.known_id if m else None, outcome,
                                 path=self.result.file, user=self.user)
        except Exception as exc:
            self.post_message(OutcomeSaved(f"Not saved: {exc}", error=True))
            return
        self.recorded = True
        words = "the same image as" if outcome == "same" else "not the same as"
        target = f"known image #{m.known_id}" if m else "anything in the bank"
        self.post_message(OutcomeSaved(f"Recorded on claim #{self.claim.id}: {words} {target}."))

    @on(OutcomeSaved)
    def _saved(self, msg: OutcomeSaved) -> None:
        self.notify(msg.text, severity="error" if msg.error else "information")

    def action_close(self) -> None:
        self.dismiss(self.recorded)
