"""The bidi setting, checked: `--bidi` or WORKBENCH_BIDI take auto, on or off, and anything else
is an error (a typo must not quietly become "auto")."""

from __future__ import annotations

import os
from collections.abc import Mapping

from workbench.errors import WorkbenchError
from workbench.text.display import terminal_reorders_bidi

BIDI_VALUES = ("auto", "on", "off")


def check_bidi_value(value: str | None, origin: str = "--bidi") -> None:
    if value is not None and value.strip().lower() not in BIDI_VALUES:
        raise WorkbenchError(f"{origin} takes auto, on or off, not {value!r}")


def bidi_setting(flag: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The setting in force: the flag, else WORKBENCH_BIDI, else auto; each checked."""
    env = os.environ if environ is None else environ
    check_bidi_value(flag)
    if flag:
        return flag.strip().lower()
    check_bidi_value(env.get("WORKBENCH_BIDI") or None, "WORKBENCH_BIDI")
    return (env.get("WORKBENCH_BIDI") or "auto").strip().lower()


def bidi_for_output(flag: str | None, *, isatty: bool, environ: Mapping[str, str] | None = None) -> bool:
    """Should a command reorder Arabic in what it prints? On and off say so; auto reorders only
    for a terminal that does not do it itself (never for a pipe or a file: a script reading
    `workbench claims` gets the text as stored)."""
    setting = bidi_setting(flag, environ)
    if setting != "auto":
        return setting == "on"
    return isatty and not terminal_reorders_bidi(os.environ if environ is None else environ)
