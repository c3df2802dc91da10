"""Small modal dialogs: ask for a line of text, or pick a source by typing part of its name."""

from __future__ import annotations

from rapidfuzz import fuzz, process
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from workbench.services.sources import SourceRow
from workbench.text.display import display_line
from workbench.text.normalize import match_key

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{ width: 70; height: auto; max-height: 80%; border: thick $accent; background: $surface; padding: 1 2; }}
{name} .prompt-title {{ text-style: bold; padding-bottom: 1; }}
{name} OptionList {{ height: auto; max-height: 16; }}
"""


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text; Enter returns it, Escape returns None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = DIALOG_CSS.format(name="TextPrompt")

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self._title = title
        self._value = value
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._title), classes="prompt-title")
            yield Input(value=self._value, placeholder=self._placeholder, id="prompt-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SourcePicker(ModalScreen[int | str | None]):
    """Type part of a name (any spelling); Enter picks the highlighted source (its id). With
    `allow_new`, the last option makes a new source of what was typed (its name)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("down", "down", show=False), Binding("up", "up", show=False)]
    DEFAULT_CSS = DIALOG_CSS.format(name="SourcePicker")

    def __init__(self, title: str, sources: list[SourceRow], *, bidi: bool, exclude: int | None = None,
                 allow_new: bool = False) -> None:
        super().__init__()
        self._allow_new = allow_new
        self._typed = ""
        self._title = title
        self._sources = [s for s in sources if s.id != exclude]
        self._keys = [match_key(" ".join([s.canonical, *s.aliases])) for s in self._sources]
        self._bidi = bidi

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._title), classes="prompt-title")
            yield Input(placeholder="type part of a name", id="picker-input")
            yield OptionList(id="picker-list")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        self._typed = query.strip()
        options = self.query_one(OptionList)
        options.clear_options()
        if query.strip():
            hits = process.extract(match_key(query), self._keys, scorer=fuzz.partial_ratio, limit=30, score_cutoff=60)
            chosen = [self._sources[i] for _k, _score, i in hits]
        else:
            chosen = self._sources[:30]
        for s in chosen:
            label = Text(display_line(s.canonical, 40, self._bidi))
            label.append(f"  {s.kind} · {s.claims} claims", style="dim")
            options.add_option(Option(label, id=str(s.id)))
        if self._allow_new and self._typed:
            new = Text("+ a new source named ", style="bold green")
            new.append(display_line(self._typed, 40, self._bidi), style="bold")
            options.add_option(Option(new, id="new"))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None or options.option_count == 0:
            self.notify("No source matches.", severity="warning")
            return
        self._pick(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id)

    def _pick(self, option_id: str | None) -> None:
        self.dismiss(self._typed if option_id == "new" else int(option_id or 0))

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
