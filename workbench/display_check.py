"""Validating display settings given on the command line."""

from __future__ import annotations

from workbench.errors import WorkbenchError

BIDI_VALUES = ("auto", "on", "off")


def check_bidi_value(value: str | None) -> None:
    if value is not None and value.strip().lower() not in BIDI_VALUES:
        raise WorkbenchError(f"--bidi takes auto, on or off, not {value!r}")
