"""Small modal dialogs: ask for a line of text, pick a source by typing part of its name, pick a
checker, choose one of a few options, or confirm. Titles are parts (our words and `Data`) shown through the
display path; what is typed is drawn by `BidiInput`. Each returns its answer with `dismiss`, so
a flow awaits it with `push_screen_wait`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from rapidfuzz import fuzz, process
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workbench.services.assignment import Load, Workload
from workbench.services.sources import SourceRow
from workbench.text.display import Data, display_parts, make_visible
from workbench.text.normalize import match_key
from workbench.text.wording import plural
from workbench.tui.shown import Shown
from workbench.tui.widgets.bidi_input import BidiInput

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{ width: 70; max-width: 96%; height: auto; max-height: 90%; border: thick $accent; background: $surface; padding: 1 2; }}
{name} .prompt-title {{ text-style: bold; padding-bottom: 1; }}
{name} .prompt-hint {{ color: $text-muted; padding-top: 1; }}
{name} OptionList {{ height: auto; max-height: 16; }}
"""

Title = str | Sequence[str]
_Picked = TypeVar("_Picked")


def _parts(title: Title) -> list[str]:
    return [title] if isinstance(title, str) else list(title)


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text: Enter answers it ("" when empty), Escape answers None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = DIALOG_CSS.format(name="TextPrompt")

    def __init__(self, title: Title, *, bidi: bool, value: str = "", placeholder: str = "", hint: str = "") -> None:
        super().__init__()
        self._title = _parts(title)
        self._value = value
        self._placeholder = placeholder
        self._hint = hint
        self.bidi = bidi

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Shown(*self._title, bidi=self.bidi), classes="prompt-title")
            yield BidiInput(value=self._value, placeholder=self._placeholder, id="prompt-input", bidi=self.bidi)
            if self._hint:
                yield Static(Shown(self._hint, bidi=self.bidi), classes="prompt-hint")

    def on_mount(self) -> None:
        self.query_one(BidiInput).focus()

    @on(BidiInput.Submitted)
    def _submitted(self, event: BidiInput.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmPrompt(ModalScreen[bool]):
    """Ask before doing something that cannot be taken back lightly: y (or Enter) goes ahead."""

    BINDINGS = [Binding("y,enter", "answer(True)", "Yes", show=False), Binding("n,escape", "answer(False)", "No", show=False)]
    DEFAULT_CSS = DIALOG_CSS.format(name="ConfirmPrompt")

    def __init__(self, question: Title, *, bidi: bool, yes: str = "y: yes, go ahead   n / esc: no") -> None:
        super().__init__()
        self._question = _parts(question)
        self._yes = yes
        self.bidi = bidi

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Shown(*self._question, bidi=self.bidi), classes="prompt-title")
            yield Static(Text(self._yes), classes="prompt-hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ChoicePrompt(ModalScreen[str | None]):
    """Pick one of a few options (arrow keys and Enter)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = DIALOG_CSS.format(name="ChoicePrompt")

    def __init__(self, title: Title, options: Sequence[tuple[str, str]], *, bidi: bool) -> None:
        super().__init__()
        self._title = _parts(title)
        self._options = list(options)
        self.bidi = bidi

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Shown(*self._title, bidi=self.bidi), classes="prompt-title")
            yield OptionList(*[Option(Text(label), id=value) for value, label in self._options], id="choices")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class _TypeToPick(ModalScreen[_Picked]):
    """What both pickers share: a title, a line to type in that narrows the options below it,
    Enter (or a click) picking the highlighted option, the arrow keys moving through them. A
    subclass fills the options (`_fill`) and says what an option's id stands for (`_pick`)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("down", "down", show=False), Binding("up", "up", show=False)]
    PLACEHOLDER = ""
    NOTHING_PICKED = ""  # said when Enter finds no option

    def __init__(self, title: Title, *, bidi: bool) -> None:
        super().__init__()
        self._title = _parts(title)
        self._typed = ""
        self._bidi = bidi

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Shown(*self._title, bidi=self._bidi), classes="prompt-title")
            yield BidiInput(placeholder=self.PLACEHOLDER, id="picker-input", bidi=self._bidi)
            yield OptionList(id="picker-list")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(BidiInput).focus()

    def _fill(self, query: str) -> None:
        raise NotImplementedError

    def _pick(self, option_id: str | None) -> None:
        raise NotImplementedError

    def _new_option(self, what: str) -> Option:
        """The option that gives what was typed as a new name ("+ a new source named …")."""
        new = Text(f"+ {what} named ", style="bold green")
        new.append(display_parts([Data(self._typed)], 40, self._bidi), style="bold")
        return Option(new, id="new")

    @on(BidiInput.Changed)
    def _changed(self, event: BidiInput.Changed) -> None:
        self._fill(event.value)

    @on(BidiInput.Submitted)
    def _submitted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None or options.option_count == 0:
            self.notify(self.NOTHING_PICKED, severity="warning")
            return
        self._pick(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id)

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)


