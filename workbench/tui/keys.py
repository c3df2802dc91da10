"""Every key of the app, once. The screens' bindings, the footer, the command palette, the help
screen (`?`) and the README's key table all come from here (a test holds the README to it), so
they cannot drift apart.

    python -m workbench.tui.keys     # the README's key tables, as Markdown
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.binding import BindingType


@dataclass(frozen=True, slots=True)
class Key:
    """One binding: Textual's key names (comma-separated), the action, and its name in the
    footer and the palette."""

    keys: str
    action: str
    label: str
    footer: bool = False


@dataclass(frozen=True, slots=True)
class KeyLine:
    """One line of the help and of the README: the keys as written there, what they do, and the
    bindings behind them (none for keys Textual itself handles, such as tab)."""

    shown: str
    does: str
    keys: tuple[Key, ...] = ()


def _status(key: str, status: str, label: str, footer: bool = False) -> Key:
    return Key(key, f"mark('{status}')", label, footer)


QUEUE = [
    KeyLine("`v` `d` `f` `m` `u` `p`", "mark the selected claim (or every marked one) verified, disputed, false, "
            "misleading, unverifiable, in progress", (
                _status("v", "verified", "Verified", True), _status("d", "disputed", "Disputed", True),
                _status("f", "false", "False", True), _status("m", "misleading", "Misleading"),
                _status("u", "unverifiable", "Unverifiable"), _status("p", "in_progress", "In progress"))),
    KeyLine("`r`", "reset to unchecked", (_status("r", "unchecked", "Reset"),)),
    KeyLine("`ctrl+z` / `U`", "undo your last verdict, confirmation or assignment (every claim one key changed)",
            (Key("ctrl+z,U", "undo", "Undo"),)),
    KeyLine("`j` `k` `↓` `↑`, `page down` `page up`, `g` `G` `home` `end`",
            "move in the queue: a claim, a page, to the first or the last", (
                Key("down,j", "cursor(1)", ""), Key("up,k", "cursor(-1)", ""), Key("pagedown", "page(1)", ""),
                Key("pageup", "page(-1)", ""), Key("home,g", "first", ""), Key("end,G", "last", ""))),
    KeyLine("`n`", "next unchecked claim", (Key("n", "next_unchecked", "Next unchecked"),)),
    KeyLine("`space` / `A`", "mark the claim / every claim shown; a status key, `c` or `l` then acts on all the "
            "marked claims (one `ctrl+z` undoes them all)",
            (Key("space", "toggle_mark", "Mark", True), Key("A", "mark_all", "Mark all"))),
    KeyLine("`esc`", "unmark; again: leave the search; again: clear the filter",
            (Key("escape", "escape", "Unmark / leave search / clear filter"),)),
    KeyLine("`b`", "group the queue by article, source, kind, status, checker, language, check-worthiness (again: "
            "next, then none)", (Key("b", "cycle_group", "Group"),)),
    KeyLine("`s`", "sort: article order / most check-worthy first", (Key("s", "toggle_sort", "Sort"),)),
    KeyLine("`/`", "search claims: any spelling, with or without ال و ب ل…, one typo forgiven in longer words",
            (Key("slash", "search", "Search", True),)),
    KeyLine("`F`", 'filter: `mine unassigned assignee:omar status:false kind:unnamed lang:ar source:"Aleppo Media '
            'Center" worth>0.5 media seen` (`-` negates)', (Key("F", "filter", "Filter"),)),
    KeyLine("`e`", "attribute the claim to another source, or to a new one; the checker's choice counts as "
            "confirmed (kept in its history; also `workbench sources assign`)", (Key("e", "edit_source", "Attribute to…"),)),
    KeyLine("`a`", "confirm the claim's source (or every marked claim's): `✓` in the queue, where `?` marks the "
            "analyzer's unsure guesses (below 0.8) and `·` its confident ones; `ctrl+z` withdraws it",
            (Key("a", "confirm_source", "Confirm source"),)),
    KeyLine("`t` / `T`", "assign the claim (or every marked one) to a checker: you first, then the checkers the "
            "database knows with what each holds, any name typed, or nobody / take it: assign it to yourself "
            "(`@` in the queue: yours, `+`: a colleague's; also `workbench assign`)",
            (Key("t", "assign", "Assign to…"), Key("T", "take", "Take (assign to me)"))),
    KeyLine("`c` / `l`", "a note / an evidence link on the claim (or every marked one)",
            (Key("c", "note", "Note"), Key("l", "link", "Evidence link"))),
    KeyLine("`i`", "check a photo for the claim against the bank, side by side", (Key("i", "check_image", "Check a photo"),)),
    KeyLine("`o`", "the claim's source: every claim it is cited for; rate, accept, rename, merge it",
            (Key("o", "open_source", "Source"),)),
    KeyLine("`D`", "dashboard: counts by status, who holds how many claims still to check, sources, articles; "
            "what to check next (Enter opens it)",
            (Key("D", "dashboard", "Dashboard"),)),
    KeyLine("`X`", "export verdicts: ClaimReview JSON-LD, CSV or a Markdown report", (Key("X", "export", "Export"),)),
    KeyLine("`I` / `B`", "ingest articles / register known photos, with progress (`esc` cancels)",
            (Key("I", "import_articles", "Ingest articles"), Key("B", "import_photos", "Register photos"))),
    KeyLine("`ctrl+r`", "reload from the database (the cursor stays on its claim)", (Key("ctrl+r", "reload", "Reload"),)),
    KeyLine("`tab`", "move between the queue, the article and the claim's details (arrows scroll them)"),
    KeyLine("`?`", "all keys", (Key("question_mark", "help", "Keys", True),)),
    KeyLine("`ctrl+p`", "the command palette: every key by name"),
    KeyLine("`q`", "quit", (Key("q", "app.quit", "Quit", True),)),
]

SOURCE = [
    KeyLine("`1` `2` `3` `4`", "rate the source credible, mixed, not credible, unknown (for the whole team: asked "
            "first, kept in its history)", (
                Key("1", "rate('credible')", "Credible"), Key("2", "rate('mixed')", "Mixed"),
                Key("3", "rate('not credible')", "Not credible"), Key("4", "rate('unknown')", "Unknown"))),
    KeyLine("`ctrl+z` / `U`", "undo your last rating (unless someone rated it since)", (Key("ctrl+z,U", "undo", "Undo rating"),)),
    KeyLine("`a`", "accept a new source into the registry", (Key("a", "accept", "Accept"),)),
    KeyLine("`R` / `M`", "rename it / merge it into another source",
            (Key("R", "rename", "Rename"), Key("M", "merge", "Merge into…"))),
    KeyLine("`esc` / `q`", "back to the queue", (Key("escape,q", "close", "Back", True),)),
]

IMAGE = [
    KeyLine("`y` / `n`", "the same image as the match / not the same (only when the bank has a match)",
            (Key("y", "outcome('same')", "Same image", True), Key("n", "outcome('not_same')", "Not the same", True))),
    KeyLine("`]` `→` / `[` `←`", "next / previous match",
            (Key("right_square_bracket,right", "step(1)", "Next match"), Key("left_square_bracket,left", "step(-1)", "Previous"))),
    KeyLine("`esc` / `q`", "back to the queue", (Key("escape,q", "close", "Back", True),)),
]

DASHBOARD = [
    KeyLine("`enter`", "open the claim in the queue (or the claims of the article, the source, the checker)",
            (Key("enter", "open", "Open", True),)),
    KeyLine("`esc` / `q` / `D`", "back to the queue", (Key("escape,q,D", "dismiss", "Close", True),)),
]

SECTIONS: list[tuple[str, str, list[KeyLine]]] = [
    ("queue", "The queue", QUEUE),
    ("source", "A source (`o`)", SOURCE),
    ("image", "A photo beside its match (`i`)", IMAGE),
    ("dashboard", "The dashboard (`D`)", DASHBOARD),
]
_BY_NAME = {name: lines for name, _title, lines in SECTIONS}

# How a Textual key name is written in the help.
WRITTEN = {"question_mark": "?", "slash": "/", "escape": "esc", "right_square_bracket": "]",
           "left_square_bracket": "[", "right": "→", "left": "←", "down": "↓", "up": "↑",
           "pagedown": "page down", "pageup": "page up"}


def written(key: str) -> str:
    return WRITTEN.get(key, key)


def bindings(section: str) -> list[BindingType]:
    """A screen's BINDINGS."""
    from textual.binding import Binding

    return [Binding(k.keys, k.action, k.label, show=k.footer) for line in _BY_NAME[section] for k in line.keys]


def markdown() -> str:
    """The README's key tables."""
    out: list[str] = []
    for _name, title, lines in SECTIONS:
        if out:
            out += ["", f"{title}:", ""]
        out += ["| key | does |", "|---|---|"]
        out += [f"| {line.shown} | {line.does} |" for line in lines]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
