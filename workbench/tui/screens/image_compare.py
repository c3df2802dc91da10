"""A suspect photo beside its match in the bank, with what is known of each; the checker says
whether they are the same image, and that goes on the claim as evidence.

Pictures are drawn by textual-image: Kitty graphics or Sixel where the terminal has them,
coloured half blocks elsewhere (over SSH, in tmux)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Static
from textual_image.widget import Image as ImageWidget

from workbench.services.claims import ClaimRow
from workbench.services.images import ImageMatch, MatchResult, record_image_outcome
from workbench.storage.db import Database
from workbench.text.display import Data, display_lines, make_visible
from workbench.tui.calls import Done, call
from workbench.tui.desk import notice
from workbench.tui.keys import bindings
from workbench.tui.shown import Part, Shown


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


class ImageCompareScreen(Screen[bool]):
    BINDINGS = bindings("image")
    DEFAULT_CSS = """
    ImageCompareScreen #pair { height: 1fr; }
    ImageCompareScreen .side { width: 1fr; padding: 0 1; }
    ImageCompareScreen .side-title { text-style: bold; background: $panel; padding: 0 1; }
    ImageCompareScreen ImageWidget, ImageCompareScreen .picture { height: 1fr; width: 1fr; }
    ImageCompareScreen .facts { height: auto; max-height: 55%; padding: 0 1; }
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
                return Static(Shown(("cannot show ", "red"), Data(shown_path(path)), ": ", Data(str(exc)), bidi=self.bidi),
                              id=wid, classes="picture")
        return Static(Text("the file is no longer where it was registered" if path else "no match in the bank",
                           style="dim italic"), id=wid, classes="picture")

    def _suspect_facts(self) -> Text:
        t = Text()
        t.append(make_visible(shown_path(self.result.file)) + "\n")
        t.append(f"sha256 {self.result.sha256[:16]}…\n", style="dim")
        if self.result.trimmed:
            t.append("a frame, caption bar or screenshot chrome was cut away before matching\n", style="dim")
        if self.result.panels:
            t.append(f"a composite: cut into {self.result.panels} panels, each matched on its own as well\n",
                     style="dim")
        t.append(f"claim #{self.claim.id}:\n", style="bold")
        t.append_text(paragraph(self.claim.text[:400], max(20, self.app.size.width // 2 - 6), self.bidi))
        return t

    def _known_facts(self) -> Text | Shown:
        m = self._match
        if m is None:
            if self.result.unmatchable:  # a flat picture: saying "nothing like it" would overstate the search
                return Shown(("CANNOT BE MATCHED", "bold yellow"), "\n", ("why: ", "bold"), self.result.unmatchable,
                             "\nA picture like this matches nothing and is never called a match; there is "
                             "nothing to call the same or not.", bidi=self.bidi)
            return Text("Nothing in the bank looks like this photo: there is nothing to call the same or not.",
                        style="dim")
        style = "bold red" if m.verdict == "match" else "bold yellow"
        # What decides first (which image, how it was found, where), provenance after: on a small
        # terminal the facts are cut from the end.
        parts: list[Part] = [(m.verdict.upper(), style), f"  {self.position + 1} of {len(self.result.matches)}  ·  ",
                             (f"#{m.known_id} ", "bold"), Data(shown_path(m.path)), (f"  ({m.width}×{m.height})", "dim")]
        if m.how:
            parts += ["\n", ("found: ", "bold"), m.how]
        where = m.where + (", inside the frame cut away" if m.region is None and self.result.trimmed else "")
        parts += ["\n", ("where: ", "bold"), where]
        for label, value in (("source", m.source), ("first seen", m.first_seen), ("caption", m.caption),
                             ("url", m.url), ("EXIF date", m.exif_date)):
            if value:
                parts += ["\n", (f"{label}: ", "bold"), Data(str(value))]
        parts += ["\n", (f"hash distance {m.distance}/64  ·  thumbnail correlation {m.correlation:.2f}", "dim")]
        return Shown(*parts, bidi=self.bidi)

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Same or not the same is a question only when the bank has a match to compare with."""
        if action == "outcome":
            return self._match is not None
        return True

    @work(group="outcome", exit_on_error=False)
    async def action_outcome(self, outcome: str) -> None:
        m = self._match
        if m is None:
            return
        done = await call(record_image_outcome, self.db, self.claim.id, m.known_id, outcome, path=self.result.file,
                          user=self.user)
        if not isinstance(done, Done):
            self.app.notify(notice("Not saved: ", Data(done.message), severity="error"))  # type: ignore[arg-type]
            return
        self.recorded = True
        words = "the same image as" if outcome == "same" else "not the same as"
        self.app.notify(notice(f"Recorded on claim #{self.claim.id}: {words} known image #{m.known_id}."))  # type: ignore[arg-type]

    def action_close(self) -> None:
        self.dismiss(self.recorded)