class SourcePicker(_TypeToPick[int | str | None]):
    """Type part of a name (any spelling); Enter picks the highlighted source (its id). With
    `allow_new`, the last option makes a new source of what was typed (its name)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="SourcePicker")
    PLACEHOLDER = "type part of a name, in any spelling"
    NOTHING_PICKED = "No source matches."

    def __init__(self, title: Title, sources: list[SourceRow], *, bidi: bool, exclude: int | None = None,
                 allow_new: bool = False) -> None:
        super().__init__(title, bidi=bidi)
        self._allow_new = allow_new
        self._sources = [s for s in sources if s.id != exclude]
        self._keys = [match_key(" ".join([s.canonical, *s.aliases])) for s in self._sources]

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
            label = Text(display_parts([Data(s.canonical)], 40, self._bidi))
            label.append(f"  {make_visible(s.kind)} · {plural(s.claims, 'claim')}", style="dim")
            options.add_option(Option(label, id=str(s.id)))
        if self._allow_new and self._typed:
            options.add_option(self._new_option("a new source"))
        if options.option_count:
            options.highlighted = 0

    def _pick(self, option_id: str | None) -> None:
        self.dismiss(self._typed if option_id == "new" else int(option_id or 0))


@dataclass(frozen=True, slots=True)
class Checker:
    """The checker picked: a name, or None for nobody (the claims taken back)."""

    name: str | None


def _load_words(load: Load | None) -> str:
    if load is None or not load.total:
        return "holds nothing"
    words = f"{load.open:,} to check"
    return words + (f", {load.done:,} done" if load.done else "")


class CheckerPicker(_TypeToPick[Checker | None]):
    """Whom to give claims to: you first, then every checker the database knows with what each
    holds; typing narrows them (any part of a name, any case), and a name nobody has yet can be
    given as typed. With `nobody`, an option takes the claims back. Enter picks the highlighted."""

    DEFAULT_CSS = DIALOG_CSS.format(name="CheckerPicker")
    PLACEHOLDER = "a checker's name (Enter: the highlighted one)"
    NOTHING_PICKED = "Type a checker's name."

    def __init__(self, title: Title, workload: Workload, *, me: str, bidi: bool, nobody: bool = False) -> None:
        super().__init__(title, bidi=bidi)
        self._me = me
        self._loads = {c.checker: c for c in workload.checkers if c.checker is not None}
        self._names = [me, *(n for n in self._loads if n != me)]
        self._nobody = nobody

    def _fill(self, query: str) -> None:
        self._typed = query.strip()
        want = self._typed.casefold()
        options = self.query_one(OptionList)
        options.clear_options()
        exact = False
        for i, name in enumerate(self._names):
            if want and want not in name.casefold():
                continue
            exact = exact or name.casefold() == want
            label = Text("you: " if name == self._me else "", style="bold")
            label.append(display_parts([Data(name)], 36, self._bidi), style="bold" if name == self._me else "")
            label.append(f"  {_load_words(self._loads.get(name))}", style="dim")
            options.add_option(Option(label, id=f"name:{i}"))
        if self._nobody and (not want or want in "nobody"):
            options.add_option(Option(Text("nobody: take them back (unassigned)", style="italic"), id="nobody"))
        if self._typed and not exact:
            options.add_option(self._new_option("a checker"))
        if options.option_count:
            options.highlighted = 0

    def _pick(self, option_id: str | None) -> None:
        if option_id == "nobody":
            self.dismiss(Checker(None))
        elif option_id == "new":
            self.dismiss(Checker(self._typed))
        elif option_id and option_id.startswith("name:"):
            self.dismiss(Checker(self._names[int(option_id[5:])]))
